"""Module-level names bound once to an imported object: `get_action = logic.get_action`.

A module may bind a library's function to a name of its own at its top and call it by
that name (CKAN's views: `check_access = logic.check_access`, `get_action =
logic.get_action`). The name holds that very object, so it is read as the qualified name
the import gives it, as an import alias is. Not a name bound more than once, nor one a
function rebinds (`global name`), nor one bound to the module's own objects.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext


def module_aliases(ctx: FileContext) -> dict[str, str]:
    """Name -> the qualified name of the imported object the module binds it to once."""
    aliases = ctx.names.aliases
    found: dict[str, str] = {}
    rebound: set[str] | None = None
    for name, values in ctx.scopes.bindings(ctx.tree).items():
        if name in aliases or len(values) != 1:
            continue
        value = values[0]
        if not isinstance(value, ast.Attribute | ast.Name) or _head(value) not in aliases:
            continue
        if rebound is None:
            rebound = {n for node in ctx.nodes(ast.Global) for n in getattr(node, "names", ())}
        qualified = ctx.qualified(value)
        if qualified and name not in rebound:
            found[name] = qualified
    return found


def _head(node: ast.expr) -> str:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""
