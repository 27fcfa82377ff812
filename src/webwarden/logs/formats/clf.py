"""The Common/Combined Log Format (nginx, Apache, gunicorn's default), Werkzeug's
development server and Django's `runserver`, which all write request lines like it."""

from __future__ import annotations

import re

from webwarden.logs.appevents import app_event
from webwarden.logs.events import NOISE, EventKind, LogEvent, Noise
from webwarden.logs.formats.base import (
    LineParser,
    forwarded_client,
    size_of,
    split_request,
    strip_ansi,
    unescape_apache,
)
from webwarden.logs.timeparse import clf_time, werkzeug_time

# NOTE: each field is a delimited run (`\S+`, `[^"]*`, `[^\]]{1,64}`): no nested or
# overlapping quantifiers, so a hostile line costs linear time.
_COMBINED = re.compile(
    r'(\S+) \S+ (\S+) \[([^\]]{1,64})\] "([^"]*)" (\d{3}) (\d+|-)(?: "([^"]*)" "([^"]*)")?'
)
_COMBINED_CUT = re.compile(r'(\S+) \S+ (\S+) \[([^\]]{1,64})\] "([^"]*)"(?: (\d{0,3}))?\s*$')
"""A line cut short after its complete request, before or in the status or the size."""
_FORWARDED = re.compile(r' "([0-9a-fA-F.:, ]{2,200})"\s*$')
"""A last quoted field of addresses: nginx's `"$http_x_forwarded_for"`."""
# NOTE: the prefixes are the logging formats the records pass through: `basicConfig`'s
# default, and alembic.ini's `generic`, which Flask-Migrate's env.py installs on the root
# logger when an app migrates at start-up.
_WERKZEUG = re.compile(
    r"(?:INFO:werkzeug:|INFO {1,2}\[werkzeug\] )?"
    r'(\S+) - - \[([^\]]{1,32})\] "([^"]*)" (\d{3}) (\d+|-)'
)
_WERKZEUG_QUOTES = re.compile(
    r"(?:INFO:werkzeug:|INFO {1,2}\[werkzeug\] )?"
    r'(\S+) - - \[([^\]]{1,32})\] "(.*)" (\d{3}) (\d+|-)\s*$'
)
"""The request up to the line's last `" status size`: Werkzeug logs the path through
`uri_to_iri`, so a `%22` sent in it is logged as a bare `"` (`?q="><img ...`)."""
_WERKZEUG_CUT = re.compile(
    r"(?:INFO:werkzeug:|INFO {1,2}\[werkzeug\] )?"
    r'(\S+) - - \[([^\]]{1,32})\] "([^"]*)"(?: (\d{0,3}))?\s*$'
)
_CONSOLE_RECORD = re.compile(
    r"(?:DEBUG|INFO|WARNI|WARNING|ERROR|CRITI|CRITICAL) {0,4}\[([\w.-]{1,128})\] "
    r"|(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):([\w.-]{1,128}):"
)
"""The app's records in the same console, behind the same logging formats (alembic.ini's
`%(levelname)-5.5s [%(name)s]`, `basicConfig`'s `%(levelname)s:%(name)s:`): Flask-Limiter
and Flask-WTF log through them."""
_RUNSERVER = re.compile(r'\[([^\]]{1,32})\] "([^"]*)" (\d{3}) (\d+|-)')


class CombinedParser(LineParser):
    """nginx/Apache `combined` and `common`, and gunicorn's default access log."""

    name = "combined"

    def parse(self, text: str, source: str, number: int) -> LogEvent | Noise | None:
        """A request; extra fields after the user agent (nginx `log_format` additions) are allowed."""
        match = _COMBINED.match(text)
        if match is None and '\\"' in text:
            match = _COMBINED.match(unescape_apache(text))
        if match is None:
            return _cut_combined(text, source, number)
        client, user, stamp, request, status, size, referrer, agent = match.groups()
        extra = _FORWARDED.match(text, match.end())
        if extra is not None:
            # NOTE: nginx's default `main` format ends with "$http_x_forwarded_for".
            client = forwarded_client(client, extra.group(1))
        time = clf_time(stamp)
        if time is None:
            return None
        method, target = split_request(request)
        return LogEvent(
            source,
            number,
            text,
            time,
            client=client,
            method=method,
            target=target,
            status=int(status),
            size=size_of(size),
            agent=agent,
            referrer=referrer,
            account=None if user == "-" else user,
        )


def _cut_status(status: str | None) -> int | None:
    return int(status) if status and len(status) == 3 else None


