"""Module-level names bound once to an imported object: `get_action = logic.get_action`.

A module may bind a library's function to a name of its own at its top and call it by
that name (CKAN's views: `check_access = logic.check_access`, `get_action =
logic.get_action`). The name holds that very object, so it is read as the qualified name
the import gives it, as an import alias is. Not a name bound more than once, nor one a
function rebinds (`global name`), nor one bound to the module's own objects.

Django's `lazy(f, str)` (`reverse_lazy = lazy(reverse, str)`) returns a function whose
result, once used, is what `f` returns for the same arguments: the name is read as `f`,
an imported function or one the module defines.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.scopes import UNKNOWN_BINDING, scope_statements

_LAZY = frozenset({"django.utils.functional.lazy"})


def module_aliases(ctx: FileContext) -> dict[str, str]:
    """Name -> the qualified name of the imported object the module binds it to once."""
    aliases = ctx.names.aliases
    found: dict[str, str] = {}
    rebound: set[str] | None = None
    bindings = ctx.scopes.bindings(ctx.tree)
    for name, values in bindings.items():
        if name in aliases or len(values) != 1:
            continue
        value = values[0]
        if isinstance(value, ast.Call):
            qualified = _lazy_wrapped(ctx, value, bindings)
        elif isinstance(value, ast.Attribute | ast.Name) and _head(value) in aliases:
            qualified = ctx.qualified(value)
        else:
            continue
        if not qualified:
            continue
        if rebound is None:
            rebound = {n for node in ctx.nodes(ast.Global) for n in getattr(node, "names", ())}
        if name not in rebound:
            found[name] = qualified
    return found


def _lazy_wrapped(
    ctx: FileContext, call: ast.Call, bindings: dict[str, list[ast.expr]]
) -> str | None:
    """The qualified name of `f` in `lazy(f, str)`: an imported name, or a function the
    module defines (and binds no other way)."""
    if ctx.qualified(call.func) not in _LAZY or not call.args or call.keywords:
        return None
    wrapped = call.args[0]
    if isinstance(wrapped, ast.Attribute) and _head(wrapped) in ctx.names.aliases:
        return ctx.qualified(wrapped)
    if not isinstance(wrapped, ast.Name):
        return None
    if wrapped.id in ctx.names.aliases:
        return ctx.names.aliases[wrapped.id]
    defined = sum(
        1
        for node in scope_statements(ctx.tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == wrapped.id
    )
    values = bindings.get(wrapped.id, [])
    if not defined or len(values) != defined or any(v is not UNKNOWN_BINDING for v in values):
        return None
    return f"{ctx.module}.{wrapped.id}" if ctx.module else wrapped.id


def _head(node: ast.expr) -> str:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""
