"""Values a function computes only to write them into log messages."""

from __future__ import annotations

import ast

from webwarden.model.caller_checks import LOG_LEVELS
from webwarden.rules.context import FileContext


def only_logged(ctx: FileContext, call: ast.Call) -> bool:
    """Whether what `call` returns goes nowhere but into log messages: an argument of a
    logger's call (`logger.warning("bad token: %s", payload)`), or a local that only such
    calls read; or `call` is what a module-level function returns (`return
    jwt.decode(...)`) and every call of that function in the module is so logged."""
    function = ctx.scopes.enclosing_function(call)
    if isinstance(ctx.parent(call), ast.Return) and function is not None:
        if not any(function is statement for statement in ctx.tree.body):
            return False
        callers = [
            node
            for node in ctx.nodes(ast.Call)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == function.name
        ]
        return bool(callers) and all(_result_logged(ctx, c) for c in callers)
    return _result_logged(ctx, call)


def _result_logged(ctx: FileContext, call: ast.Call) -> bool:
    if _in_log_call(ctx, call):
        return True
    reads = ctx.scopes.reads_of_assigned(ctx.parent(call))
    return bool(reads) and all(_in_log_call(ctx, read) for read in reads)


def _in_log_call(ctx: FileContext, node: ast.AST) -> bool:
    """`node` is (in) an argument of a logger's call in the same statement."""
    for ancestor in ctx.ancestors(node):
        if (
            isinstance(ancestor, ast.Call)
            and isinstance(ancestor.func, ast.Attribute)
            and ancestor.func.attr in LOG_LEVELS
            and "log" in ast.unparse(ancestor.func.value).lower()
        ):
            return True
        if isinstance(ancestor, ast.stmt):
            return False
    return False
