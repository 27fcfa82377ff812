"""WW808: a cookie that names the user, encoded (JSON, base64, pickle) but never signed."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_ENCODERS = frozenset(
    {"json.dumps", "pickle.dumps", "marshal.dumps", "str", "bytes", "binascii.hexlify"}
    | {f"base64.{name}" for name in ("b64encode", "urlsafe_b64encode", "b32encode", "b16encode")}
    | {"base64.encodebytes", "urllib.parse.quote", "urllib.parse.urlencode"}
)
"""Calls that write a value out as text or bytes anyone can read back and rewrite."""
_TEXT_METHODS = frozenset({"encode", "decode"})
_IDENTITY_KEYS = frozenset(
    {"user", "username", "userid", "uid", "login", "email", "role", "roles", "userrole"}
    | {"admin", "isadmin", "issuperuser", "isstaff", "account", "accountid", "userlogin"}
)
"""Keys (lower-cased, without `_` and `-`) that say who the visitor is or what they may
do: `user_id`, `username`, `is_admin`; not `user_prefs` or `theme`."""
_MAX_DEPTH = 6


class UnsignedIdentityCookie(PythonRule):
    """## What it does
    Finds `set_cookie(name, value)` calls whose value is a mapping naming the user (a
    key such as `username`, `user_id`, `email`, `role` or `is_admin`) written out with
    encoders only: `json.dumps`, `pickle.dumps`, `base64.b64encode`, `str()`,
    `.encode()`, as it is or through a local assigned once. Such a cookie is a session
    the app keeps in the browser without a signature.

    A cookie named for a session or a login token (`sessionid`, `auth_token`) is
    reported too when its value is made from a name for the user alone (`username`,
    `user_id`, `email`) by those encoders, a hash without a key
    (`hashlib.sha1(username.encode()).hexdigest()`) or by joining literals to it (a salt
    written in the source): anyone who knows a user's name makes that user's session.

    ## Why is this bad?
    The browser hands the cookie back as the user left it. Anyone can decode it, write
    another user's name (or `"is_admin": true`), encode it again and be that user: the
    app cannot tell its own cookie from a forged one. A pickled cookie also runs code on
    the server when it is read back.

    ## Known problems
    A mapping built elsewhere (a parameter, a helper's return) is not followed, nor a
    cookie of another name holding a bare user name (`set_cookie("username", name)`),
    which may only fill in a login form.

    ## Example
    ```python
    import base64
    import json


    def log_in(response, username):
        session = base64.b64encode(json.dumps({"username": username}).encode())
        response.set_cookie("app_session", session)
        return response
    ```

    ## Fix
    ```python
    from flask import session


    def log_in(username):
        session["username"] = username  # Flask signs its session cookie
    ```

    ## References
    - [CWE-565: Reliance on Cookies without Validation and Integrity Checking](https://cwe.mitre.org/data/definitions/565.html)
    - [Flask: sessions](https://flask.palletsprojects.com/en/stable/quickstart/#sessions)
    - [itsdangerous: signing data](https://itsdangerous.palletsprojects.com/en/stable/)
    """

    code = "WW808"
    name = "unsigned-identity-cookie"
    practice = Practice.SESSIONS
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 565
    message = "`set_cookie({cookie})` stores {keys} encoded but unsigned: anyone can forge it"
    fix = "keep who the user is in the framework's session, or sign the value (itsdangerous)"
    calls = frozenset({".set_cookie"})

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "set_cookie"):
            return
        value = ctx.argument(node, 1, "value")
        keys = _identity_keys(ctx, value, 0) if value is not None else []
        name = ctx.evaluate(ctx.argument(node, 0, "key"))
        cookie = repr(name) if isinstance(name, str) else "..."
        if keys:
            shown = ", ".join(f"`{k}`" for k in keys)
            yield self.finding(ctx, node, cookie=cookie, keys=shown)
        elif isinstance(name, str) and _names_session(name) and value is not None:
            user = _derived_from_user(ctx, value, 0)
            if user is not None:
                yield self.finding(ctx, node, message=_DERIVED, cookie=cookie, user=user)


_DERIVED = (
    "`set_cookie({cookie})` makes the session from `{user}` with no secret: anyone who"
    " knows the name can forge it"
)
_SESSION_NAMES = frozenset({"sid", "auth", "token"})
_SESSION_WORDS = ("session", "authtoken", "logintoken")
_HASHES = frozenset(
    f"hashlib.{name}" for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")
)
_DIGESTS = frozenset({"hexdigest", "digest"})


def _names_session(cookie: str) -> bool:
    plain = cookie.lower().replace("_", "").replace("-", "")
    return plain in _SESSION_NAMES or any(word in plain for word in _SESSION_WORDS)


def _derived_from_user(ctx: FileContext, node: ast.expr, depth: int) -> str | None:
    """The name for the user that `node` is made from with encoders, unkeyed hashes and
    literals only, or None."""
    if depth > _MAX_DEPTH:
        return None
    match node:
        case ast.Name(id=name) if name.lower().replace("_", "") in _IDENTITY_KEYS:
            return name
        case ast.Name():
            value = ctx.lookup(node)
            return _derived_from_user(ctx, value, depth + 1) if value is not None else None
        case ast.BinOp(op=ast.Add(), left=left, right=right):
            found = [_derived_from_user(ctx, side, depth + 1) for side in (left, right)]
            literal = [_literal(ctx, side) for side in (left, right)]
            if found[0] is not None and (found[1] is not None or literal[1]):
                return found[0]
            return found[1] if found[1] is not None and literal[0] else None
        case ast.Call(func=ast.Attribute(attr=attr, value=inner)) if attr in (
            _TEXT_METHODS | _DIGESTS
        ):
            return _derived_from_user(ctx, inner, depth + 1)
        case ast.Call(args=[first, *_]) if ctx.call_name(node) in _ENCODERS | _HASHES:
            return _derived_from_user(ctx, first, depth + 1)
    return None


def _literal(ctx: FileContext, node: ast.expr) -> bool:
    """Whether `node` is text written in the source (`"salt"`, `"salt".encode()`)."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _TEXT_METHODS
    ):
        return _literal(ctx, node.func.value)
    return isinstance(ctx.evaluate(node), str | bytes)


def _identity_keys(ctx: FileContext, node: ast.expr, depth: int) -> list[str]:
    """The identity keys of the mapping `node` writes out with encoders only, or []."""
    if depth > _MAX_DEPTH:
        return []
    if isinstance(node, ast.Dict):
        return [
            key.value
            for key in node.keys
            if isinstance(key, ast.Constant)
            and isinstance(key.value, str)
            and key.value.lower().replace("_", "").replace("-", "") in _IDENTITY_KEYS
        ]
    if isinstance(node, ast.Name):
        value = ctx.lookup(node)
        return _identity_keys(ctx, value, depth + 1) if value is not None else []
    if not isinstance(node, ast.Call):
        return []
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in _TEXT_METHODS:
        return _identity_keys(ctx, func.value, depth + 1)
    if ctx.call_name(node) in _ENCODERS and node.args:
        return _identity_keys(ctx, node.args[0], depth + 1)
    return []