def _cut_combined(text: str, source: str, number: int) -> LogEvent | None:
    """The request of a combined line cut short after it, or None (malformed)."""
    match = _COMBINED_CUT.match(text) or _COMBINED_CUT.match(unescape_apache(text))
    if match is None or (time := clf_time(match.group(3))) is None:
        return None
    client, user, _, request, status = match.groups()
    method, target = split_request(request)
    return LogEvent(
        source,
        number,
        text,
        time,
        client=client,
        method=method,
        target=target,
        status=_cut_status(status),
        account=None if user == "-" else user,
        partial=True,
    )


class WerkzeugParser(LineParser):
    """Werkzeug's development server (`flask run`), with or without a logger prefix.

    The console of a development server also holds banners, tracebacks and the app's own
    output; only lines that look like request lines count as malformed.
    """

    name = "werkzeug"

    def __init__(self) -> None:
        self._last: tuple[int, float] | None = None
        """The line number and time of the last request line read."""

    def parse(self, text: str, source: str, number: int) -> LogEvent | Noise | None:
        """A request line, an app record that says something, or `NOISE` for the rest."""
        text = strip_ansi(text)
        match = _WERKZEUG.match(text) or _WERKZEUG_QUOTES.match(text) or _WERKZEUG_CUT.match(text)
        if match is None:
            if '] "' in text and " - - [" in text:
                return None
            return self._app_record(text, source, number)
        client, stamp, request, status = match.group(1, 2, 3, 4)
        partial = match.re is _WERKZEUG_CUT
        time = werkzeug_time(stamp)
        if time is None:
            return None
        self._last = (number, time)
        method, target = split_request(request)
        return LogEvent(
            source,
            number,
            text,
            time,
            client=client,
            method=method,
            target=target,
            status=_cut_status(status) if partial else int(status),
            size=None if partial else size_of(match.group(5)),
            partial=partial,
        )

    def _app_record(self, text: str, source: str, number: int) -> LogEvent | Noise:
        """A security or login record of the app (Flask-Limiter's exceeded limit), timed
        by the request line before it: these formats write no time. Other output is noise.
        """
        last = self._last
        if last is not None and number <= last[0]:
            last = self._last = None  # NOTE: a new file, or the detection sample read again
        record = _CONSOLE_RECORD.match(text)
        if record is None or last is None:
            return NOISE
        message = text[record.end() :].strip()
        event = app_event(
            source, number, text, last[1], record.group(1) or record.group(2), message
        )
        return NOISE if event.kind is EventKind.OTHER else event


class RunserverParser(LineParser):
    """Django's development server (`manage.py runserver`): no client address is logged."""

    name = "runserver"

    def parse(self, text: str, source: str, number: int) -> LogEvent | Noise | None:
        """A request line, or `NOISE` for banners and `django.request` echoes."""
        match = _RUNSERVER.match(text)
        if match is None:
            return None if text.startswith("[") and '] "' in text else NOISE
        stamp, request, status, size = match.groups()
        time = werkzeug_time(stamp)
        if time is None:
            return None
        method, target = split_request(request)
        return LogEvent(
            source,
            number,
            text,
            time,
            method=method,
            target=target,
            status=int(status),
            size=size_of(size),
        )


_PREFIXES = re.compile(
    # containerd/CRI-O (`kubectl logs` files): time, stream, partial flag
    r"\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d) (?:stdout|stderr) [FP] "
    # syslog with an ISO time (rsyslog), Heroku's log drain: time, host or source, tag
    r"|\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d) (?:\S+ )?[\w./-]+(?:\[[\w.]+\])?: "
    # classic syslog: `May  8 09:00:01 web1 nginx[812]: `
    r"|[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ [\w./-]+(?:\[\d+\])?: "
    # `kubectl logs --timestamps`, `docker logs -t`: a time alone
    r"|\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d) "
)


class PrefixedCombinedParser(CombinedParser):
    """Combined lines behind what a collector writes first: a container runtime's time
    and stream (CRI, `kubectl logs --timestamps`), a syslog header, Heroku's drain."""

    def parse(self, text: str, source: str, number: int) -> LogEvent | Noise | None:
        """The combined line after the prefix; `NOISE` for the collector's other lines."""
        prefix = _PREFIXES.match(text)
        if prefix is None:
            return None
        event = super().parse(text[prefix.end() :], source, number)
        if isinstance(event, LogEvent):
            event.text = text  # NOTE: the line as written, for the finding's snippet
        return event or NOISE
