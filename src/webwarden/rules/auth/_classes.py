"""Names that hold a class of the module, compared as types (WW744)."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext


def module_class(ctx: FileContext, node: ast.expr) -> bool:
    """`annotation == secret_str` where the module's only binding of `secret_str` is
    `class secret_str(str)`: a type (a marker for values not to log), not a secret."""
    if not isinstance(node, ast.Name) or ctx.scopes.binding_scope(node) is not ctx.tree:
        return False
    if len(ctx.scopes.bindings(ctx.tree).get(node.id, [])) != 1:
        return False
    return any(
        isinstance(statement, ast.ClassDef) and statement.name == node.id
        for statement in ctx.tree.body
    )
