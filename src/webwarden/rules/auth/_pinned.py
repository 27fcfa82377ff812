"""A name an enclosing `if` has pinned to a constant."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext


def pinned(ctx: FileContext, node: ast.expr) -> bool:
    """Whether `node` is a name the test of an enclosing `if` (or `elif`) compares equal
    to a constant, in that branch's body and not bound anew there: in `if key ==
    "settings-password": if key != settings.password:` the key is that text, the
    code's own, whatever the comparison's other side holds."""
    if not isinstance(node, ast.Name):
        return False
    inner: ast.AST = node
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return False
        if (
            isinstance(ancestor, ast.If)
            and any(inner is statement for statement in ancestor.body)
            and _tests_equal(ancestor.test, node.id)
        ):
            return not _bound_in(ancestor.body, node.id)
        inner = ancestor
    return False


def _tests_equal(test: ast.expr, name: str) -> bool:
    """`name == "text"` (either way round), alone or as one operand of an `and`."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_tests_equal(value, name) for value in test.values)
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    if not isinstance(test.ops[0], ast.Eq):
        return False
    sides = (test.left, test.comparators[0])
    return any(
        isinstance(side, ast.Name) and side.id == name and isinstance(other, ast.Constant)
        for side, other in (sides, sides[::-1])
    )


def _bound_in(body: list[ast.stmt], name: str) -> bool:
    """Whether a statement of the branch binds `name` (an assignment, a loop, a `with`)."""
    return any(
        isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store)
        for statement in body
        for node in ast.walk(statement)
    )
