"""Whether a `Strict-Transport-Security` value is one browsers apply (RFC 6797, 6.1).

The header is directives separated by `;`, each a token with an optional `=` and a
token or quoted-string value; `max-age` is required and its value is digits. A browser
ignores the whole header when it does not parse so, when a directive appears twice, or
when `max-age` is missing or not a number: `max-age=31536000, includeSubDomains` (a
comma), `max-age=31536000: includeSubDomains` (a colon), `max-age: 31536000` and
`includeSubDomains; preload` alone all leave HSTS off.
"""

from __future__ import annotations

import re

_WORD = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_DIRECTIVE = re.compile(rf'\s*(?P<name>{_WORD})\s*(?:=\s*(?P<value>{_WORD}|"[^"]*")\s*)?')
_DIGITS = re.compile(r"\d+")


def hsts_problem(value: str) -> str | None:
    """Why browsers ignore the header `value`, or None when they apply it."""
    seen: set[str] = set()
    max_age: str | None = None
    for part in value.split(";"):
        if not part.strip():
            continue
        match = _DIRECTIVE.fullmatch(part)
        if match is None:
            return f"`{part.strip()}` is no directive (directives are separated by `;`)"
        name = match["name"].lower()
        if name in seen:
            return f"`{match['name']}` is given twice"
        seen.add(name)
        if name == "max-age":
            max_age = (match["value"] or "").strip('"')
            if not _DIGITS.fullmatch(max_age):
                return f"`max-age` is not a number of seconds (`{part.strip()}`)"
    if max_age is None:
        return "it has no `max-age`"
    return None
