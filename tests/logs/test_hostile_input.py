"""Patterns that run on attacker-controlled text stay linear on hostile lines.

A catastrophic (quadratic or worse) pattern takes seconds on one 32k-character line
of the right repeated shape; linear ones take milliseconds. Each check allows 0.3 s.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from webwarden.logs import appevents, decode
from webwarden.logs.formats.applog import _LEVEL_FIRST, _LOGGER, _TIME_FIRST
from webwarden.logs.formats.clf import _COMBINED, _RUNSERVER, _WERKZEUG
from webwarden.logs.formats.gunicorn import compile_format
from webwarden.logs.formats.uwsgi import _UWSGI
from webwarden.logs.monitor import monitor_logs
from webwarden.logs.settings import parse_settings
from webwarden.rules.auditing.scanner_user_agent import _SCANNERS
from webwarden.rules.auditing.sensitive_path_probing import _RECON, SECRET_FILES
from webwarden.rules.base import LogNoticeRule, LogRule, PayloadRule
from webwarden.rules.registry import all_rules

N = 32 * 1024
HOSTILE = [
    "<a " * (N // 3),
    "{{" * (N // 2),
    "' or " * (N // 5),
    "or 1=" * (N // 5),
    "${" * (N // 2),
    "%" * N,
    "a" * N,
    "'\" <>(){}$;|`" * (N // 14),
]
LIMIT = 0.3
"""CPU seconds (not wall time: a loaded machine must not fail a linear pattern)."""
RULES = [r for r in all_rules() if issubclass(r, LogRule | LogNoticeRule)]
PAYLOAD_RULES = [r for r in RULES if issubclass(r, PayloadRule)]
SEARCHED = {
    **{r.code: r.pattern for r in PAYLOAD_RULES},
    **{f"{r.code}-trigger": r.trigger for r in PAYLOAD_RULES},
    "secret-files": SECRET_FILES,
    "recon-paths": _RECON,
    "scanners": _SCANNERS,
    "failed-login": appevents._FAILED,
    "client": appevents._CLIENT,
    "ipv4": decode._IPV4,
    **{f"account-{n}": p for n, p in enumerate(appevents._ACCOUNT_PATTERNS)},
}
MATCHED = {
    "combined": _COMBINED,
    "werkzeug": _WERKZEUG,
    "runserver": _RUNSERVER,
    "uwsgi": _UWSGI,
    "app-time-first": _TIME_FIRST,
    "app-level-first": _LEVEL_FIRST,
    "app-logger": _LOGGER,
    "gunicorn": compile_format('%(h)s %(t)s %({x-forwarded-for}i)s "%(r)s" %(s)s "%(a)s"')[0],
}


def _seconds(call: object, text: str) -> float:
    started = time.process_time()
    call(text)  # type: ignore[operator]
    return time.process_time() - started


@pytest.mark.parametrize(("name", "pattern"), list(SEARCHED.items()), ids=list(SEARCHED))
def test_searched_patterns_are_linear(name: str, pattern: re.Pattern[str]) -> None:
    slow = [(text[:12], s) for text in HOSTILE if (s := _seconds(pattern.search, text)) > LIMIT]
    assert not slow, f"{name} is slow on {slow}"


@pytest.mark.parametrize(("name", "pattern"), list(MATCHED.items()), ids=list(MATCHED))
def test_line_patterns_are_linear(name: str, pattern: re.Pattern[str]) -> None:
    prefixes = ("", '203.0.113.7 - - [01/May/2024:10:00:00 +0000] "', "[pid: 1|app: 0|req: 1/1] ")
    slow = [
        (text[:12], s)
        for prefix in prefixes
        for text in HOSTILE
        if (s := _seconds(pattern.match, prefix + text)) > LIMIT
    ]
    assert not slow, f"{name} is slow on {slow}"


def test_a_log_of_hostile_requests_is_read_in_linear_time(tmp_path: Path) -> None:
    stamp = "[01/May/2024:10:00:00 +0000]"
    lines = [
        f'203.0.113.7 - - {stamp} "GET /?q={text[:8000]} HTTP/1.1" 200 5 "-" "{text[:4000]}"'
        for text in HOSTILE
    ]
    log = tmp_path / "access.log"
    log.write_text("\n".join(lines) + "\n")
    started = time.process_time()
    monitor_logs([str(log)], parse_settings({}), RULES, tmp_path)
    assert time.process_time() - started < len(lines) * LIMIT
