"""Following growing logs: appended lines, rotation by rename, truncation, standard input."""

from __future__ import annotations

import io
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from webwarden.errors import ConfigError
from webwarden.findings import Finding
from webwarden.logs.monitor import LogRun, monitor_logs
from webwarden.logs.settings import parse_settings
from webwarden.rules.base import LogNoticeRule, LogRule
from webwarden.rules.registry import all_rules

RULES = [r for r in all_rules() if issubclass(r, LogRule | LogNoticeRule)]
LINE = '{ip} - - [01/May/2024:10:00:{s:02d} +0000] "GET {target} HTTP/1.1" 200 5 "-" "x"\n'
DEADLINE = 10.0


class _Follow:
    """`monitor_logs(..., stop=...)` in a thread, with the alerts it raised so far."""

    def __init__(self, inputs: list[Path], root: Path) -> None:
        self.alerts: list[Finding] = []
        self.stop = threading.Event()
        self.run: LogRun | None = None
        self.thread = threading.Thread(target=self._target, args=(inputs, root))
        self.thread.start()

    def _target(self, inputs: list[Path], root: Path) -> None:
        self.run = monitor_logs(
            [str(p) for p in inputs],
            parse_settings({}),
            RULES,
            root,
            stop=self.stop,
            alert=self.alerts.append,
            poll_seconds=0.02,
        )

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + DEADLINE
        while len(self.alerts) < count:
            assert time.monotonic() < deadline, f"only {len(self.alerts)} alerts"
            time.sleep(0.01)

    def finish(self) -> LogRun:
        self.stop.set()
        self.thread.join(DEADLINE)
        assert self.run is not None
        return self.run


@pytest.fixture
def following() -> Iterator[list[_Follow]]:
    """Followers started by a test; stopped however the test ends."""
    started: list[_Follow] = []
    yield started
    for follow in started:
        follow.stop.set()
        follow.thread.join(DEADLINE)


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def test_follow_appends_rotation_and_truncation(tmp_path: Path, following: list[_Follow]) -> None:
    log = tmp_path / "access.log"
    old_probe = LINE.format(ip="192.0.2.1", s=0, target="/?q=%27%20or%201=1--")
    log.write_text(LINE.format(ip="192.0.2.1", s=1, target="/") * 3 + old_probe)
    follow = _Follow([log], tmp_path)
    following.append(follow)
    time.sleep(0.1)
    # Lines already there are skipped (but counted, for line numbers).
    _append(log, LINE.format(ip="203.0.113.1", s=2, target="/?q=1%20UNION%20SELECT%201"))
    follow.wait_for(1)
    _append(log, "partial line without its end")
    log.rename(tmp_path / "access.log.1")  # rotation: a new file takes the name
    (tmp_path / "access.log").write_text(
        LINE.format(ip="203.0.113.2", s=3, target="/?q=%3Cscript%3E")
    )
    follow.wait_for(2)
    (tmp_path / "access.log").write_text(
        LINE.format(ip="203.0.113.3", s=4, target="/f?p=../../etc/passwd")
    )
    follow.wait_for(3)  # truncated and rewritten (copytruncate)
    run = follow.finish()
    where = sorted((f.code, f.location.line) for f in run.findings)
    assert where == [("WW030", 6), ("WW1190", 1), ("WW490", 5), ("WW590", 1)]
    assert [f.code for f in follow.alerts] == ["WW490", "WW590", "WW1190"]
    assert run.files[0].format == "combined"


def test_follow_detects_the_format_of_an_empty_file_from_its_first_lines(
    tmp_path: Path, following: list[_Follow]
) -> None:
    log = tmp_path / "app.log"
    log.write_text("")
    follow = _Follow([log], tmp_path)
    following.append(follow)
    time.sleep(0.1)
    _append(
        log,
        "".join(
            f"2024-05-01 10:00:0{n},000 WARNING shop Login failed for user 'u{n}' from 192.0.2.9\n"
            for n in range(5)
        ),
    )
    follow.wait_for(1)
    run = follow.finish()
    assert [f.code for f in run.findings] == ["WW791"]
    assert run.files[0].format == "app"


def test_follow_gives_up_on_an_unrecognised_file(tmp_path: Path, following: list[_Follow]) -> None:
    log = tmp_path / "notes.log"
    log.write_text("")
    follow = _Follow([log], tmp_path)
    following.append(follow)
    time.sleep(0.1)
    _append(log, "just words\n" * 30)
    time.sleep(0.2)
    run = follow.finish()
    assert [f.code for f in run.findings] == ["WW031"]


def test_follow_reads_standard_input_to_its_end(monkeypatch: pytest.MonkeyPatch) -> None:
    data = LINE.format(ip="203.0.113.1", s=2, target="/?q=1%20UNION%20SELECT%201").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    run = monitor_logs(["-"], parse_settings({}), RULES, Path.cwd(), stop=threading.Event())
    assert [f.location.path for f in run.findings] == ["(stdin)"]
    with pytest.raises(ConfigError, match="reads standard input alone"):
        monitor_logs(["-", __file__], parse_settings({}), RULES, Path.cwd(), stop=threading.Event())
