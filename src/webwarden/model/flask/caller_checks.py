"""Whether a Flask view turns away, before it does anything, every request that does not
prove a credential of its caller (`webwarden.model.caller_checks`): whatever it reads of
`flask.request` may carry one."""

from __future__ import annotations

import ast

from webwarden.model.caller_checks import refuses_unproven
from webwarden.model.module import FileContext

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_REQUEST = "flask.request"


def verifies_caller(ctx: FileContext, function: ast.AST) -> bool:
    """Whether the view's first act refuses a request that proves no credential:
    `if request.headers.get(H) != SECRET: return ...`, `if not verify_signature(request.form):
    return ...`, or a `try` decoding a JSON Web Token with a key whose handlers return or
    raise."""
    if not isinstance(function, _FUNCTIONS):
        return False
    return refuses_unproven(ctx, function.body, lambda node: ctx.qualified(node) == _REQUEST)
