"""A value checked first for the signature the server made of it (Django's `signing`)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence

from webwarden.model.module import FileContext

_SIGNATURE_LOADS = frozenset({"django.core.signing.loads"})
_UNSIGN_METHODS = frozenset({"unsign", "unsign_object"})
"""`Signer.unsign()`, `TimestampSigner.unsign()`, `Signer.unsign_object()` (Django's and
itsdangerous' signers): they raise `BadSignature` unless the value is signed."""
SERIALIZERS = frozenset(
    {"itsdangerous.Serializer", "itsdangerous.TimedSerializer",
     "itsdangerous.URLSafeSerializer", "itsdangerous.URLSafeTimedSerializer",
     "itsdangerous.serializer.Serializer", "itsdangerous.timed.TimedSerializer",
     "itsdangerous.url_safe.URLSafeSerializer", "itsdangerous.url_safe.URLSafeTimedSerializer",
     "itsdangerous.JSONWebSignatureSerializer", "itsdangerous.TimedJSONWebSignatureSerializer"}
)  # fmt: skip
"""itsdangerous' serializers, whose `loads()` raises `BadSignature` unless the value
carries the signature made with their key (`ts = URLSafeTimedSerializer(SECRET_KEY)`,
then `ts.loads(token, salt=..., max_age=...)`); not `loads_unsafe()`, which hands the
payload back whatever its signature."""
_SERIALIZERS = SERIALIZERS | {
    "itsdangerous.jws.JSONWebSignatureSerializer",
    "itsdangerous.jws.TimedJSONWebSignatureSerializer",
}


def checks_signature(
    ctx: FileContext,
    statement: ast.stmt,
    earlier: Sequence[ast.stmt],
    sent: Callable[[ast.expr], bool],
) -> bool:
    """`user_uuid = signing.loads(key)`, `signer.unsign(token)`, an itsdangerous
    serializer's `ts.loads(token, salt=...)` as a statement, given a
    view's parameter (a URL's `<str:key>`) or what the request sent: Django raises
    `BadSignature` unless the value carries the signature the server made with its
    `SECRET_KEY`, so nothing after it runs for a value the server did not sign and hand
    out, the link a webhook or an e-mail was given. Not a value the view read from its own
    records or made itself (`signing.loads(profile.token)`), which proves nothing of the
    caller."""
    if not isinstance(statement, ast.Expr | ast.Assign):
        return False
    call = statement.value
    if not (isinstance(call, ast.Call) and call.args):
        return False
    func = call.func
    unsigns = isinstance(func, ast.Attribute) and (
        func.attr in _UNSIGN_METHODS
        or (func.attr == "loads" and ctx.origin(func.value) in _SERIALIZERS)
    )
    if not (unsigns or ctx.call_name(call) in _SIGNATURE_LOADS):
        return False
    value = call.args[0]
    if any(sent(node) for node in ast.walk(value) if isinstance(node, ast.expr)):
        return True
    return isinstance(value, ast.Name) and value.id not in _assigned(earlier)


def _assigned(statements: Sequence[ast.stmt]) -> set[str]:
    return {
        node.id
        for statement in statements
        for node in ast.walk(statement)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }
