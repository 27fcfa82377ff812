"""Password factories a module attaches to a model it does not define, with Django's
`Model.add_to_class()`: the project's method that a call such as `User.create(...)` runs."""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator

from webwarden.model.auth.facts import PasswordHolder
from webwarden.model.auth.passwords import hashing_factory
from webwarden.model.module import FileContext

_WRAPPERS = frozenset({"classmethod", "staticmethod"})
"""Builtins an added function may be wrapped in (`classmethod(_create_user)`)."""


def added_factories(ctx: FileContext) -> Iterator[PasswordHolder]:
    """The models of other modules (Django's `User`, a library's) to which the module's
    top-level `Model.add_to_class("create", classmethod(make_user))` adds a function of
    the module taking a password-named parameter and hashing it (`user.set_password(
    password)`): what a call of that method is given as the password is stored hashed."""
    added: dict[str, set[str]] = defaultdict(set)
    for statement in ctx.tree.body:
        found = _added(statement)
        if found is None:
            continue
        model, name, function = found
        defined = ctx.module_function(function)
        if defined is not None and hashing_factory(defined, {}):
            added[ctx.qualified(model) or ast.unparse(model)].add(name)
    for qualname, names in added.items():
        # NOTE: `add_to_class` is a Django model's own method: the class is a model.
        yield PasswordHolder(
            qualname, True, frozenset(), factories=frozenset(names), methods=frozenset(names)
        )


def _added(statement: ast.stmt) -> tuple[ast.expr, str, str] | None:
    """(the model, the method's name, the module's function) of `Model.add_to_class(
    "name", function)`, the function bare or wrapped in `classmethod()`."""
    if not (isinstance(statement, ast.Expr) and isinstance(call := statement.value, ast.Call)):
        return None
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "add_to_class"):
        return None
    if len(call.args) != 2 or call.keywords:
        return None
    name, value = call.args
    if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
        return None
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id in _WRAPPERS
        and len(value.args) == 1
    ):
        value = value.args[0]
    if not isinstance(value, ast.Name):
        return None
    return func.value, name.value, value.id
