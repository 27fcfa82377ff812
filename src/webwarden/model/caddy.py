"""Caddy configurations (`Caddyfile`) shipped with the project in front of the app.

Caddy's automatic HTTPS serves every site whose address names a host (`shop.example.com`,
`localhost`, an IP address) over HTTPS, and answers plain HTTP for it with a redirect to
HTTPS, unless the global options turn that off (`auto_https off` or `auto_https
disable_redirects`). A site addressed by a port alone (`:8000`), by `http://` or on port
80 is served over plain HTTP; an address read from a variable (`{$SITE_ADDRESS}`) may be
either, so nothing is assumed of it.

Caddy sends no `Strict-Transport-Security` of its own: only a `header` directive setting
it (`header Strict-Transport-Security "max-age=31536000"`, or the line in a `header {
... }` block) does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NAME = re.compile(r"(?:^|/)(?:caddyfile(?:[._-][\w.-]*)?|[\w.-]+\.caddyfile)$", re.IGNORECASE)
"""`Caddyfile`, `Caddyfile.prod`, `deploy/site.caddyfile`."""
_NO_REDIRECTS = re.compile(r"^\s*auto_https\s+(?:off|disable_redirects)\b", re.MULTILINE)
_PROXY = re.compile(r"^\s*reverse_proxy\b", re.MULTILINE)
_HTTP_PORT = "80"
_HSTS = re.compile(
    r"""^\s*(?:header[ \t]+(?:\*[ \t]+)?)?[+>]?Strict-Transport-Security[ \t]+["']?[^\n]*?"""
    r"""max-age\s*=\s*(\d+)""",
    re.MULTILINE | re.IGNORECASE,
)
"""The header set by a `header` directive for every path (`header` or `header *`), or
by a line of a `header { ... }` block (`+` adds, `>` defers: both still set it)."""


def is_caddyfile(relpath: str) -> bool:
    """Whether the file's name is that of a Caddy configuration."""
    return _NAME.search(relpath) is not None


@dataclass(slots=True)
class _Site:
    addresses: list[str]
    body: list[str] = field(default_factory=list)


def _sites(text: str) -> list[_Site]:
    """The site blocks (their addresses and the lines inside), without the global options
    block and snippets (`(name) { ... }`). A file of one site without braces is that site."""
    sites: list[_Site] = []
    current: _Site | None = None
    braceless = False
    depth = 0
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if braceless and current is not None:
            current.body.append(line)
        elif depth == 0 and line.endswith("{"):
            head = line[:-1].strip()
            current = None
            if head and not head.startswith(("(", "&(")):
                current = _Site(_addresses(head))
                sites.append(current)
        elif depth == 0 and current is None and not sites:
            current = _Site(_addresses(line))
            sites.append(current)
            braceless = True
        elif current is not None:
            current.body.append(line)
        depth = max(0, depth + line.count("{") - line.count("}"))
    return sites


def _addresses(head: str) -> list[str]:
    return [a for a in re.split(r"[\s,]+", head) if a]


def _redirected(address: str) -> bool:
    """Whether Caddy serves the address over HTTPS and redirects its plain-HTTP requests."""
    if "{" in address or address.lower().startswith("http://"):
        return False
    host = address.split("://", 1)[-1].split("/", 1)[0]
    if not host or host.startswith(":"):
        return False
    port = host.rsplit(":", 1)[1] if host.count(":") == 1 else ""
    return port != _HTTP_PORT


def caddy_redirects(text: str) -> bool:
    """Whether every site of the Caddyfile that passes requests on to an app
    (`reverse_proxy`) is served by automatic HTTPS, which redirects plain HTTP, and there
    is one such site."""
    if _NO_REDIRECTS.search(text):
        return False
    proxying = [s for s in _sites(text) if any(_PROXY.match(line) for line in s.body)]
    return bool(proxying) and all(_redirected(a) for s in proxying for a in s.addresses)


def caddy_sends_hsts(text: str) -> bool:
    """Whether the Caddyfile sets `Strict-Transport-Security` with a max-age above zero
    (commented-out lines are skipped: the pattern starts at the line's first non-blank
    character)."""
    return any(int(found.group(1)) > 0 for found in _HSTS.finditer(text))
