"""Which module-level names some other statement of the module may bind again."""

from __future__ import annotations

import ast
from collections.abc import Collection

from webwarden.model.module import FileContext


def rebound_names(ctx: FileContext, names: Collection[str]) -> set[str]:
    """Those of `names` (each bound once at the module's top level) that another binding
    may replace: an import of the name, a `def` or `class` of it, a second store (in a
    function too), or a `global` declaration of it."""
    taken = {name for name in ctx.names.aliases if name in names}
    stores: dict[str, int] = {}
    for node in ctx.nodes(ast.Name, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        if isinstance(node, ast.Name):
            if node.id in names and not isinstance(node.ctx, ast.Load):
                stores[node.id] = stores.get(node.id, 0) + 1
        elif getattr(node, "name", "") in names:
            taken.add(getattr(node, "name", ""))
    taken.update(name for name, count in stores.items() if count > 1)
    for node in ctx.nodes(ast.Global):
        taken.update(n for n in getattr(node, "names", ()) if n in names)
    return taken
