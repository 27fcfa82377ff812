"""Whether Flask-Login takes an instance of a user class for a logged-in user.

Flask-Login's `login_required` lets a request on when `current_user.is_authenticated` is
true. For a visitor not logged in, `current_user` is an instance of the login manager's
`anonymous_user` class: `AnonymousUserMixin`, whose `is_authenticated` is `False`, by
default. A class derived from `UserMixin` instead (whose `is_authenticated` is `True`),
or one saying `True` itself, makes every visitor pass `login_required`.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.model.caller_checks import after_docstring
from webwarden.model.imported import project_class
from webwarden.model.module import FileContext

Modules = Callable[[str], FileContext | None]

_AUTHENTICATED = frozenset(
    {"flask_login.UserMixin", "flask_login.mixins.UserMixin", "flask_security.UserMixin",
     "flask_security.core.UserMixin"}
)  # fmt: skip
"""Library classes whose `is_authenticated` is true (Flask-Security's `UserMixin` derives
from Flask-Login's)."""
_ANONYMOUS = frozenset(
    {"flask_login.AnonymousUserMixin", "flask_login.mixins.AnonymousUserMixin",
     "flask_security.AnonymousUser", "flask_security.core.AnonymousUser"}
)  # fmt: skip
"""Library classes whose `is_authenticated` is false."""
_NEUTRAL = frozenset({"object"})
_ATTRIBUTE = "is_authenticated"
_MAX_DEPTH = 4


def authenticated_class(read_module: Modules, ref: str, depth: int = 0) -> bool | None:
    """Whether instances of the project's class `ref` (`app.auth.Guest`) say they are
    authenticated: the class's own `is_authenticated` (a constant, or a property or
    method returning one), else that of its first base, left to right, that settles it
    (Flask-Login's mixins, or the project's classes in turn). None when it cannot be
    told: the class is not found, or a base webwarden does not know comes first."""
    found = project_class(read_module, ref)
    if found is None or depth > _MAX_DEPTH:
        return None
    ctx, node = found
    own = _own_answer(node)
    if own is not None or _defines(node):
        return own
    for base in node.bases:
        name = ctx.qualified(base) or ""
        if name in _AUTHENTICATED:
            return True
        if name in _ANONYMOUS:
            return False
        if name in _NEUTRAL:
            continue
        return authenticated_class(read_module, _project_ref(ctx, base, name), depth + 1)
    return None


def _project_ref(ctx: FileContext, base: ast.expr, name: str) -> str:
    """The reference of a base class: its qualified name, or the module's own class."""
    if isinstance(base, ast.Name) and name == base.id:
        return f"{ctx.module}.{name}"
    return name


def _defines(node: ast.ClassDef) -> bool:
    return any(_names_attribute(s) for s in node.body)


def _names_attribute(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
        return statement.name == _ATTRIBUTE
    targets = statement.targets if isinstance(statement, ast.Assign) else []
    if isinstance(statement, ast.AnnAssign):
        targets = [statement.target]
    return any(isinstance(t, ast.Name) and t.id == _ATTRIBUTE for t in targets)


def _own_answer(node: ast.ClassDef) -> bool | None:
    """The class's own `is_authenticated`: `is_authenticated = True`, or a property or
    method whose one statement (a docstring aside) returns a constant."""
    for statement in reversed(node.body):
        if not _names_attribute(statement):
            continue
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            body = after_docstring(statement.body)
            value = body[0].value if len(body) == 1 and isinstance(body[0], ast.Return) else None
        else:
            value = statement.value if isinstance(statement, ast.Assign | ast.AnnAssign) else None
        if isinstance(value, ast.Constant) and isinstance(value.value, bool):
            return value.value
        return None
    return None
