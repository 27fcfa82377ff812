"""Rule codes: `WW` + practice number + rule number."""

from __future__ import annotations

import re

_CODE = re.compile(r"^WW(?:(\d)(\d{2})|(1[01])(\d{2}|[1-9]\d{2}))$")
"""WW + practice + two digits; a two-digit practice whose hundred codes are all taken goes on
with three (WW11100). Practices 1-9 keep two, so every code reads one way: three digits are a
practice of one digit and two, four are practice 10 or 11 and two, five practice 10 or 11 and
three."""


def code_key(code: str) -> tuple[int, int]:
    """(practice, rule number) of a well-formed code, the order codes are listed in (WW1199
    before WW11100); ValueError for any other string."""
    match = _CODE.match(code)
    if match is None:
        raise ValueError(f"not a rule code: {code!r}")
    practice, number = (int(g) for g in match.groups() if g is not None)
    return practice, number
