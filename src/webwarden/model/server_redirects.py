"""Web server configurations shipped with the project that send every plain-HTTP request
to HTTPS: nginx's `return 301 https://$host$request_uri;` (or a `rewrite` to it), Apache's
`Redirect permanent / https://...` or a `RewriteRule` to `https://%{HTTP_HOST}...`; or
that take none at all: an nginx configuration whose every `server` listens with TLS
(`serves_https_only`)."""

from __future__ import annotations

import re

_NGINX = re.compile(
    r"""^\s*(?:return\s+30[1278]|rewrite\s+\S+)\s+["']?https://[^\s;"']*\$request_uri""",
    re.MULTILINE,
)
"""To any host, the request's own path kept (`https://$host$request_uri`)."""
_APACHE_REDIRECT = re.compile(
    r"""^\s*Redirect(?:Permanent)?\s+(?:(?:permanent|301|302|temp)\s+)?/\s+["']?https://""",
    re.MULTILINE | re.IGNORECASE,
)
_APACHE_REWRITE = re.compile(
    r"""^\s*RewriteRule\s+\S+\s+["']?https://[^\s"']*(?:%\{REQUEST_URI\}|\$1)""",
    re.MULTILINE | re.IGNORECASE,
)


def redirects_to_https(text: str) -> bool:
    """Whether the configuration sends requests to HTTPS with their own path, whatever it
    is: a whole site's redirect, not one page's (commented-out lines are skipped: the
    patterns start at the line's first non-blank character)."""
    return any(p.search(text) for p in (_NGINX, _APACHE_REDIRECT, _APACHE_REWRITE))


_SERVER_BLOCK = re.compile(r"(?:^|[;{}\s])server\s*\{")
_COMMENT = re.compile(r"#[^\n]*")
_LISTEN = re.compile(r"(?:^|[;{}\s])listen\s+([^;{}]*);")
_SSL_ON = re.compile(r"(?:^|[;{}\s])ssl\s+on\s*;")
_TLS_PARAMETERS = frozenset({"ssl", "quic"})
"""`listen` parameters that make the port speak TLS (`quic` is HTTP/3, TLS 1.3 within)."""


def serves_https_only(text: str) -> bool:
    """Whether an nginx configuration's `server` blocks all speak TLS on every port they
    listen on (`listen 443 ssl;`, `listen [::]:443 ssl http2;`, `quic`, or the old
    `ssl on;`) and there is at least one: a plain-HTTP request reaches no port of it, so
    none is passed on to the app. A block without a `listen` listens on port 80, in
    plain HTTP."""
    text = _COMMENT.sub("", text)
    blocks = [_block_body(text, match.end()) for match in _SERVER_BLOCK.finditer(text)]
    return bool(blocks) and all(_tls_only(block) for block in blocks)


def _block_body(text: str, start: int) -> str:
    """The text of the block opened just before `start`, its nested blocks left out (a
    `location` holds no `listen`)."""
    depth, kept, at = 1, [], start
    for at in range(start, len(text)):
        char = text[at]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                break
        elif depth == 1:
            kept.append(char)
    return "".join(kept)


def _tls_only(block: str) -> bool:
    listens = [match.group(1).split() for match in _LISTEN.finditer(block)]
    if not listens:
        return False
    if _SSL_ON.search(block):
        return True
    return all(_TLS_PARAMETERS.intersection(words[1:]) for words in listens)
