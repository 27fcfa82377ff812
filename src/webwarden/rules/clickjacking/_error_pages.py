"""Error pages: a view that only ever answers with an error status (Django's `handler404`
rendering the 404 page), or a response marked only when its status is an error. Framed,
such a page offers nothing a click could change on the visitor's behalf."""

from __future__ import annotations

import ast
import re

from webwarden.model.tree import own_returns
from webwarden.rules.context import FileContext

_ERROR_CLASSES = (
    "HttpResponseBadRequest",
    "HttpResponseForbidden",
    "HttpResponseNotFound",
    "HttpResponseNotAllowed",
    "HttpResponseGone",
    "HttpResponseServerError",
)
ERROR_RESPONSES = frozenset(
    f"{module}.{name}"
    for module in ("django.http", "django.http.response")
    for name in _ERROR_CLASSES
)
"""Django's response classes whose status is an error (400, 403, 404, 405, 410, 500)."""
_ERROR_STATUS_NAME = re.compile(r"HTTP_[45]\d\d_\w+")
"""Django REST framework's status names (`status.HTTP_404_NOT_FOUND`)."""
_FIRST_ERROR = 400
_Function = ast.FunctionDef | ast.AsyncFunctionDef
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def refuses_only(ctx: FileContext, function: _Function) -> bool:
    """Whether every `return` of the function (none of a function nested in it) gives an
    error response, and there is one: `HttpResponseNotFound(...)`, `render(request,
    "404.html", status=404)`, `Response(status=status.HTTP_404_NOT_FOUND)`."""
    returns = own_returns(function)
    return bool(returns) and all(_error_response(ctx, r.value) for r in returns)


def under_error_status(ctx: FileContext, node: ast.AST) -> bool:
    """Whether `node` runs only under a test that the response's status is an error
    (`if response.status_code == 500:`, `>= 400`, `in (404, 500)`), in its function."""
    child = node
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, _NESTED):
            return False
        if (
            isinstance(ancestor, ast.If)
            and any(statement is child for statement in ancestor.body)
            and _tests_error_status(ctx, ancestor.test)
        ):
            return True
        child = ancestor
    return False


def _error_response(ctx: FileContext, value: ast.expr | None) -> bool:
    if isinstance(value, ast.IfExp):
        return _error_response(ctx, value.body) and _error_response(ctx, value.orelse)
    if not isinstance(value, ast.Call):
        return False
    if ctx.call_name(value) in ERROR_RESPONSES:
        return True
    status = next((k.value for k in value.keywords if k.arg == "status"), None)
    return status is not None and _error_status(ctx, status)


def _error_status(ctx: FileContext, node: ast.expr) -> bool:
    """A status of 400 or more: a constant, or a status name of Django REST framework."""
    value = ctx.evaluate(node)
    if isinstance(value, int) and not isinstance(value, bool):
        return value >= _FIRST_ERROR
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
    return _ERROR_STATUS_NAME.fullmatch(name) is not None


def _tests_error_status(ctx: FileContext, test: ast.expr) -> bool:
    """`r.status_code == 500`, `r.status_code >= 400`, `r.status_code in (404, 500)`, or
    an `and` one of whose terms is such a test."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_tests_error_status(ctx, value) for value in test.values)
    if not (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.left, ast.Attribute)
        and test.left.attr == "status_code"
    ):
        return False
    op, bound = test.ops[0], ctx.evaluate(test.comparators[0])
    if isinstance(op, ast.In) and isinstance(bound, tuple | list | set | frozenset):
        return bool(bound) and all(_is_error_code(code) for code in bound)
    if isinstance(op, ast.Eq | ast.GtE):
        return _is_error_code(bound)
    return isinstance(op, ast.Gt) and _is_error_code(bound, above=True)


def _is_error_code(code: object, *, above: bool = False) -> bool:
    if not isinstance(code, int) or isinstance(code, bool):
        return False
    return code >= (_FIRST_ERROR - 1 if above else _FIRST_ERROR)
