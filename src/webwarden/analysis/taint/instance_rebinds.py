"""Imported classes a module replaces by the one instance it makes of them.

`from modules.store import Store`, then at the module's top level `Store = Store(config)`
(often annotated, `Store: Store = Store(config)`, or inside `with app.app_context():`).
Once the module has run, the name holds the instance: a function reading it (a view
calling `Store.delete(peer_id)`) calls a method of that instance, its argument the
method's first after `self`, not the class's function given the argument as `self`. The
module body itself still reads the import until the statement rebinds it.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext


def replaced_imports(ctx: FileContext) -> frozenset[str]:
    """The imported names the module's top level binds again to a call of themselves."""
    aliases = ctx.names.aliases
    return frozenset(
        name
        for name, values in ctx.scopes.bindings(ctx.tree).items()
        if name in aliases and any(_made_of(value, name) for value in values)
    )


def _made_of(value: ast.expr, name: str) -> bool:
    return (
        isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == name
    )
