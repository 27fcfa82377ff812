"""The logical lines of a pip requirements file: what pip reads as one line."""

from __future__ import annotations

import re

_COMMENT = re.compile(r"(^|\s+)#.*$")
"""A comment: `#` at the start of a line or after whitespace (`url#egg=x` is no comment)."""


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(first physical line, content) with `\\` continuations joined and comments removed."""
    result: list[tuple[int, str]] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not pending:
            start = number
        if raw.endswith("\\"):
            pending.append(raw[:-1])
            continue
        pending.append(raw)
        content = _COMMENT.sub("", " ".join(pending)).strip()
        pending = []
        if content:
            result.append((start, content))
    if pending:
        content = _COMMENT.sub("", " ".join(pending)).strip()
        if content:
            result.append((start, content))
    return result
