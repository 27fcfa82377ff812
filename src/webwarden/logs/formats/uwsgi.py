"""uWSGI's default request log line."""

from __future__ import annotations

import re

from webwarden.logs.events import NOISE, LogEvent, Noise
from webwarden.logs.formats.base import LineParser
from webwarden.logs.timeparse import asctime

# [pid: 3151|app: 0|req: 1/1] 203.0.113.5 () {34 vars in 641 bytes} [Wed May  1 10:00:00 2024]
#   GET /path?q=1 => generated 12 bytes in 0 msecs (HTTP/1.1 200) 2 headers in 79 bytes ...
_UWSGI = re.compile(
    r"\[pid: \d{1,10}\|app: -?\d{1,5}\|req: -?\d{1,12}/\d{1,12}\] (\S+) \(([^)]{0,256})\) "
    r"\{[^}]{0,64}\} \[([^\]]{1,40})\] (\S+) (\S*) => generated (\d+) bytes in \d+ \w+ "
    r"\((?:[^ )]{1,16} )?(\d{3})\)"
)


class UwsgiParser(LineParser):
    """uWSGI request lines; its start-up and worker messages are noise."""

    name = "uwsgi"

    def parse(self, text: str, source: str, number: int) -> LogEvent | Noise | None:
        """A request (uWSGI logs no user agent or referrer by default)."""
        match = _UWSGI.match(text)
        if match is None:
            return None if text.startswith("[pid: ") else NOISE
        client, user, stamp, method, target, size, status = match.groups()
        time = asctime(stamp)
        if time is None:
            return None
        return LogEvent(
            source,
            number,
            text,
            time,
            client=client,
            method=method if method.isalpha() else None,
            target=target,
            status=int(status),
            size=int(size),
            account=user or None,
        )
