"""The failed logins a fail2ban jail shipped with the project bans clients for.

A jail (`jail.local`, `jail.d/*.conf`, any `.conf` of a `fail2ban/` folder) that is
enabled and uses a filter of the project's own (`filter.d/<name>.conf`) whose
`failregex` quotes a line about a failed login that the application's code writes to its
log (`"Failed login attempt from ip %s"`): fail2ban counts those lines per client and
blocks the client at the firewall past `maxretry`, which throttles password guessing as
Flask-Limiter would. A stock filter (`sshd`, `nginx-http-auth`) watches another
program's log, not the application's logins.
"""

from __future__ import annotations

import configparser
import posixpath
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from webwarden.discover import FileKind, SourceFile
from webwarden.parse import read_text

_MAX_FILE = 256 * 1024
_LOGIN_WORDS = re.compile(r"log(?:-| )?in|auth|password|credential|sign(?:-| )?in", re.IGNORECASE)
_TAGS = re.compile(r"<[A-Z0-9_-]+>")
"""fail2ban's tags (`<HOST>`, `<ADDR>`, `<F-USER>`): not literal text."""
_META = frozenset(".^$*+?{}[]()|")
_MIN_LITERAL = 12
"""Shorter quoted text ("Failed login") could match a line of any program."""
_ENABLED = frozenset({"true", "yes", "1", "on"})


def is_jail_file(relpath: str) -> bool:
    """Whether `relpath` may hold fail2ban jails."""
    parts = relpath.split("/")
    name = parts[-1]
    if not name.endswith((".conf", ".local")) or "filter.d" in parts or "action.d" in parts:
        return False
    return name.startswith(("jail.", "jails.")) or "jail.d" in parts or "fail2ban" in parts


def watched_lines(files: Iterable[SourceFile]) -> list[str]:
    """The quoted text of each failed-login line an enabled jail of the project bans
    for, through a filter the project ships (see the module's docstring)."""
    listed = list(files)
    filters = {
        posixpath.splitext(posixpath.basename(f.relpath))[0]: f
        for f in listed
        if posixpath.basename(posixpath.dirname(f.relpath)) == "filter.d"
    }
    found: list[str] = []
    for file in listed:
        if not is_jail_file(file.relpath):
            continue
        for name in _enabled_filters(_read(file)):
            filter_file = filters.get(name)
            if filter_file is not None:
                found.extend(_quoted_logins(_read(filter_file)))
    return found


def writers(files: Iterable[SourceFile], lines: list[str]) -> list[str]:
    """The relpaths of the Python files whose text holds one of `lines`."""
    return [
        file.relpath
        for file in files
        if file.kind is FileKind.PYTHON and any(line in _read(file) for line in lines)
    ]


def _read(file: SourceFile) -> str:
    if file.size > _MAX_FILE:
        return ""
    text = read_text(Path(file.abspath), _MAX_FILE, lenient=True)
    return text if isinstance(text, str) else ""


def _parsed(text: str) -> configparser.RawConfigParser | None:
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    return parser


def _enabled_filters(text: str) -> Iterator[str]:
    """The filter names of the enabled jails (`filter = name[mode=aggressive]`: `name`)."""
    parser = _parsed(text)
    if parser is None:
        return
    for section in parser.sections():
        if section in {"INCLUDES", "DEFAULT", "Definition", "Init"}:
            continue
        enabled = parser.get(section, "enabled", fallback="false").strip().lower()
        if enabled not in _ENABLED:
            continue
        name = parser.get(section, "filter", fallback=section).partition("[")[0].strip()
        if name:
            yield name


def _quoted_logins(text: str) -> Iterator[str]:
    """The longest literal run of each `failregex` line naming a login failure."""
    parser = _parsed(text)
    if parser is None or not parser.has_option("Definition", "failregex"):
        return
    for pattern in parser.get("Definition", "failregex").splitlines():
        runs = [run.strip() for run in _literal_runs(_TAGS.sub("\0", pattern))]
        longest = max(runs, key=len, default="")
        if len(longest) >= _MIN_LITERAL and _LOGIN_WORDS.search(longest):
            yield longest


def _literal_runs(pattern: str) -> Iterator[str]:
    """The runs of `pattern` that match only themselves (`\\.` is a dot; `\\s`, a class,
    and a character a quantifier follows, which may be missing, end a run)."""
    run: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        step = 1
        if char == "\\" and index + 1 < len(pattern):
            step = 2
            char = pattern[index + 1]
            if char.isalnum():
                char = "\0"  # NOTE: `\\s`, `\\d`: a class of characters
        elif char in _META:
            if char in "*?{" and run:
                run.pop()
            char = "\0"
        if char == "\0":
            yield "".join(run)
            run = []
        else:
            run.append(char)
        index += step
    yield "".join(run)
