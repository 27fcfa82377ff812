"""WW754: an account's stored password hash written into a signed token's payload."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_PAYLOAD_FIRST = frozenset(
    {"jwt.encode", "jose.jwt.encode", "django.core.signing.dumps", "jwt.api_jwt.encode"}
)
"""Calls taking the payload first: PyJWT, python-jose, Django's `signing.dumps`."""
_CLAIMS = frozenset(
    {"flask_jwt_extended.create_access_token", "flask_jwt_extended.create_refresh_token"}
)
"""Flask-JWT-Extended's token makers: `identity` and `additional_claims` go in as claims."""
_HASH_NAME = re.compile(r"(?:pass(?:word|wd)?|pwd?)hash|hash(?:ed)?(?:pass(?:word|wd)?|pwd?)")
"""`password_hash`, `pwhash`, `hashed_password`, `passwordHash` once `_` is dropped."""
_CONVERSIONS = frozenset({"str", "bytes"})
_METHODS = frozenset({"decode", "encode", "hex"})
"""Calls that hand the value on as it is, in another type."""


class PasswordHashInToken(PythonRule):
    """## What it does
    Finds an account's stored password hash (a value read or returned under a name
    saying so: `user.password_hash`, `user.pwhash`, `hashed_password`,
    `get_pwhash(name)`) written, as it is, into the payload of a token that is signed
    but not encrypted: Flask-JWT-Extended's `additional_claims` or `identity`, PyJWT's
    and python-jose's `jwt.encode(payload, ...)`, Django's `signing.dumps(obj)`, an
    itsdangerous serializer's `dumps(obj)` and any `dumps(obj, salt=...)` (a signer's:
    a project's wrapper of one, `signer.dumps(data, salt="password-reset")`). Often done to make a reset link single-use:
    the link stops working once the hash changes.

    ## Why is this bad?
    A signature stops changes, not reading: anyone holding the token decodes its
    payload with base64. Such tokens travel in e-mails and URLs (`?jwt=...`) and land
    in mailboxes, proxy and server logs; the hash and its salt in them let whoever reads
    one guess the user's password offline, at the speed of their own hardware, with no
    login attempt the app could count.

    ## Known problems
    The payload is read where the call writes it (a dict literal, or a local assigned
    one); a key added to the dict later is not seen. A value derived from the hash
    by another call (an HMAC of it, a hash of it with a server secret) is not reported:
    that is the fix. Django's own password reset tokens mix the hash into an HMAC and
    are not concerned.

    ## Example
    ```python
    from flask_jwt_extended import create_access_token

    def reset_link(user):
        token = create_access_token(
            identity=user.id, additional_claims={"old": user.password_hash}
        )
        return f"/reset?jwt={token}"
    ```

    ## Fix
    ```python
    import hashlib
    import hmac

    from flask import current_app
    from flask_jwt_extended import create_access_token

    def reset_link(user):
        key = current_app.config["SECRET_KEY"].encode()
        stamp = hmac.new(key, user.password_hash.encode(), hashlib.sha256).hexdigest()
        token = create_access_token(identity=user.id, additional_claims={"old": stamp})
        return f"/reset?jwt={token}"
    ```

    ## References
    - [CWE-522: Insufficiently Protected Credentials](https://cwe.mitre.org/data/definitions/522.html)
    - [RFC 7519: JSON Web Token, section 12 (privacy)](https://datatracker.ietf.org/doc/html/rfc7519#section-12)
    - [OWASP Forgot Password Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html)
    """

    code = "WW754"
    name = "password-hash-in-token"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 522
    message = "the password hash `{value}` is written into a token by `{call}`, whose payload anyone holding it can read"
    fix = "put an HMAC of the hash (keyed with a server secret) in the token, never the hash"
    calls = _PAYLOAD_FIRST | _CLAIMS | {".dumps"}
    mentions = ("hash",)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node) or ""
        payloads: list[ast.expr | None] = []
        if name in _CLAIMS:
            payloads = [ctx.argument(node, 0, "identity"), ctx.keyword(node, "additional_claims")]
        elif name in _PAYLOAD_FIRST or _serializer_dumps(ctx, node):
            payloads = [ctx.argument(node, 0, "obj" if name.endswith("dumps") else "payload")]
        for payload in payloads:
            for value in _values(ctx, payload):
                if _password_hash(ctx, value):
                    yield self.finding(ctx, node, value=ast.unparse(value), call=name)
                    return


def _serializer_dumps(ctx: FileContext, node: ast.Call) -> bool:
    """`serializer.dumps(obj)` on a local or module name assigned an itsdangerous one,
    or any `.dumps(obj, salt=...)`: a salt is a signer's namespace (itsdangerous's, a
    project's wrapper of it imported from elsewhere); `json` and `pickle` take none."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr == "dumps"):
        return False
    if ctx.keyword(node, "salt") is not None:
        return True
    receiver = ctx.lookup(func.value) if isinstance(func.value, ast.Name) else func.value
    if isinstance(receiver, ast.Call):
        return (ctx.call_name(receiver) or "").startswith("itsdangerous.")
    return False


def _values(ctx: FileContext, payload: ast.expr | None) -> list[ast.expr]:
    """The payload itself, or the values of the dict literal it is (or a local holds)."""
    if isinstance(payload, ast.Name):
        payload = ctx.lookup(payload) or payload
    if isinstance(payload, ast.Dict):
        return list(payload.values)
    return [] if payload is None else [payload]


def _password_hash(ctx: FileContext, value: ast.expr) -> bool:
    """A value named as a password hash, as it is or only converted (`str(...)`,
    `.decode()`, `.hex()`)."""
    if isinstance(value, ast.Name):
        value = ctx.lookup(value) or value
    while isinstance(value, ast.Call):
        func = value.func
        callee = func.attr if isinstance(func, ast.Attribute) else ctx.call_name(value) or ""
        if _named_hash(callee):
            return True
        if callee in _CONVERSIONS and value.args and not isinstance(func, ast.Attribute):
            value = value.args[0]
        elif callee in _METHODS and isinstance(func, ast.Attribute):
            value = func.value
        else:
            return False
    if isinstance(value, ast.Attribute):
        return _named_hash(value.attr)
    return isinstance(value, ast.Name) and _named_hash(value.id)


def _named_hash(name: str) -> bool:
    return bool(_HASH_NAME.search(name.replace("_", "").lower()))
