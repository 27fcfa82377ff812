"""Statements that only load a record from the database into a local: what a view may do
before it checks its caller, without changing anything."""

from __future__ import annotations

import ast

MANAGERS = frozenset({"objects", "query"})
"""A model's manager (Django's `objects`, SQLAlchemy's `query`)."""
_RECORD_READS = frozenset({"get", "first", "one", "one_or_none", "first_or_404", "get_or_404"})


def reads_record(statement: ast.stmt) -> bool:
    """`job = get_object_or_404(Job, pk=pk)`, `job = Job.objects.get(pk=pk)`,
    `token = Token.query.filter_by(key=key).first()`, `query =
    db.session.query(Query).filter(Query.id == sent).one()`: a local given one record
    read through a model's manager or a SQLAlchemy session's query."""
    if not (
        isinstance(statement, ast.Assign)
        and all(isinstance(t, ast.Name) for t in statement.targets)
        and isinstance(statement.value, ast.Call)
    ):
        return False
    func = statement.value.func
    if isinstance(func, ast.Name):
        return func.id == "get_object_or_404"
    return (
        isinstance(func, ast.Attribute)
        and func.attr in _RECORD_READS
        and any(isinstance(n, ast.Attribute) and n.attr in MANAGERS for n in ast.walk(func))
    )
