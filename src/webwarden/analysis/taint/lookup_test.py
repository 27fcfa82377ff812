"""Which arm of an `if` runs when the one row its test looks up is missing."""

from __future__ import annotations

import ast

_ONE_ROW = frozenset({"first", "one_or_none", "scalar_one_or_none", "last", "earliest", "latest"})
"""Query methods giving one row or None (`M.query.filter(...).first()`): a lookup."""


def missing_branch(test: ast.expr) -> str:
    """The arm taken when the test's lookup found no row: `then` for `if not
    M.query.filter(...).first():` or `if ....first() is None:`, `else` for `if
    ....first():` or `is not None`; `""` for any other test."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = missing_branch(test.operand)
        return {"then": "else", "else": "then"}.get(inner, "")
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    ):
        if not _looks_up(test.left):
            return ""
        if isinstance(test.ops[0], ast.Is):
            return "then"
        return "else" if isinstance(test.ops[0], ast.IsNot) else ""
    return "else" if _looks_up(test) else ""


def _looks_up(node: ast.expr) -> bool:
    """`<query>.first()`, called on the result of another call (`M.query.filter(...)`)."""
    return (
        isinstance(node, ast.Call)
        and not node.args
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _ONE_ROW
        and isinstance(node.func.value, ast.Call | ast.Attribute)
    )
