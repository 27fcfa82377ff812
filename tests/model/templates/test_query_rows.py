"""Positions of SQLAlchemy result rows that a numeric aggregate fills."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.templates.query_rows import counted_positions

_HEAD = """
import sqlalchemy as sa
from sqlalchemy import func, select
"""


@pytest.mark.parametrize(
    ("source", "positions"),
    [
        pytest.param(
            "rows = db.session.query(Day.day, func.count(Day.id)).group_by(Day.day).all()",
            {1},
            id="legacy-query",
        ),
        pytest.param(
            "rows = session.execute(select(Page.kind, sa.func.sum(Page.size).label('n')))",
            {1},
            id="select-labelled-sum",
        ),
        pytest.param(
            "query = db.select(func.avg(Page.size), db.func.count()).group_by(Page.kind)\n"
            "rows = db.session.execute(query).all()",
            {0, 1},
            id="select-through-a-local",
        ),
        pytest.param(
            "rows = db.session.query(Day.day, func.max(Day.page)).all()",
            set(),
            id="max-is-the-column's-own-value",
        ),
        pytest.param(
            "rows = db.session.query(Day.day, func.count(Day.id)).first()",
            set(),
            id="one-row-is-not-rows",
        ),
        pytest.param("rows = client.search(Day.day, func.count(Day.id))", set(), id="not-a-query"),
    ],
)
def test_counted_positions(source: str, positions: set[int]) -> None:
    text = _HEAD + textwrap.dedent(source)
    tree = ast.parse(text)
    ctx = FileContext("app.py", "app", tuple(text.splitlines()), tree, NameResolver(tree, "app"))
    assigned: dict[str, list[ast.expr]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            assigned.setdefault(node.targets[0].id, []).append(node.value)
    rows = ast.Name("rows", ast.Load())
    found = counted_positions(ctx, rows, lambda name: assigned.get(name, []))
    assert found == positions
