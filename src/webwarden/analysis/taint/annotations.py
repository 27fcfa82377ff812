"""What a Django QuerySet's own methods that shape its rows add to them.

`queryset.annotate(lower=Lower(sort))` on a helper's parameter: the request's `sort`
names the field the database lowers, and each row then holds what the database computes,
as `select_related("author")` or `only("title")` name fields without adding data. Only a
`Value(...)` expression (also inside another: `Concat(Value(prefix), "name")`) puts its
operand, as it was given, into every row.
"""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import Taint, Value, union

LITERAL_EXPRESSIONS = frozenset({"django.db.models.Value", "django.db.models.expressions.Value"})
"""Django's expression of a constant given by the code, written into the query as it is."""


def holds_literal(expr: ir.Expr) -> bool:
    """Whether the expression is, or builds on, a `Value(...)` expression."""
    if not isinstance(expr, ir.Call):
        return False
    if expr.callee in LITERAL_EXPRESSIONS:
        return True
    return any(holds_literal(arg) for arg in expr.args) or any(
        holds_literal(value) for _, value in expr.keywords
    )


def shaped_rows(
    receiver: Value,
    args: list[tuple[ir.Expr, Value]],
    keywords: list[tuple[str | None, ir.Expr, Value]],
) -> Value:
    """The rows of `receiver.<method>(...)` for a method only a QuerySet has: what the
    receiver held, and what the `Value(...)` expressions among the arguments hold."""
    given: list[Taint] = [value.whole() for expr, value in args if holds_literal(expr)]
    given += [value.whole() for _, expr, value in keywords if holds_literal(expr)]
    return Value(union(receiver.whole(), *given), receiver.parts, receiver.kind)
