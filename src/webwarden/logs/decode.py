"""Normalising what attackers control: URL decoding, paths, routes, masking addresses.

Everything here runs on attacker-controlled text, so the patterns are simple character
classes with bounded repetition (no nested quantifiers) and each input is bounded by
the reader's line limit.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import unquote, unquote_plus

_NGINX_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})")
_NUMBER_SEGMENT = re.compile(
    r"/(?:\d{1,20}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{24,64})(?=/|$)"
)
_IPV4 = re.compile(r"(?<![\w.])(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}(?![\w.])")
MAX_SHOWN = 60


def _unescape_nginx(text: str) -> str:
    return _NGINX_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def variants(text: str) -> tuple[str, ...]:
    """`text` lower-cased as logged, then URL-decoded once and twice, without repeats.

    nginx writes `"` and control bytes as `\\xHH`; those are unescaped first. Matching
    all variants catches `%27` and the double-encoded `%2527` alike; text without `%`
    has one variant, with `+` read as a space.
    """
    if "\\x" in text:
        text = _unescape_nginx(text)
    if "%" not in text:
        # NOTE: `+` is a space in a query; nothing the rules look for needs a literal one.
        return (text.replace("+", " ").lower(),)
    lowered = text.lower()
    once = unquote_plus(text, errors="replace").lower()
    if "%" not in once:
        return (lowered, once) if once != lowered else (lowered,)
    twice = unquote(once, errors="replace")
    return tuple(dict.fromkeys((lowered, once, twice)))


def path_of(target: str) -> str:
    """The path of a request target, without query, lower-cased, URL-decoded once."""
    path = target.partition("?")[0]
    if "%" in path:
        path = unquote(path, errors="replace")
    return path.lower()


def route_of(path: str) -> str:
    """`/orders/42/items/9f1c...` -> `/orders/{id}/items/{id}` (ids folded for statistics)."""
    return _NUMBER_SEGMENT.sub("/{id}", path)


def printable(text: str, limit: int = MAX_SHOWN) -> str:
    """`text` safe for a one-line message: control characters escaped, length bounded."""
    shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text[: limit + 1])
    shown = shown.replace("`", "\\x60")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def mask_client(client: str) -> str:
    """An address with its host part hidden: `203.0.113.x`, `2001:db8:85a3:x`."""
    try:
        address = ipaddress.ip_address(client)
    except ValueError:
        return "x" if len(client) <= 2 else client[:2] + "x"
    if isinstance(address, ipaddress.IPv4Address):
        return client.rpartition(".")[0] + ".x"
    if address.ipv4_mapped is not None:
        return mask_client(str(address.ipv4_mapped))
    hextets = address.exploded.split(":")[:3]
    return ":".join(h.lstrip("0") or "0" for h in hextets) + ":x"


def mask_line(text: str, client: str | None) -> str:
    """A log line with the client and every IPv4 address masked."""
    if client and client in text:
        text = text.replace(client, mask_client(client))
    return _IPV4.sub(r"\1.x", text)
