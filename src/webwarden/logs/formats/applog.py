"""Application logs written by Python's `logging` (Django's and Flask's usual formats).

A record starts with an ISO timestamp, alone, in brackets (Flask's default
`[%(asctime)s] %(levelname)s in %(module)s: %(message)s`) or after the level (Django's
documented `verbose` format); every other line continues the record before it (a
traceback), so application logs have no malformed lines, but for one kind: Django's
`django.request` records in its default console format, which has no time
(`Forbidden (CSRF cookie not set.): /admin/login/` amid gunicorn's error log). They are
records, not continuations, and cannot be placed in time: they count as malformed.
"""

from __future__ import annotations

import re

from webwarden.logs.appevents import app_event
from webwarden.logs.events import NOISE, LogEvent, Noise
from webwarden.logs.formats.base import LineParser
from webwarden.logs.timeparse import iso_time

_STAMP = r"(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?: ?(?:Z|[+-]\d{2}:?\d{2}))?)"
_LEVEL = r"(DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL)"
_TIME_FIRST = re.compile(
    r"\[?"
    + _STAMP
    + r"\]?[ \t]{1,4}(?:\[\d{1,10}\][ \t]{1,4})?(?:\[?"
    + _LEVEL
    + r"\]?[ \t:]{1,4})?"
)
_LEVEL_FIRST = re.compile(r"\[?" + _LEVEL + r"\]?[ \t:]{1,4}\[?" + _STAMP + r"\]?[ \t]{1,4}")
_FLASK_MODULE = re.compile(r"in ([\w.]{1,128}): ")
_UNTIMED_DJANGO = re.compile(
    r"(?:Not Found|Bad Request|Unauthorized|Forbidden|Method Not Allowed|Gone"
    r"|Internal Server Error|Service Unavailable)(?: \([^)]{0,80}\))?: /"
)
_LOGGER = re.compile(r"\[?([A-Za-z_][\w-]{0,63}(?:\.[\w-]{1,63}){1,8})\]?:? ")


class AppLogParser(LineParser):
    """Django and Flask application logs: auth events and `django.security` warnings."""

    name = "app"

    def parse(self, text: str, source: str, number: int) -> LogEvent | Noise | None:
        """A record, or `NOISE` for a continuation line."""
        match = _TIME_FIRST.match(text)
        stamp_group = 1
        if match is None:
            match = _LEVEL_FIRST.match(text)
            stamp_group = 2
            if match is None:
                return None if _UNTIMED_DJANGO.match(text) else NOISE
        time = iso_time(match.group(stamp_group))
        if time is None:
            return NOISE
        rest = text[match.end() :]
        logger = None
        if (module := _FLASK_MODULE.match(rest)) is not None:
            logger, rest = module.group(1), rest[module.end() :]
        elif (named := _LOGGER.match(rest)) is not None:
            logger, rest = named.group(1), rest[named.end() :]
        return app_event(source, number, text, time, logger, rest.strip())
