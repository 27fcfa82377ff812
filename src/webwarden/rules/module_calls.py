"""Calls of a module's own top-level function, when calling is all the module does with it."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext


def calls_of(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> list[ast.Call] | None:
    """Every call of `function` in the module, by its name as the module binds it; None
    when its name is read otherwise (handed on as a callback, a URLconf's view, rebound
    in a scope of its own) or never called. For a function nested in another (`def
    run(command)` inside a method), its calls by the name that function binds: no other
    scope can reach it but through one of them handing it on, which is such a read."""
    defined_in = ctx.scopes.enclosing_scope(function)
    nested = defined_in is not ctx.tree
    calls: list[ast.Call] = []
    for node in ctx.nodes(ast.Name):
        if not (isinstance(node, ast.Name) and node.id == function.name):
            continue
        bound_in = ctx.scopes.binding_scope(node)
        if nested and bound_in is not defined_in:
            continue  # NOTE: another function's own name, not this closure
        parent = ctx.parent(node)
        if not (
            isinstance(node.ctx, ast.Load)
            and isinstance(parent, ast.Call)
            and parent.func is node
            and bound_in is defined_in
        ):
            return None
        calls.append(parent)
    return calls or None
