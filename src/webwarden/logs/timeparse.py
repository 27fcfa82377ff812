"""Timestamps of the log formats, as UTC epoch seconds.

Parsing is on the hot path (every line has one), so the common formats are sliced by
hand and the date part is cached; times without a zone are read as UTC.
"""

from __future__ import annotations

import datetime as dt

MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_DAY_CACHE: dict[tuple[int, int, int], int] = {}
_MINUTE_CACHE: dict[str, float] = {}
_CACHE_LIMIT = 4096


def _day_seconds(year: int, month: int, day: int) -> int:
    key = (year, month, day)
    seconds = _DAY_CACHE.get(key)
    if seconds is None:
        if len(_DAY_CACHE) > _CACHE_LIMIT:
            _DAY_CACHE.clear()
        seconds = (dt.date(year, month, day).toordinal() - _EPOCH_ORDINAL) * 86400
        _DAY_CACHE[key] = seconds
    return seconds


def _clock(year: int, month: int, day: int, hour: int, minute: int, second: int) -> float:
    if hour > 23 or minute > 59 or second > 60:
        raise ValueError("clock out of range")
    return float(_day_seconds(year, month, day) + hour * 3600 + minute * 60 + second)


def _month(name: str) -> int:
    return MONTHS[name.lower()]


def clf_time(text: str) -> float | None:
    """`10/Oct/2000:13:55:36 -0700` (nginx, Apache, gunicorn) -> epoch seconds."""
    if len(text) != 26 or text[2] != "/" or text[11] != ":" or text[20] != " ":
        return None
    key = text[:17] + text[20:]
    base = _MINUTE_CACHE.get(key)
    try:
        if base is None:
            sign = text[21]
            if sign not in "+-":
                return None
            offset = int(text[22:24]) * 3600 + int(text[24:26]) * 60
            base = _clock(
                int(text[7:11]),
                _month(text[3:6]),
                int(text[0:2]),
                int(text[12:14]),
                int(text[15:17]),
                0,
            ) - (offset if sign == "+" else -offset)
            if len(_MINUTE_CACHE) > _CACHE_LIMIT:
                _MINUTE_CACHE.clear()
            _MINUTE_CACHE[key] = base
        return base + int(text[18:20])
    except (KeyError, ValueError):
        return None


def werkzeug_time(text: str) -> float | None:
    """`01/May/2024 10:00:00` (Werkzeug and Django's runserver; local time, read as UTC)."""
    if len(text) != 20 or text[2] != "/" or text[11] != " ":
        return None
    try:
        return _clock(
            int(text[7:11]),
            _month(text[3:6]),
            int(text[0:2]),
            int(text[12:14]),
            int(text[15:17]),
            int(text[18:20]),
        )
    except (KeyError, ValueError):
        return None


def asctime(text: str) -> float | None:
    """`Wed May  1 10:00:00 2024` (uWSGI; local time, read as UTC)."""
    parts = text.split()
    if len(parts) != 5:
        return None
    try:
        hour, minute, second = (int(p) for p in parts[3].split(":"))
        return _clock(int(parts[4]), _month(parts[1]), int(parts[2]), hour, minute, second)
    except (KeyError, ValueError):
        return None


def iso_time(text: str) -> float | None:
    """ISO 8601 (`2024-05-01T10:00:00.123Z`, `2024-05-01 10:00:00,123 +0000`) -> epoch."""
    text = text.strip()
    if len(text) > 40:
        return None
    iso = text
    if len(text) > 24 and text[-6] == " " and text[-5] in "+-":
        iso = text[:-6] + text[-5:]
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return clf_time(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.timestamp()


def epoch_time(value: object) -> float | None:
    """A JSON time: epoch seconds or milliseconds, or a string in a known format."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = float(value)
        return seconds / 1000 if seconds > 1e11 else seconds
    if isinstance(value, str):
        return iso_time(value)
    return None


def format_time(epoch: float, *, seconds: bool = True) -> str:
    """`2024-05-01 10:00:01` (UTC)."""
    moment = dt.datetime.fromtimestamp(epoch, dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def format_span(first: float, last: float) -> str:
    """`at 2024-05-01 10:00:01 UTC`, `on 2024-05-01 10:00:01-10:04:12 UTC`, or a range."""
    start, end = format_time(first), format_time(last)
    if start == end:
        return f"at {start} UTC"
    if start[:10] == end[:10]:
        return f"on {start}-{end[11:]} UTC"
    return f"from {start} to {end} UTC"
