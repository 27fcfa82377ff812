"""The parser interface and helpers every access-log format shares."""

from __future__ import annotations

import abc
import re
from typing import ClassVar

from webwarden.logs.events import LogEvent, Noise

_ANSI = re.compile(r"\x1b\[[0-9;]{0,20}m")


class LineParser(abc.ABC):
    """Turns one line of one log format into a `LogEvent`.

    `parse` returns the event, `NOISE` for a line that belongs to the format but is no
    record (a server banner, a traceback line), or `None` for a malformed line.
    """

    name: ClassVar[str]
    """The format's name for `--log-format` and `[tool.webwarden.logs] format`."""

    @abc.abstractmethod
    def parse(self, text: str, source: str, number: int) -> LogEvent | Noise | None:
        """The event on line `number` of `source`, `NOISE`, or `None` if malformed."""


def split_request(request: str) -> tuple[str | None, str]:
    """`GET /a?b HTTP/1.1` -> (`GET`, `/a?b`); a garbage request line -> (None, line)."""
    method, space, rest = request.partition(" ")
    if not space or not method.isalpha() or not method.isupper():
        return None, request
    target, space, protocol = rest.rpartition(" ")
    if space and protocol.startswith("HTTP/"):
        return method, target
    return method, rest


def size_of(text: str | None) -> int | None:
    """A response size field (`-` or empty means unknown)."""
    if not text or not text.isdigit():
        return None
    return int(text)


def strip_ansi(text: str) -> str:
    """Remove terminal colour codes (Werkzeug colours its lines on a terminal)."""
    return _ANSI.sub("", text) if "\x1b" in text else text


def unescape_apache(text: str) -> str:
    """Apache writes `"` inside fields as `\\"`; rewrite it as nginx's `\\x22`."""
    return text.replace("\\\\", "\\x5c").replace('\\"', "\\x22")
