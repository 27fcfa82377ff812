"""The URL locations an nginx configuration shipped with the project serves, and which
of them it keeps from clients: a `location` block holding `internal;` answers a
request from outside with 404, and serves only nginx's own subrequests
(`auth_request`, `X-Accel-Redirect`, `error_page`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LOCATION = re.compile(
    r"^\s*location\s+(?:(?P<modifier>=|\^~|~\*?)\s*)?(?P<match>[^\s{]+)\s*\{", re.M
)
_INTERNAL = re.compile(r"^\s*internal\s*;", re.M)


@dataclass(frozen=True, slots=True)
class ServerLocation:
    """One `location` block: its match and whether only nginx's subrequests reach it."""

    match: str
    kind: str
    """`prefix`, `exact` (`=`) or `regex` (`~`, `~*`)."""
    internal: bool


def server_locations(text: str) -> list[ServerLocation]:
    """The `location` blocks of an nginx configuration (named `@` ones and those whose
    match a template fills in, `{{ WEB_ADMIN }}`, are left out: no path is known)."""
    found = []
    for match in _LOCATION.finditer(text):
        written = match.group("match")
        if written.startswith(("@", "{")):
            continue
        modifier = match.group("modifier") or ""
        kind = "regex" if modifier.startswith("~") else "exact" if modifier == "=" else "prefix"
        body = _own_directives(text, match.end())
        found.append(ServerLocation(written, kind, _INTERNAL.search(body) is not None))
    return found


def internal_only(path: str, locations: list[ServerLocation]) -> bool:
    """Whether nginx keeps `path` from clients: the location serving it (the exact one,
    else the longest prefix, a location not internal winning a tie) is internal, and no
    regular-expression location, which nginx tries before a plain prefix, matches it."""
    if not path.startswith("/"):
        return False
    exact = [loc for loc in locations if loc.kind == "exact" and loc.match == path]
    if exact:
        return all(loc.internal for loc in exact)
    prefixes = [loc for loc in locations if loc.kind == "prefix" and path.startswith(loc.match)]
    if not prefixes:
        return False
    longest = max(len(loc.match) for loc in prefixes)
    if not all(loc.internal for loc in prefixes if len(loc.match) == longest):
        return False
    return not any(_matches(loc.match, path) for loc in locations if loc.kind == "regex")


def _own_directives(text: str, start: int) -> str:
    """The text of the block opened just before `start`, nested blocks left out."""
    depth, kept, begin = 1, [], start
    for index in range(start, len(text)):
        char = text[index]
        if char == "{":
            if depth == 1:
                kept.append(text[begin:index])
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 1:
                begin = index + 1
            elif depth == 0:
                kept.append(text[begin:index])
                break
    return "\n".join(kept)


def _matches(pattern: str, path: str) -> bool:
    """Whether the location's expression matches `path` (one Python cannot compile may)."""
    try:
        return re.search(pattern, path, re.IGNORECASE) is not None
    except re.error:
        return True
