"""Calls of a module's own top-level function, when calling is all the module does with it."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext


def calls_of(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> list[ast.Call] | None:
    """Every call of `function` in the module, by its name as the module binds it; None
    when its name is read otherwise (handed on as a callback, a URLconf's view, rebound
    in a scope of its own) or never called."""
    calls: list[ast.Call] = []
    for node in ctx.nodes(ast.Name):
        if not (isinstance(node, ast.Name) and node.id == function.name):
            continue
        parent = ctx.parent(node)
        if not (
            isinstance(node.ctx, ast.Load)
            and isinstance(parent, ast.Call)
            and parent.func is node
            and ctx.scopes.binding_scope(node) is ctx.tree
        ):
            return None
        calls.append(parent)
    return calls or None
