"""Values a view reads back from a Django aggregate: numbers the database computed.

`stats = Order.objects.aggregate(total=Sum("amount"))` gives `{"total": <number>}`, and
`rows = qs.values("day").annotate(n=Count("id"))` rows that each hold `n`, a count. A
view writing `stats["total"]` or `rows[0]["n"]` into a chart's data hands its template a
number, whatever the rows hold.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.model.module import FileContext

_NUMERIC = frozenset(
    f"django.db.models.{module}{name}"
    for module in ("", "aggregates.")
    for name in ("Count", "Sum", "Avg", "StdDev", "Variance")
)
"""Aggregates that give a number (or `None`): not `Min` or `Max`, which give the field's
own value, text for a text field."""
_BINDING = frozenset({"annotate", "aggregate"})
_MAX_DEPTH = 6
"""How many locals deep a query is followed through the locals it is built from."""

Assignments = Callable[[str], list[ast.expr]]
"""The values a function assigns to a local of the name (none for a parameter)."""


def aggregate_item(ctx: FileContext, value: ast.expr, assignments: Assignments) -> bool:
    """Whether `value` reads a key that a numeric aggregate binds (`Count`, `Sum`, `Avg`,
    `StdDev`, `Variance`): `stats["total"]` where the query `stats` is built from, through
    the locals it is assigned (`rows = by_day.filter(day=day)`, `by_day =
    qs.values("day").annotate(n=Count("id"))`), calls `aggregate(total=Sum(...))`, or an
    item of such rows (`rows[0]["n"]`); and nothing there binds the key otherwise."""
    if not (
        isinstance(value, ast.Subscript)
        and isinstance(value.slice, ast.Constant)
        and isinstance(value.slice.value, str)
    ):
        return False
    return _binds(ctx, value.value, value.slice.value, assignments, 0) is True


def _binds(
    ctx: FileContext, node: ast.expr, key: str, assignments: Assignments, depth: int
) -> bool | None:
    """True when the query `node` is built with `key` bound to a numeric aggregate, False
    when it binds it otherwise (or spreads keywords no one can tell), None when it does
    not bind it."""
    found: bool | None = None
    while True:
        if isinstance(node, ast.Subscript) and _row_or_slice(node.slice):
            node = node.value  # NOTE: `rows[0]`, `rows[:7]`: rows of the same query
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in _BINDING:
                for keyword in node.keywords:
                    if keyword.arg is None:
                        return False
                    if keyword.arg == key:
                        held = keyword.value
                        if not (isinstance(held, ast.Call) and ctx.call_name(held) in _NUMERIC):
                            return False
                        found = True
            node = node.func.value
        else:
            break
    if not isinstance(node, ast.Name) or depth >= _MAX_DEPTH:
        return found
    below = [_binds(ctx, each, key, assignments, depth + 1) for each in assignments(node.id)]
    if False in below:
        return False
    if found or (below and all(below)):
        return True
    return None


def _row_or_slice(index: ast.expr) -> bool:
    return isinstance(index, ast.Slice) or (
        isinstance(index, ast.Constant) and isinstance(index.value, int)
    )
