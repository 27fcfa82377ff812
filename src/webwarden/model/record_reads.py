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


_CHANGING_WORDS = frozenset(
    {"or", "create", "update", "set", "add", "delete", "save", "new", "make", "and"}
)
"""Words of a getter's name that say it may store something (`get_or_create_user`)."""


def fetches_by_getter(statement: ast.stmt) -> bool:
    """`instrument = get_instrument(instrument_id)`: a local given what a function named
    for getting one thing (`get_<noun>`, also a module's, `logic.get_group(group_id)`)
    returns, handed only names and constants (the view's URL parameters): the project's
    lookup of a record by its key, which a view runs in a `try` refusing when none is
    found. Not a getter whose name says it may store (`get_or_create_user`)."""
    if not (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and isinstance(statement.value, ast.Call)
    ):
        return False
    call = statement.value
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    words = name.split("_")
    if len(words) < 2 or words[0] != "get" or _CHANGING_WORDS.intersection(words[1:]):
        return False
    given = [*call.args, *(k.value for k in call.keywords)]
    return all(k.arg is not None for k in call.keywords) and all(
        isinstance(g, ast.Name | ast.Constant) for g in given
    )
