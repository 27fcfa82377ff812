"""Inputs: rotation chains, compressed files, standard input, long lines, read errors."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import sys
from pathlib import Path

import pytest

from webwarden.errors import ConfigError
from webwarden.logs.sources import (
    MAX_LINE,
    STDIN_DISPLAY,
    TOO_LONG,
    LogFile,
    LogReadError,
    chains,
    display_path,
    lines_of,
    read_lines,
)

TEXT = "first\r\nsecond\n\nlast without newline"
LINES = [(1, "first"), (2, "second"), (3, ""), (4, "last without newline")]


@pytest.mark.parametrize(
    ("name", "compress"),
    [
        pytest.param("access.log", lambda b: b, id="plain"),
        pytest.param("access.log.gz", lambda b: gzip.compress(b, mtime=0), id="gzip"),
        pytest.param("access.log.bz2", bz2.compress, id="bzip2"),
        pytest.param("access.log.xz", lzma.compress, id="xz"),
        pytest.param("access.log.1", lambda b: gzip.compress(b, mtime=0), id="gzip-without-suffix"),
    ],
)
def test_read_lines(tmp_path: Path, name: str, compress: object) -> None:
    path = tmp_path / name
    path.write_bytes(compress(TEXT.encode()))  # type: ignore[operator]
    assert list(read_lines(LogFile(path, name))) == LINES


def test_undecodable_bytes_are_replaced(tmp_path: Path) -> None:
    path = tmp_path / "access.log"
    path.write_bytes(b"caf\xe9\n")
    assert list(read_lines(LogFile(path, "access.log"))) == [(1, "caf\ufffd")]


def test_lines_longer_than_the_limit_are_skipped_whole() -> None:
    data = b"a" * (MAX_LINE * 2 + 5) + b"\nnext\n" + b"b" * MAX_LINE
    assert list(lines_of(io.BytesIO(data))) == [(1, TOO_LONG), (2, "next"), (3, TOO_LONG)]


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    data = gzip.compress(b"one\ntwo\n", mtime=0)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    (chain,) = chains(["-"], Path.cwd())
    assert chain == [LogFile(None, STDIN_DISPLAY)]
    assert list(read_lines(chain[0])) == [(1, "one"), (2, "two")]
    assert not sys.stdin.closed


def test_read_errors(tmp_path: Path) -> None:
    with pytest.raises(LogReadError, match="not a regular file"):
        list(read_lines(LogFile(tmp_path, "dir")))
    with pytest.raises(LogReadError, match="cannot read: No such file"):
        list(read_lines(LogFile(tmp_path / "gone.log", "gone.log")))
    broken = tmp_path / "broken.log.gz"
    data = gzip.compress(b"line\n" * 1000, mtime=0)
    broken.write_bytes(data[:-20])
    with pytest.raises(LogReadError, match="cannot read on"):
        list(read_lines(LogFile(broken, "broken.log.gz")))
    corrupt = tmp_path / "corrupt.log.gz"
    corrupt.write_bytes(data[:10] + b"\x00" * 40 + data[50:])
    with pytest.raises(LogReadError, match="cannot read on"):
        list(read_lines(LogFile(corrupt, "corrupt.log.gz")))


def test_chains_order_rotated_files_oldest_first(tmp_path: Path) -> None:
    for name in (
        "access.log",
        "access.log.1",
        "access.log.2.gz",
        "access.log.10.gz",
        "error.log",
        "app.log-20240501",
        "app.log-20240430.gz",
        "app.log",
        ".hidden",
    ):
        (tmp_path / name).write_text("x\n")
    (tmp_path / "subdir").mkdir()
    found = [[f.display for f in chain] for chain in chains([str(tmp_path)], tmp_path)]
    assert found == [
        ["access.log.10.gz", "access.log.2.gz", "access.log.1", "access.log"],
        ["app.log-20240430.gz", "app.log-20240501", "app.log"],
        ["error.log"],
    ]


def test_chains_of_given_files_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a.log").write_text("x\n")
    (tmp_path / "a.log.1").write_text("x\n")
    given = [str(tmp_path / "a.log"), str(tmp_path / "a.log.1"), str(tmp_path / "a.log")]
    assert [[f.display for f in c] for c in chains(given, tmp_path)] == [["a.log.1", "a.log"]]
    with pytest.raises(ConfigError, match=r"missing\.log: no such file or directory"):
        chains([str(tmp_path / "missing.log")], tmp_path)


def test_display_path(tmp_path: Path) -> None:
    assert display_path(tmp_path / "logs" / "a.log", tmp_path) == "logs/a.log"
    assert display_path(Path("/var/log/a.log"), tmp_path) == "/var/log/a.log"
