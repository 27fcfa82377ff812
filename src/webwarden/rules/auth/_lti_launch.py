"""pylti1p3's LTI 1.3 launch, which verifies the `id_token` the platform posted."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_LIBRARY = "pylti1p3."
_LAUNCH = "MessageLaunch"
"""pylti1p3's launch and its framework adapters (`DjangoMessageLaunch`,
`FlaskMessageLaunch`): it reads the request's `id_token` and refuses one whose signature
by the platform's published key, nonce or `state` does not check out."""
_LAUNCH_TOKEN = "id_token"  # noqa: S105 - a form field's name
"""The form field LTI 1.3 posts the launch's JWT in."""


def lti_launches(ctx: FileContext, token: ast.expr, scope: ast.AST) -> list[ast.Call]:
    """The calls in `scope` making pylti1p3's launch (the library's class, or a class of
    the module deriving from it), when `token` is the posted `id_token` (read in the
    expression, or by every binding of its local in `scope`): each launch verifies that
    very token before it hands out a claim, so an unverified read of it before only
    finds the platform's registration (`iss`, `aud`)."""
    if not ctx.names.imports(_LIBRARY.rstrip(".")) or not _posted_launch_token(token, scope):
        return []
    made = {
        inner.name
        for inner in ctx.nodes(ast.ClassDef)
        if isinstance(inner, ast.ClassDef) and any(_launch(ctx.qualified(b)) for b in inner.bases)
    }
    return [
        call
        for call in ast.walk(scope)
        if isinstance(call, ast.Call)
        and (
            _launch(ctx.call_name(call))
            or (isinstance(call.func, ast.Name) and call.func.id in made)
        )
    ]


def _launch(name: str | None) -> bool:
    return name is not None and name.startswith(_LIBRARY) and name.endswith(_LAUNCH)


def _posted_launch_token(token: ast.expr, scope: ast.AST) -> bool:
    if _names_launch_token(token):
        return True
    if not isinstance(token, ast.Name):
        return False
    bound = [
        inner.value
        for inner in ast.walk(scope)
        if isinstance(inner, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == token.id for t in inner.targets)
    ]
    return bool(bound) and all(_names_launch_token(value) for value in bound)


def _names_launch_token(value: ast.expr) -> bool:
    return any(
        isinstance(inner, ast.Constant) and inner.value == _LAUNCH_TOKEN
        for inner in ast.walk(value)
    )
