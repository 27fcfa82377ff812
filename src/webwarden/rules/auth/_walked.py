"""Whether both sides of a comparison are items of collections the code walks (WW744)."""

from __future__ import annotations

import ast

from webwarden.rules.auth._drawn import walking_iterable
from webwarden.rules.context import FileContext


def both_walked(ctx: FileContext, left: ast.expr, right: ast.expr) -> bool:
    """Whether each side is an item (or a key or field of an item) of a collection a
    `for` loop or a comprehension around the comparison walks, none of them read from
    the request (`for signature in self.signatures: for elem in feed: if
    elem["signature"] == signature`): two collections matched item by item, a join of
    records such as a malware feed's entries by their detection name, not a credential
    a client sent checked against the server's. One side alone walked (`for key in
    API_KEYS: if key == sent`) is still a check of what was sent."""
    walked = [_walking_loop(ctx, side) for side in (left, right)]
    if any(iterable is None for iterable in walked):
        return False
    return not any(_reads_request(ctx, iterable) for iterable in walked if iterable is not None)


def _item_name(node: ast.expr) -> ast.Name | None:
    """The name an item's field or key is read off (`elem["signature"]`, `row.name`)."""
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return node if isinstance(node, ast.Name) else None


def _walking_loop(ctx: FileContext, node: ast.expr) -> ast.expr | None:
    """The iterable of the loop or comprehension around `node`, in its function, that
    binds the name `node` is (or is read off); None when no such loop binds it."""
    name = _item_name(node)
    return None if name is None else walking_iterable(ctx, name)


def _reads_request(ctx: FileContext, iterable: ast.expr) -> bool:
    """Whether the walked collection is read from the request (`request.headers.getlist(...)`),
    also through the one value a local it names is bound to (`zip(sent_tokens, stored)`)."""
    values = [iterable]
    values.extend(
        bound
        for node in ast.walk(iterable)
        if isinstance(node, ast.Name) and (bound := ctx.lookup(node)) is not None
    )
    return any(
        (isinstance(node, ast.Name) and node.id == "request")
        or (isinstance(node, ast.Attribute) and node.attr == "request")
        for value in values
        for node in ast.walk(value)
    )
