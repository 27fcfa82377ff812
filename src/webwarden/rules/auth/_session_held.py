"""Values a Django view reads back from its session: what the server stored there."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_READS = frozenset({"get", "pop", "setdefault"})


def session_held(ctx: FileContext, node: ast.expr) -> bool:
    """`request.session.get(KEY)` (or `[KEY]`, `.pop(KEY)`), an item of one
    (`entry["token"]` past `entry = request.session.pop(key)`), or a name bound to one:
    Django keeps the session's data on the server, or in a cookie signed with the site's
    key, so the client cannot choose it."""
    while isinstance(node, ast.Subscript) and not _session(node.value):
        node = node.value
    if isinstance(node, ast.Name):
        value = ctx.lookup(node) or ctx.reaching_value(node)
        if value is None:
            return False
        node = value
        while isinstance(node, ast.Subscript) and not _session(node.value):
            node = node.value
    if isinstance(node, ast.Subscript):
        return _session(node.value)
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _READS
        and _session(node.func.value)
    )


def _session(node: ast.expr) -> bool:
    """`request.session` (`self.request.session`)."""
    if not (isinstance(node, ast.Attribute) and node.attr == "session"):
        return False
    holder = node.value
    return (isinstance(holder, ast.Name) and holder.id == "request") or (
        isinstance(holder, ast.Attribute) and holder.attr == "request"
    )
