"""Shapes of values: parts by position and key, elements, sanitised copies, fixed hosts."""

from __future__ import annotations

import re

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import CLEAN, Value, cleanse

_FIXED_HOST = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#@\s{}]+[/?#]|^/[^/\\]")


QUERY_KINDS = frozenset({"url", "redirect"})
"""Sink kinds that data in a URL's query or fragment is safe for: it cannot change the
scheme or host the URL leads to."""


def fixed_host_kinds(prefix: str) -> frozenset[str]:
    """Sink kinds a constant prefix makes safe: a fixed scheme and host, or a local path."""
    return QUERY_KINDS if _FIXED_HOST.match(prefix) else frozenset()


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
