"""The items of a dict as the source writes it, each key known: a `{...}` display whose
keys evaluate to strings, or a `dict(...)` call given only keywords."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

Item = tuple[str, ast.expr]
"""A key and the expression written for its value."""


def display_items(ctx: FileContext, display: ast.Dict) -> list[Item] | None:
    """The items of a dict display when every key evaluates to a string; None when one
    does not, or for a `**mapping` entry (which may add any key)."""
    items: list[Item] = []
    for key, value in zip(display.keys, display.values, strict=True):
        name = ctx.evaluate(key) if key is not None else None
        if not isinstance(name, str):
            return None
        items.append((name, value))
    return items


def dict_call_items(ctx: FileContext, call: ast.Call) -> list[Item] | None:
    """`dict(version=__version__, banner=...)`: keyword items only (a positional
    argument or `**mapping` may add any key); None for any other call."""
    if ctx.call_name(call) != "dict" or call.args:
        return None
    items = [(k.arg, k.value) for k in call.keywords if k.arg]
    return items if len(items) == len(call.keywords) else None
