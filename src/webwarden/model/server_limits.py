"""Whether a web server configuration shipped with the project limits the size of a
request body: nginx's `client_max_body_size 5M;` or Apache's `LimitRequestBody 5242880`
(zero switches either limit off)."""

from __future__ import annotations

import re

_BODY_LIMIT = re.compile(
    r"^\s*(?:client_max_body_size|LimitRequestBody)\s+\"?(?P<size>\d+)[kKmMgG]?\"?\s*;?\s*$",
    re.M,
)


def limits_body_size(text: str) -> bool:
    """Whether the configuration sets a request body limit above zero (at any level: a
    `server`, `http` or `location` block, a `<VirtualHost>` or `<Directory>`)."""
    return any(int(m.group("size")) > 0 for m in _BODY_LIMIT.finditer(text))
