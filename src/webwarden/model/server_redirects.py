"""Web server configurations shipped with the project that send every plain-HTTP request
to HTTPS: nginx's `return 301 https://$host$request_uri;` (or a `rewrite` to it), Apache's
`Redirect permanent / https://...` or a `RewriteRule` to `https://%{HTTP_HOST}...`."""

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
