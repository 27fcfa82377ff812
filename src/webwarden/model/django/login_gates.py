"""Whether a project's middleware turns away every anonymous request before the view runs.

A middleware whose `process_request` (or `__call__`, or `process_view`) tests the user
of the request at the top of its body and, for the anonymous, answers itself (a redirect
to `settings.LOGIN_URL`, `redirect_to_login(...)`, a 403) or raises, does what Django
5.1's `LoginRequiredMiddleware` does, whatever the class is called: the older recipe
(`ConfigurationCheckMiddleware`, `AuthRequiredMiddleware`) that lets through only the
paths of a `LOGIN_EXEMPT_URLS` list.
"""

from __future__ import annotations

import ast

from webwarden.model.caller_checks import after_docstring

LOGIN_HOOKS = frozenset({"process_request", "process_view", "__call__"})
"""Middleware methods that run on each request before its view."""


def turns_away_anonymous(method: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a middleware method answers every anonymous request itself: a statement
    of its body (not one nested in another test) is `if not request.user.is_authenticated:`
    (or `request.user.is_anonymous`, either joined with other tests) whose branch returns
    a response or raises, and never returns nothing (which hands the request on)."""
    parameters = method.args.posonlyargs + method.args.args
    if method.name not in LOGIN_HOOKS or len(parameters) < 2:
        return False
    request = parameters[1].arg
    return any(
        isinstance(stmt, ast.If) and _anonymous_test(stmt.test, request) and _answers(stmt.body)
        for stmt in after_docstring(method.body)
    )


def _anonymous_test(test: ast.expr, request: str) -> bool:
    """A test true for the anonymous: `not request.user.is_authenticated`,
    `request.user.is_anonymous` (called or not), or a boolean operation over one."""
    if isinstance(test, ast.BoolOp):
        return any(_anonymous_test(value, request) for value in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _user_attribute(test.operand, request) == "is_authenticated"
    return _user_attribute(test, request) == "is_anonymous"


def _user_attribute(node: ast.expr, request: str) -> str:
    if isinstance(node, ast.Call) and not node.args:
        node = node.func  # NOTE: Django before 1.10 made `is_authenticated()` a method.
    if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)):
        return ""
    user = node.value
    if user.attr == "user" and isinstance(user.value, ast.Name) and user.value.id == request:
        return node.attr
    return ""


def _answers(branch: list[ast.stmt]) -> bool:
    """Whether the branch returns a response or raises, and never returns nothing."""
    found = False
    for node in _walk(branch):
        if isinstance(node, ast.Raise):
            found = True
        elif isinstance(node, ast.Return):
            if node.value is None or (
                isinstance(node.value, ast.Constant) and node.value.value is None
            ):
                return False
            found = True
    return found


def _walk(branch: list[ast.stmt]) -> list[ast.AST]:
    """The nodes of the branch, not those of functions or classes defined in it."""
    found: list[ast.AST] = []
    pending: list[ast.AST] = list(branch)
    while pending:
        node = pending.pop()
        found.append(node)
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            pending.extend(ast.iter_child_nodes(node))
    return found
