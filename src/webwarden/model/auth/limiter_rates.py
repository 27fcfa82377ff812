"""Flask-Limiter's rate strings (the `limits` package's notation): how many requests a
client may make in a day at the strictest of them."""

from __future__ import annotations

import re

_ITEM = re.compile(
    r"^\s*(\d+)\s*(?:/|\s+per\s+)\s*(\d+)?\s*(second|minute|hour|day|month|year)s?\s*$",
    re.IGNORECASE,
)
_SECONDS = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "month": 30 * 86400,
    "year": 365 * 86400,
}


def strictest_per_day(text: str) -> int | None:
    """Requests a day, sustained, of the strictest limit `text` writes (`"10 per second"`,
    `"5/minute;100/day"`, `"10 per 2 minutes"`); None when an item is not one."""
    found: int | None = None
    for item in re.split(r"[,;|]", text):
        matched = _ITEM.match(item)
        if matched is None:
            return None
        count, multiple, unit = matched.groups()
        seconds = _SECONDS[unit.lower()] * int(multiple or 1)
        per_day = int(count) * 86400 // seconds
        found = per_day if found is None else min(found, per_day)
    return found
