"""The parser interface and helpers every access-log format shares."""

from __future__ import annotations

import abc
import functools
import ipaddress
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


_PROXY_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")
)
"""Where load balancers and proxies live: RFC 1918, carrier-grade NAT, unique local."""


@functools.lru_cache(maxsize=4096)
def _private(address: str) -> bool:
    """A private, loopback or link-local address (a proxy's, a load balancer's)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    # NOTE: not `is_private`, which also holds the documentation ranges (192.0.2.0/24...).
    return ip.is_loopback or ip.is_link_local or any(ip in net for net in _PROXY_NETWORKS)


def forwarded_client(remote: str | None, forwarded: str | None) -> str | None:
    """The client behind a proxy. When the connecting address is private (the load
    balancer's), the rightmost public address `X-Forwarded-For` names: the one the proxy
    added (what comes before it, the client may have written itself)."""
    if not forwarded or forwarded == "-" or (remote and not _private(remote)):
        return remote
    for part in reversed(forwarded.split(",")):
        address = part.strip()
        if address and not _private(address) and _is_address(address):
            return address
    return remote


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
