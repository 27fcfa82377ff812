"""Shapes of values: parts by position and key, elements, sanitised copies, fixed hosts."""

from __future__ import annotations

import re

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import CLEAN, Value, cleanse

_FIXED_HOST = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#@\s{}]+[/?#]|^/[^/\\]")


QUERY_KINDS = frozenset({"url", "redirect"})
"""Sink kinds that data in a URL's query or fragment is safe for: it cannot change the
scheme or host the URL leads to."""


CLOSED_URL = "<closed-url>"
"""The kind of a string nothing appended to can change the scheme or host of, as a URL:
it starts with a fixed scheme and host or a local path (`"/items/" + name`), or holds a
constant `?` or `#` (`f"{path}?q={query}"`)."""

SITE_URLS = frozenset(
    {
        "flask.url_for",
        "flask.helpers.url_for",
        "django.urls.reverse",
        "django.urls.reverse_lazy",
        "django.urls.base.reverse",
        "django.urls.base.reverse_lazy",
        "django.core.urlresolvers.reverse",
        "django.core.urlresolvers.reverse_lazy",
    }
)
"""Kinds of values that are URLs of the site's own, their host fixed."""


def fixed_host_kinds(prefix: str) -> frozenset[str]:
    """Sink kinds a constant prefix makes safe: a fixed scheme and host, or a local path."""
    return QUERY_KINDS if _FIXED_HOST.match(prefix) else frozenset()


def continues_closed_url(node: ir.Fmt, kinds: list[str]) -> bool:
    """Whether a string starts with a `CLOSED_URL`, or with a URL of the site's own
    (`url_for(...)`) and then a constant that cannot begin a `//host`
    (`f"{url}&{params}"`): what follows cannot change where the URL leads. Not so right
    after the site's URL: `url_for("index")` is `/`, and `/` + `/evil.example` is
    `//evil.example`."""
    if node.kind not in {"+", "f-string"} or len(node.parts) < 2:
        return False
    if kinds[0] == CLOSED_URL:
        return True
    separator = node.parts[1]
    return (
        kinds[0] in SITE_URLS
        and isinstance(separator, ir.Const)
        and isinstance(separator.value, str)
        and separator.value[:1] not in {"", "/", "\\"}
    )


def key_of(index: ir.Expr) -> str:
    """The part key for a constant index (`[name]`, `#0`), else ""."""
    if isinstance(index, ir.Const):
        if isinstance(index.value, str):
            return f"[{index.value}]"
        if isinstance(index.value, int) and not isinstance(index.value, bool):
            return f"#{index.value}"
    return ""


def position_of(value: Value, position: int, fixed: bool = True) -> Value:
    """Element `position` of a value: known for a display (a position it does not keep
    holds no data), anything the value holds otherwise."""
    part = value.part(f"#{position}") if fixed else None
    if part is not None:
        return part
    if fixed and value.kind in {"<tuple>", "<list>"} and not value.taint:
        return CLEAN
    return Value(value.whole())


def element(container: Value) -> Value:
    """What iterating over a value gives: any of its parts or its data."""
    return Value(container.whole())


def cleansed(value: Value, kinds: frozenset[str]) -> Value:
    """The value after a sanitiser or guard for `kinds`."""
    parts = None
    if value.parts:
        parts = {key: cleansed(part, kinds) for key, part in value.parts.items()}
    return Value(cleanse(value.taint, kinds), parts, value.kind)
