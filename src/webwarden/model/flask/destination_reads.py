"""What of a Flask request a view reads only to know where to send the user next."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext, identifier_words

_HOLDERS = frozenset({"values", "args", "form"})
"""The request's parameters read by key (`request.values["next"]`)."""
_DESTINATION_WORDS = frozenset(
    {"next", "redirect", "return", "came", "continue", "destination", "dest", "goto"}
)
"""Words of a parameter naming the page to go to afterwards (`next`, `return_url`,
`redirect_to`, `came_from`, `continue`): a place, no credential."""


def destination_reads(ctx: FileContext, attributes: list[ast.Attribute]) -> frozenset[str]:
    """Of the request's parameters the body reads (`attributes`: the `request.<holder>`
    nodes), those it reads only by a constant key naming where to go next
    (`request.values["next"]`, `request.args.get("return_url")`, `"next" in
    request.values`): a login route handing the visitor to single sign-on reads a page to
    come back to, no password. A holder read whole or by another key is not among them."""
    destination: set[str] = set()
    other: set[str] = set()
    for attribute in attributes:
        if attribute.attr not in _HOLDERS:
            continue
        key = _read_key(ctx, attribute)
        (destination if key is not None and _names_destination(key) else other).add(attribute.attr)
    return frozenset(destination - other)


def _read_key(ctx: FileContext, attribute: ast.Attribute) -> str | None:
    """The constant key `request.values["next"]`, `request.args.get("next")` or
    `"next" in request.values` reads; None for a read of the whole holder."""
    parent = ctx.parent(attribute)
    key: ast.expr | None = None
    if isinstance(parent, ast.Subscript) and parent.value is attribute:
        key = parent.slice
    elif isinstance(parent, ast.Attribute) and parent.attr in {"get", "getlist"}:
        call = ctx.parent(parent)
        key = call.args[0] if isinstance(call, ast.Call) and call.args else None
    elif (
        isinstance(parent, ast.Compare)
        and parent.comparators == [attribute]
        and isinstance(parent.ops[0], ast.In | ast.NotIn)
    ):
        key = parent.left
    value = key.value if isinstance(key, ast.Constant) else None
    return value if isinstance(value, str) else None


def _names_destination(key: str) -> bool:
    return bool(_DESTINATION_WORDS.intersection(identifier_words(key)))
