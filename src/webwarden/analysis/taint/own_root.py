"""A redirect target checked to start with the request's own absolute URL
(`url.startswith(request.url_root)`).

Werkzeug builds `url_root`, `host_url`, `base_url` and `url` as `scheme://host/...`: each
holds the `/` that ends the host, so a target starting with one leads to the host the
browser asked for (the site's own), whatever path follows. Not once the read is changed
(`request.host_url.rstrip("/")` is a prefix of `https://host.evil.example/`).
"""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import SCHEME_START, Value

OWN_ROOTS = frozenset({"url_root", "host_url", "base_url", "url"})
"""Werkzeug's request attributes giving its absolute URL, the host ended by a `/`."""
OWN_ROOT_CHECKED = frozenset({"redirect"})
"""What such a start makes a target safe for: a redirect the victim's browser follows to
the host it sent. Not a URL the server fetches: the client chose the Host header."""


def own_root_prefix(prefix: ir.Expr | None, value: Value) -> bool:
    """Whether `prefix`, evaluated to `value`, is one of the request's own absolute URLs
    read as they are (`request.url_root`), not changed on the way: its read carries the
    request's own-URL mark (`SCHEME_START`), which an attribute of another object lacks."""
    if isinstance(prefix, ir.Attr):
        attribute = prefix.attr
    elif isinstance(prefix, ir.Global):
        attribute = prefix.name.rpartition(".")[2]  # NOTE: `flask.request.url_root`
    else:
        return False
    if attribute not in OWN_ROOTS:
        return False
    labels = list(value.whole())
    return bool(labels) and all(SCHEME_START in label.cleansed for label in labels)
