"""Edges of the log monitor that the scenario logs do not reach."""

from __future__ import annotations

import io
import sys
import threading
from pathlib import Path

import pytest

from webwarden.findings import Finding
from webwarden.logs import monitor as monitor_module
from webwarden.logs import timeparse
from webwarden.logs.events import EventKind, LogEvent
from webwarden.logs.examples import log_example_findings
from webwarden.logs.facts import StreamFacts
from webwarden.logs.follow import Follower, follow
from webwarden.logs.formats import make_parsers
from webwarden.logs.formats.clf import CombinedParser
from webwarden.logs.formats.jsonl import JsonLinesParser
from webwarden.logs.monitor import monitor_logs
from webwarden.logs.reader import Detector, FileStats
from webwarden.logs.settings import parse_settings
from webwarden.logs.sources import MAX_LINE, LogFile, LogReadError
from webwarden.logs.window import WindowCounter
from webwarden.rules.base import LogNoticeRule, LogRule
from webwarden.rules.registry import all_rules, get_rule

RULES = [r for r in all_rules() if issubclass(r, LogRule | LogNoticeRule)]
LINE = '{ip} - - [01/May/2024:10:00:{s:02d} +0000] "GET {target} HTTP/1.1" 200 5 "-" "x"\n'


def _run(tmp_path: Path, text: str, **table: object) -> list[Finding]:
    log = tmp_path / "access.log"
    log.write_text(text)
    return monitor_logs([str(log)], parse_settings(table), RULES, tmp_path).findings


def test_long_lines_are_malformed_and_reading_goes_on(tmp_path: Path) -> None:
    text = LINE.format(ip="192.0.2.1", s=0, target="/") + "x" * (MAX_LINE + 10) + "\n"
    findings = _run(tmp_path, text + LINE.format(ip="192.0.2.1", s=1, target="/"))
    (notice,) = findings
    assert (notice.code, notice.location.line, notice.snippet) == (
        "WW030",
        2,
        "(a line longer than 64 KiB)",
    )


def test_clients_beyond_the_limit_are_forgotten_by_the_stream_facts() -> None:
    facts = StreamFacts(parse_settings({"max-clients": 100}))
    for n in range(101):
        facts.record_probe(f"192.0.2.{n}", 1000.0)
    assert not facts.probed_since("192.0.2.0", 0.0)
    assert facts.probed_since("192.0.2.100", 1000.0)
    assert not facts.probed_since(None, 0.0)


def test_django_refusals_off_login_paths_are_not_logins() -> None:
    facts = StreamFacts(parse_settings({}))
    event = LogEvent("app.log", 1, "x", 0.0, EventKind.LOGIN, target="/api/items/", status=403)
    facts.classify(event)
    assert (event.kind, event.login) == (EventKind.OTHER, None)
    assert repr(event) == "LogEvent(app.log:1 other None '/api/items/')"


def test_gunicorn_format_without_status_and_runserver_without_client(tmp_path: Path) -> None:
    log = tmp_path / "gunicorn.log"
    log.write_text(
        "".join(f'[01/May/2024:10:00:{s:02d} +0000] "GET /console HTTP/1.1"\n' for s in range(3))
    )
    settings = parse_settings({"access-log-format": '%(t)s "%(r)s"', "format": "gunicorn"})
    run = monitor_logs([str(log)], settings, RULES, tmp_path)
    assert run.requests == 3
    assert run.findings == []
    runserver = tmp_path / "runserver.log"
    runserver.write_text('[01/May/2024 10:00:00] "GET /?q=%27%20or%201=1-- HTTP/1.1" 200 5\n' * 700)
    findings = monitor_logs([str(runserver)], parse_settings({}), RULES, tmp_path).findings
    assert [f.message.split(" sent")[0] for f in findings] == ["an unknown client"]


