"""Callers that refuse the request by the address a function of their module returns."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_REFUSAL_WORDS = ("forbidden", "denied", "unauthori", "refuse", "reject", "failed")
"""Words of a call answering no (`HttpResponseForbidden()`, `PermissionDenied`)."""


def access_gate(ctx: FileContext, function: ast.AST) -> str | None:
    """The name of a function of the module that calls `function` (a module-level one),
    binds the address it returns and refuses the request by it (`_refuses_by`)."""
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    if not any(function is statement for statement in ctx.tree.body):
        return None
    for call in ctx.nodes(ast.Call):
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id == function.name
        ):
            continue
        bound = ctx.parent(call)
        caller = ctx.scopes.enclosing_function(call)
        if (
            isinstance(bound, ast.Assign)
            and len(bound.targets) == 1
            and isinstance(bound.targets[0], ast.Name)
            and caller is not None
            and _refuses_by(caller, bound.targets[0].id)
        ):
            return caller.name
    return None


def _refuses_by(caller: ast.AST, name: str) -> bool:
    """Whether an `if` of `caller` tests the value of `name` (handed to a call, or
    compared with something but `None`) and its body refuses: a `raise`, or a `return` of
    a call named for a refusal."""
    for node in ast.walk(caller):
        if not isinstance(node, ast.If) or not _tests_value(node.test, name):
            continue
        last = node.body[-1]
        if isinstance(last, ast.Raise):
            return True
        if isinstance(last, ast.Return) and isinstance(last.value, ast.Call):
            called = ast.unparse(last.value.func).lower()
            if any(word in called for word in _REFUSAL_WORDS):
                return True
    return False


def _tests_value(test: ast.expr, name: str) -> bool:
    for node in ast.walk(test):
        if isinstance(node, ast.Call) and any(
            isinstance(a, ast.Name) and a.id == name for a in node.args
        ):
            return True
        if (
            isinstance(node, ast.Compare)
            and isinstance(node.ops[0], ast.In | ast.NotIn | ast.Eq | ast.NotEq)
            and any(
                isinstance(side, ast.Name) and side.id == name
                for side in (node.left, *node.comparators)
            )
            and not any(
                isinstance(side, ast.Constant) and side.value is None
                for side in (node.left, *node.comparators)
            )
        ):
            return True
    return False
