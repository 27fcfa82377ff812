"""An assertion of a user's login whose user is only ever a value of a database query (WW1180)."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_LOGIN_FLAGS = frozenset({"is_authenticated"})
"""The flag whose absence makes a user Django's `AnonymousUser`, which is no model
instance: a query refuses it as a value (`filter(user=anonymous)` raises `TypeError`,
`create(user=anonymous)` `ValueError`)."""
_QUERY_METHODS = frozenset(
    {"filter", "exclude", "get", "create", "get_or_create", "update_or_create", "update"}
)
"""Methods of a Django manager or queryset whose keywords are field lookups or values."""


def only_looked_up(ctx: FileContext, node: ast.Assert) -> bool:
    """`assert user.is_authenticated` where `user` is a parameter of the function, and
    every other use of it in the function is the whole value of a keyword of a query
    (`Bookmark.objects.filter(user=user, topic=topic).update(...)`): under `python -O` an
    anonymous user reaching the function gets no row of anyone, since Django refuses a
    non-model value in a lookup. The assertion documents the caller's contract, as
    `isinstance` narrows a type. Not `user_id=user.pk` (an anonymous user's `pk` is
    `None`, which matches the rows of no owner), nor a user handed to anything else."""
    function = ctx.scopes.enclosing_function(node)
    name = _asserted_user(node.test)
    if function is None or name is None:
        return False
    arguments = function.args
    parameters = {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
    if name not in parameters:
        return False
    uses = [
        inner
        for statement in function.body
        if statement is not node
        for inner in ast.walk(statement)
        if isinstance(inner, ast.Name) and inner.id == name
    ]
    return bool(uses) and all(_query_value(ctx, use) for use in uses)


def _asserted_user(test: ast.expr) -> str | None:
    """`user` of `user.is_authenticated` (also called, as before Django 1.10)."""
    if isinstance(test, ast.Call) and not test.args and not test.keywords:
        test = test.func
    if (
        isinstance(test, ast.Attribute)
        and test.attr in _LOGIN_FLAGS
        and isinstance(test.value, ast.Name)
    ):
        return test.value.id
    return None


def _query_value(ctx: FileContext, use: ast.Name) -> bool:
    """The name is read as the whole value of a keyword of a query method's call."""
    keyword = ctx.parent(use)
    call = ctx.parent(keyword) if isinstance(keyword, ast.keyword) else None
    return (
        isinstance(use.ctx, ast.Load)
        and isinstance(keyword, ast.keyword)
        and keyword.arg is not None
        and isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr in _QUERY_METHODS
    )
