"""Reading events from inputs: detection, comments, malformed lines, unreadable files."""

from __future__ import annotations

from pathlib import Path

from webwarden.logs.formats import make_parsers, parser_named
from webwarden.logs.reader import Detector, FileStats, read_stream
from webwarden.logs.sources import LogFile

GOOD = '203.0.113.7 - - [01/May/2024:10:00:{s:02d} +0000] "GET /{s} HTTP/1.1" 200 5 "-" "x"'


def _read(path: Path, detector: Detector | None = None) -> tuple[list[int], FileStats]:
    stats: list[FileStats] = []
    events = read_stream(
        [LogFile(path, path.name)], detector or Detector(make_parsers(), None), stats
    )
    lines = [event.line for event in events]
    return lines, stats[0]


def test_malformed_lines_are_counted_with_the_first_numbers(tmp_path: Path) -> None:
    rows = [GOOD.format(s=s) if s % 4 else f"broken {s}" for s in range(1, 40)]
    path = tmp_path / "access.log"
    path.write_text("\n".join(rows) + "\n")
    lines, stats = _read(path)
    assert len(lines) == 30
    assert (stats.format, stats.lines, stats.events, stats.malformed) == ("combined", 39, 30, 9)
    assert stats.malformed_lines == [4, 8, 12, 16, 20]
    assert stats.first_malformed == "broken 4"


def test_a_line_cut_after_its_request_is_read_and_counted_malformed(tmp_path: Path) -> None:
    path = tmp_path / "access.log"
    path.write_text(GOOD.format(s=1) + "\n" + GOOD.format(s=2).partition(" 200 ")[0] + "\n")
    lines, stats = _read(path)
    assert (lines, stats.events, stats.malformed, stats.malformed_lines) == ([1, 2], 2, 1, [2])


def test_comments_before_the_first_record_do_not_hide_the_format(tmp_path: Path) -> None:
    path = tmp_path / "access.log"
    path.write_text("# header\n" * 40 + GOOD.format(s=1) + "\n")
    lines, stats = _read(path)
    assert (lines, stats.format, stats.malformed, stats.problem) == ([41], "combined", 0, None)


def test_unrecognised_binary_and_empty_files(tmp_path: Path) -> None:
    note = tmp_path / "note.log"
    note.write_text("just words\nmore words\n")
    assert _read(note)[1].problem == "not in a log format webwarden reads (see `--log-format`)"
    assert _read(note)[1].lines == 2
    binary = tmp_path / "core.log"
    binary.write_bytes(b"\x00\x01\x02\n")
    assert _read(binary)[1].problem == "binary file (contains NUL bytes), not a text log"
    empty = tmp_path / "empty.log"
    empty.write_text("")
    assert _read(empty)[1].problem is None


def test_a_forced_format_reads_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "access.log"
    path.write_text(GOOD.format(s=1) + "\n")
    parsers = make_parsers()
    lines, stats = _read(path, Detector(parsers, parser_named("uwsgi", parsers)))
    assert (lines, stats.format, stats.malformed) == ([], "uwsgi", 0)  # uWSGI ignores other lines


def test_read_errors_keep_the_lines_before_them(tmp_path: Path) -> None:
    import gzip

    data = gzip.compress(
        ("\n".join(GOOD.format(s=s % 60) for s in range(3000)) + "\n").encode(), mtime=0
    )
    path = tmp_path / "access.log.gz"
    path.write_bytes(data[: len(data) // 2])
    lines, stats = _read(path)
    assert lines
    assert stats.problem is not None
    assert stats.problem.startswith("cannot read on:")
    assert stats.problem.endswith(f"(after line {stats.lines})")
    assert stats.problem_line == stats.lines
    missing = LogFile(tmp_path / "gone.log", "gone.log")
    stats_list: list[FileStats] = []
    assert list(read_stream([missing], Detector(make_parsers(), None), stats_list)) == []
    assert stats_list[0].problem == "cannot read: No such file or directory"


def test_nul_padding_of_a_copied_and_truncated_log_is_read_past(tmp_path: Path) -> None:
    # logrotate's `copytruncate`: the writer's next line lands after a run of NUL bytes.
    path = tmp_path / "access.log"
    rows = "".join(GOOD.format(s=s) + "\n" for s in range(1, 4))
    path.write_bytes(b"\x00" * 8192 + rows.encode() + GOOD.format(s=4).encode() + b"\x00\x00\n")
    lines, stats = _read(path)
    assert (lines, stats.format, stats.problem) == ([1, 2, 3, 4], "combined", None)