def test_rules_called_directly_ignore_events_outside_their_concern() -> None:
    facts = StreamFacts(parse_settings({}))
    plain = LogEvent("a", 1, "x", 0.0, target="/")
    for code in ("WW790", "WW791", "WW792", "WW793", "WW794", "WW1197", "WW1198"):
        rule = get_rule(code)
        assert rule is not None
        assert issubclass(rule, LogRule)
        assert rule().match(plain, facts) is None, code


def test_trusted_client_cache_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(monitor_module, "_TRUSTED_CACHE", 2)
    text = "".join(LINE.format(ip=f"192.0.2.{n}", s=n, target="/?q=%3Cscript%3E") for n in range(6))
    findings = _run(tmp_path, text, **{"trusted-clients": ["192.0.2.0/30"]})
    assert len([f for f in findings if f.code == "WW590"]) == 2  # .4 and .5 are not trusted


def test_interrupts_end_a_plain_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def interrupted(*args: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(monitor_module, "_events", interrupted)
    with pytest.raises(KeyboardInterrupt):
        monitor_logs([str(tmp_path)], parse_settings({}), RULES, tmp_path)
    run = monitor_logs([str(tmp_path)], parse_settings({}), RULES, tmp_path, stop=threading.Event())
    assert run.findings == []


def test_time_caches_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeparse, "_CACHE_LIMIT", 1)
    for day in range(1, 5):
        assert (
            timeparse.clf_time(f"0{day}/May/2024:10:00:00 +0000")
            == 1714557600.0 + (day - 1) * 86400
        )


def test_window_counter_without_events() -> None:
    counter = WindowCounter(10.0)
    counter.add(100.0)
    assert counter.total(500.0) == 0
    assert counter.oldest() == 500.0


def test_json_field_paths_through_non_objects() -> None:
    parser = JsonLinesParser({"client": "req.ip"})
    event = parser.parse('{"time": 1714557600, "req": "x", "path": "/", "status": 200}', "a", 1)
    assert isinstance(event, LogEvent)
    assert event.client is None


def test_apache_escapes_do_not_rescue_a_broken_line() -> None:
    assert CombinedParser().parse('203.0.113.7 - - [x] "GET /\\" HTTP/1.1" 200', "a", 1) is None


def test_standard_input_that_is_not_buffered(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(
        sys,
        "stdin",
        io.TextIOWrapper(io.BytesIO(LINE.format(ip="192.0.2.1", s=0, target="/").encode())),
    )
    run = monitor_logs(["-"], parse_settings({}), RULES, tmp_path)
    assert run.requests == 1


def test_followers_of_what_cannot_be_followed(tmp_path: Path) -> None:
    with pytest.raises(LogReadError, match="standard input cannot be followed"):
        Follower(LogFile(None, "(stdin)"), FileStats("(stdin)"))
    stop = threading.Event()
    stop.set()
    stats: list[FileStats] = []
    assert (
        list(follow([LogFile(tmp_path, "dir")], Detector(make_parsers(), None), stats, stop)) == []
    )
    assert stats[0].problem == "cannot read: Is a directory"


def test_a_follower_survives_a_vanished_file_and_long_lines(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text("")
    stats = FileStats("access.log")
    follower = Follower(LogFile(log, "access.log"), stats)
    with log.open("a") as handle:
        handle.write("y" * (MAX_LINE + 5) + "\n" + "z" * (MAX_LINE + 5))
    assert follower.poll() == [(1, None)]
    with log.open("a") as handle:
        handle.write("tail\nok\n")
    log.unlink()
    assert follower.poll() == [(2, None), (3, "ok")]
    follower.close()


def test_docs_sections_without_a_log_block_are_an_error() -> None:
    class Broken(get_rule("WW490")):  # type: ignore[misc]
        """## What it does
        x
        ## Why is this bad?
        y
        ## Example
        ```python
        1
        ```
        ## Fix
        ```log
        z
        ```
        ## References
        - r
        """

    with pytest.raises(ValueError, match="no ```log block"):
        log_example_findings(Broken, "Example")
