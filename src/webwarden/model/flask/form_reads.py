"""What a view does with a form it builds, and query values it picks, that reads only.

A search view builds the project's form (`form = SearchForm()`, or `self.form()` in a
view class whose `form = SearchForm`), validates it and asks it for results
(`form.get_results()`, a method of the form class querying the database); it may pick
the sort order (`order_func = asc if ... else desc`) or one of the queries a dict maps
(`actions[kind](query)`, `actions = {"post": Post.query.whooshee_search}`). None of these
stores anything, but for the form's own methods, whose bodies the project step reads
(`read_only.read_only_helpers`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.model.module import FileContext

FORM_CHECKS = frozenset({"validate", "validate_on_submit", "is_submitted"})
"""WTForms' and Flask-WTF's checks of a form's data: they read the request and the
form's validators' answers, and store nothing."""
_ORDERING_FUNCTIONS = frozenset(
    {"sqlalchemy.asc", "sqlalchemy.desc", "sqlalchemy.sql.expression.asc",
     "sqlalchemy.sql.expression.desc"}
)  # fmt: skip

Predicate = Callable[[str], bool]


def built_form_class(ctx: FileContext, made: ast.expr | None, is_form: Predicate) -> str | None:
    """The qualified name of the form class `made` builds: `SearchForm(...)`, or
    `self.form()` in a class whose body binds `form = SearchForm` (a form class named so,
    `is_form`); None for anything else."""
    if not isinstance(made, ast.Call):
        return None
    name = ctx.qualified_here(made.func) or ""
    if is_form(name):
        return name
    func = made.func
    if not (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
    ):
        return None
    method = ctx.scopes.enclosing_function(made)
    holder = ctx.parent(method) if method is not None else None
    if not isinstance(holder, ast.ClassDef):
        return None
    for statement in holder.body:
        if (
            isinstance(statement, ast.Assign)
            and [t.id for t in statement.targets if isinstance(t, ast.Name)] == [func.attr]
            and is_form(named := ctx.qualified_here(statement.value) or "")
        ):
            return named
    return None


def form_method(ctx: FileContext, call: ast.Call, is_form: Predicate) -> tuple[str, str] | None:
    """`form.get_results()` on a local the function binds to a form it builds: the form
    class's qualified name and the method's; None for any other call."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return None
    form = built_form_class(ctx, ctx.scopes.made_by(func.value), is_form)
    return (form, func.attr) if form is not None else None


def picks_ordering(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call
) -> bool:
    """`order_func(sort_obj)` where every value the function binds `order_func` to is
    SQLAlchemy's `asc` or `desc`: a sort order a query is built with."""
    if not isinstance(call.func, ast.Name):
        return False
    values = [
        node.value
        for node in ast.walk(function)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == call.func.id for t in node.targets)
    ]
    return bool(values) and all(ctx.qualified(v) in _ORDERING_FUNCTIONS for v in values)


def picks_query_read(ctx: FileContext, call: ast.Call, reads: Callable[[ast.expr], bool]) -> bool:
    """`actions[kind](query)` where `actions` is bound once to a dict whose every value
    is a query's reading method (`Post.query.whooshee_search`, `reads`)."""
    func = call.func
    if not (isinstance(func, ast.Subscript) and isinstance(func.value, ast.Name)):
        return False
    made = ctx.scopes.made_by(func.value)
    return (
        isinstance(made, ast.Dict)
        and bool(made.values)
        and all(None not in made.keys and reads(v) for v in made.values)
    )
