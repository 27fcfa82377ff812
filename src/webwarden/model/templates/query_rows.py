"""Positions of SQLAlchemy result rows that a numeric aggregate fills.

`session.query(PageView.day, func.count(PageView.id)).group_by(PageView.day).all()` gives
rows of `(day, count)`, and `session.execute(select(Page.kind, func.sum(Page.size)))`
rows of `(kind, sum)`: a view unpacking them (`for day, n in rows:`) binds `n` to a
number the database computed, whatever the other entities hold.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.model.module import FileContext

_NUMERIC = frozenset({"count", "sum", "avg"})
"""SQL functions that give a number (or NULL): not `max` or `min`, which give the
column's own value, text for a text column."""
_BUILDING = frozenset(
    {"filter", "filter_by", "where", "group_by", "order_by", "having", "join", "outerjoin",
     "limit", "offset", "distinct", "select_from", "all", "fetchall", "options"}
)  # fmt: skip
"""Methods of a query, a `Select` or a `Result` that keep its rows' shape."""
_MAX_LOCALS = 4

Assignments = Callable[[str], list[ast.expr]]
"""The values a function assigns to a local of the name (none for a parameter)."""


def counted_positions(ctx: FileContext, rows: ast.expr, assignments: Assignments) -> frozenset[int]:
    """The positions of each row of `rows` (a SQLAlchemy session's `query(...)`, or the
    result of `execute(select(...))`, through query-building methods and locals assigned
    once) that `func.count`, `func.sum` or `func.avg` fills (also `.label()`-ed)."""
    entities = _entities(rows, assignments, 0)
    if entities is None:
        return frozenset()
    return frozenset(i for i, entity in enumerate(entities) if _numeric(ctx, entity))


def _entities(node: ast.expr, assignments: Assignments, depth: int) -> list[ast.expr] | None:
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        method = node.func.attr
        if method == "query" and not node.keywords:
            return list(node.args)
        if method == "execute" and len(node.args) == 1 and not node.keywords:
            return _selected(node.args[0], assignments, depth)
        if method not in _BUILDING:
            return None
        node = node.func.value
    if isinstance(node, ast.Name) and depth < _MAX_LOCALS:
        assigned = assignments(node.id)
        if len(assigned) == 1:
            return _entities(assigned[0], assignments, depth + 1)
    return None


def _selected(node: ast.expr, assignments: Assignments, depth: int) -> list[ast.expr] | None:
    """The entities of `select(A, func.count(B)).group_by(A)` (`db.select`, `sa.select`)."""
    while isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "select":
            return list(node.args) if not node.keywords else None
        if not (isinstance(func, ast.Attribute) and name in _BUILDING):
            return None
        node = func.value
    if isinstance(node, ast.Name) and depth < _MAX_LOCALS:
        assigned = assignments(node.id)
        if len(assigned) == 1:
            return _selected(assigned[0], assignments, depth + 1)
    return None


def _numeric(ctx: FileContext, entity: ast.expr) -> bool:
    """`func.count(X)`, `db.func.sum(X)`, `sqlalchemy.func.avg(X).label("n")`."""
    if (
        isinstance(entity, ast.Call)
        and isinstance(entity.func, ast.Attribute)
        and entity.func.attr == "label"
    ):
        entity = entity.func.value
    if not (isinstance(entity, ast.Call) and isinstance(entity.func, ast.Attribute)):
        return False
    if entity.func.attr not in _NUMERIC:
        return False
    holder = entity.func.value
    if isinstance(holder, ast.Attribute):
        return holder.attr == "func"  # NOTE: `db.func`, `sa.func`: SQLAlchemy's `func`
    return (ctx.qualified(holder) or "") in ("sqlalchemy.func", "sqlalchemy.sql.func")
