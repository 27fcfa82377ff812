"""REST framework authentication classes of the project that let no request through
without a credential of its header: whatever a view's permission classes say, a view
authenticated only by them answers no caller that has not proved one.

REST framework authenticates every request in `APIView.initial()`, before the handler
runs, by calling each class's `authenticate(request)`: an exception refuses the request,
`None` hands it to the next class and, after the last, lets it through as anonymous.
"""

from __future__ import annotations

import ast

from webwarden.model.django.caller_checks import (
    VERIFIES,
    caller_check,
    reads_session,
    request_name,
)
from webwarden.model.module import FileContext
from webwarden.model.tree import own_returns

AUTHENTICATE = "authenticate"


def authenticator_verdict(ctx: FileContext, node: ast.ClassDef) -> bool | None:
    """For a class defining `authenticate(self, request)`: whether it refuses first every
    request without a header credential (`caller_checks.caller_check`: a missing or
    unknown bearer token raising `AuthenticationFailed`), returns None nowhere (REST
    framework's "not this scheme", which lets the request through as anonymous; falling
    off the end once every check has passed, a caller without a user, is no such
    return), and reads no cookie or session, which a browser sends by itself. None for
    a class defining no `authenticate`: what it inherits decides."""
    method = next(
        (
            stmt
            for stmt in node.body
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
            and stmt.name == AUTHENTICATE
        ),
        None,
    )
    if method is None or len(method.args.posonlyargs + method.args.args) < 2:
        return None
    if any(_none(ret.value) for ret in own_returns(method)):
        return False
    request = request_name(ctx, method)
    return caller_check(ctx, method) == VERIFIES and not reads_session(ctx, method, request)


def _none(value: ast.expr | None) -> bool:
    return value is None or (isinstance(value, ast.Constant) and value.value is None)
