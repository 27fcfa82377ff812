"""WW732: a signed password-reset token whose payload nothing ties to one use."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._jwt import DECODE, ENCODE
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

Function = ast.FunctionDef | ast.AsyncFunctionDef
_FIRST = ENCODE | {"django.core.signing.dumps"}
"""Token makers taking the payload first: PyJWT, python-jose, Django's `signing.dumps`."""
_SECOND = frozenset({"authlib.jose.jwt.encode", "authlib.jose.JsonWebToken.encode"})
"""Authlib's `jwt.encode(header, payload, key)`."""
_CLAIMS = frozenset({"flask_jwt_extended.create_access_token"})
_SIGNERS = ("itsdangerous.", "django.core.signing.")
_SIGNER_NAME = re.compile(r"serializer|signer", re.IGNORECASE)
_RESET = re.compile(r"reset|forgot|recover|lost_?pass", re.IGNORECASE)
_HELPER = re.compile(r"(encode|dumps|sign|serialize)[a-z_]*$|_token$", re.IGNORECASE)
"""A project's own token maker: `_jwt_encode(payload, ...)`, `sign_token(data)`."""
_CHANGES = re.compile(
    r"pass(word|wd)?|pwd|pw_?hash|hash|last_?(login|seen|used)|login_?(at|time)|changed|updated"
    r"|modified"
    r"|nonce|jti|counter|version|security_?stamp|uniquifier",
    re.IGNORECASE,
)
"""Names of what changes once the password does or the token is used."""
_STATE = re.compile(r"token|nonce|jti|used|uniquifier|counter", re.IGNORECASE)
"""Names of a server-side record of the token (`user.reset_token`, `request.used`)."""
_QUERIES = frozenset({"filter_by", "filter", "get", "get_or_404", "first_or_404", "update"})
"""Queries looking a stored token up (`Reset.query.filter_by(token=token)`)."""


class ResetTokenReusable(PythonRule):
    """## What it does
    Finds a password-reset token signed in a function or view named for a reset
    (`reset`, `forgot`, `recover`, `lost_password` in its name, route or the signer's
    `salt`, or the branch of an `if` testing for a reset) whose
    payload holds nothing that changes once the password changes or the token is used:
    only the account's id, e-mail or uuid, and an expiry. The makers judged are PyJWT's
    and python-jose's `jwt.encode`, Authlib's `jwt.encode(header, payload, key)`,
    Django's `signing.dumps`, itsdangerous serializers' `dumps` and signers' `sign`,
    Flask-JWT-Extended's `create_access_token`, and a project's own helper named so
    (`_jwt_encode(payload)`; then with low confidence unless its `def` is in the module).
    A module that keeps the token server side (assigns `user.reset_token`, compares a
    stored token, marks it `used`, deletes it) is not reported. Where a module only
    reads such a token (`jwt.decode`, `signing.loads`, a signer's `loads`) and then
    sets the password (`user.password = ...`, `set_password`), the read is reported,
    unless it compares the payload with something that changes.

    ## Why is this bad?
    Such a token resets the password again and again until it expires: one leaked from
    a mailbox, a proxy or server log, or the browser history lets whoever reads it take
    the account over even after the owner has used it. A reset token must be single use.

    ## Known problems
    The token kept server side is looked for in the same module only; a payload key
    added by a helper in another module is not seen (confidence is low then). Django's
    `PasswordResetTokenGenerator`, Flask-Security, Flask-User and Flask-Praetorian bind
    their tokens to the password themselves and are not concerned.

    ## Example
    ```python
    from itsdangerous import URLSafeTimedSerializer

    serializer = URLSafeTimedSerializer("key from the environment")

    def send_password_reset(user):
        token = serializer.dumps(user.email, salt="password-reset")
        return f"/reset/{token}"
    ```

    ## Fix
    ```python
    import hashlib

    from itsdangerous import URLSafeTimedSerializer

    serializer = URLSafeTimedSerializer("key from the environment")

    def send_password_reset(user):
        stamp = hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]
        token = serializer.dumps([user.email, stamp], salt="password-reset")
        return f"/reset/{token}"
    ```
    Check the stamp against the current hash when the token is read, or store a random
    token with the user, compare it, and clear it once used.

    ## References
    - [CWE-640: Weak Password Recovery Mechanism for Forgotten Password](https://cwe.mitre.org/data/definitions/640.html)
    - [OWASP Forgot Password Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html)
    - [Django: PasswordResetTokenGenerator](https://docs.djangoproject.com/en/stable/topics/auth/default/#django.contrib.auth.views.PasswordResetView)
    """

    code = "WW732"
    name = "reset-token-reusable"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 640
    message = "the password-reset token made by `{call}` holds only `{payload}`: it stays valid after use until it expires"
    fix = "bind the token to the password hash (or a stored nonce cleared on use) and check it when read"
    mentions = (("reset", "forgot", "recover", "lost_pass", "lostpass"),)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node) or ""
        payloads, helper = _payloads(ctx, node, name)
        if not payloads:
            yield from self._read(ctx, node, name)
            return
        function = ctx.scopes.enclosing_function(node)
        if not _reset_context(ctx, node, function) or _kept_server_side(ctx):
            return
        if any(_changes(ctx, payload) for payload in payloads):
            return
        confidence = None
        if helper is not None:
            defined = _helper_def(ctx, helper)
            if defined is not None and _changes(ctx, defined):
                return
            confidence = Confidence.LOW if defined is None else None
        shown = ", ".join(ast.unparse(_value(ctx, payload)) for payload in payloads)
        call = name or ast.unparse(node.func)
        yield self.finding(ctx, node, confidence=confidence, call=call, payload=_short(shown))

    def _read(self, ctx: FileContext, node: ast.Call, name: str) -> Iterator[Finding]:
        """A token read, then the password set, where the module signs no reset token
        (the finding is on the maker then) and keeps none server side."""
        function = ctx.scopes.enclosing_function(node)
        if function is None or not _reads_token(ctx, node, name):
            return
        if not (_reset_context(ctx, node, function) or _handed_in(function, node)):
            return
        if not _sets_password_after(function, node) or _makes_reset_token(ctx):
            return
        if _kept_server_side(ctx) or any(_stores(inner) for inner in ast.walk(function)):
            return
        decoded = ctx.assigned_name(node)
        if any(_checks_change(ctx, inner, decoded) for inner in ast.walk(function)):
            return
        call = name or ast.unparse(node.func)
        message = (
            f"the password-reset token read by `{call}` is checked for its signature and expiry"
            " only: it sets the password again until it expires"
        )
        yield self.finding(ctx, node, message=message, call=call, payload="")


def _reads_token(ctx: FileContext, node: ast.Call, name: str) -> bool:
    """PyJWT/jose/Authlib `decode`, Django's `signing.loads`, a signer's `loads`/`unsign`."""
    if name in DECODE or name in {"authlib.jose.jwt.decode", "django.core.signing.loads"}:
        return True
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in {"loads", "unsign"}):
        return False
    given = {keyword.arg for keyword in node.keywords}
    return _signer(ctx, node) or bool(given & {"salt", "max_age"})


def _handed_in(function: Function, read: ast.Call) -> bool:
    """Whether the token read is a parameter of the function (from the URL or the
    caller), not a bearer token of the request's headers."""
    token = read.args[0] if read.args else None
    arguments = function.args
    names = {arg.arg for arg in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]}
    return isinstance(token, ast.Name) and token.id in names


_SETTERS = frozenset({"set_password", "generate_password_hash", "make_password"})


def _sets_password_after(function: Function, read: ast.Call) -> bool:
    """Whether `function` sets a password below the read: `user.password = ...`,
    `user.set_password(...)`, `generate_password_hash(...)`."""
    for node in ast.walk(function):
        if getattr(node, "lineno", 0) < read.lineno:
            continue
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Attribute) and t.attr in {"password", "password_hash"}
            for t in node.targets
        ):
            return True
        if isinstance(node, ast.Call):
            func = node.func
            callee = func.attr if isinstance(func, ast.Attribute) else ast.unparse(func)
            if callee in _SETTERS or (
                callee == "update" and any(k.arg == "password" for k in node.keywords)
            ):
                return True
    return False


def _checks_change(ctx: FileContext, node: ast.AST, decoded: str | None) -> bool:
    """A comparison naming something that changes (`stamp == user.password_hash[:8]`),
    or a key of the decoded payload so named (`claims["last_login"]`)."""
    if isinstance(node, ast.Compare):
        return _changes(ctx, node)
    key: ast.expr | None = None
    if isinstance(node, ast.Subscript):
        held, key = node.value, node.slice
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
        held, key = node.func.value, node.args[0] if node.func.attr == "get" else None
    else:
        return False
    named = isinstance(held, ast.Name) and held.id == decoded
    return named and isinstance(key, ast.Constant) and _changes(ctx, key)


def _makes_reset_token(ctx: FileContext) -> bool:
    """Whether the module signs a reset token itself (judged where it does)."""
    key = _makes_reset_token
    if key not in ctx.memo:
        ctx.memo[key] = any(
            isinstance(node, ast.Call)
            and _payloads(ctx, node, ctx.call_name(node) or "")[0]
            and _reset_context(ctx, node, ctx.scopes.enclosing_function(node))
            for node in ast.walk(ctx.tree)
        )
    return bool(ctx.memo[key])


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _payloads(ctx: FileContext, node: ast.Call, name: str) -> tuple[list[ast.expr], str | None]:
    """The payload(s) `node` signs, and the helper's name when it is a project's own."""
    found: list[ast.expr | None] = []
    func = node.func
    method = func.attr if isinstance(func, ast.Attribute) else ""
    if name in _FIRST:
        found = [ctx.argument(node, 0, "payload")]
    elif name in _SECOND:
        found = [ctx.argument(node, 1, "payload")]
    elif name in _CLAIMS:
        found = [ctx.argument(node, 0, "identity"), ctx.keyword(node, "additional_claims")]
    elif method in {"dumps", "sign"} and (_signer(ctx, node) or ctx.keyword(node, "salt")):
        found = [ctx.argument(node, 0, "obj")]
    elif _own(ctx, node, name) and _HELPER.search(method or name):
        dicts = [arg for arg in node.args if isinstance(_value(ctx, arg), ast.Dict)]
        return dicts[:1], (method or name).rpartition(".")[2]
    return [payload for payload in found if payload is not None], None


def _own(ctx: FileContext, node: ast.Call, name: str) -> bool:
    """Whether `node` calls a method of the object itself or a function the module defines."""
    func = node.func
    local = isinstance(func, ast.Name) and ctx.module_function(func.id) is not None
    return local or not name or name.startswith("self.")


def _signer(ctx: FileContext, node: ast.Call) -> bool:
    """Whether the receiver of `.dumps`/`.sign` is made by itsdangerous or Django, or
    is named a serializer or signer (`self.token_serializer`)."""
    receiver = node.func.value if isinstance(node.func, ast.Attribute) else node.func
    if _SIGNER_NAME.search(ast.unparse(receiver).rpartition(".")[2]):
        return True
    if isinstance(receiver, ast.Name):
        receiver = ctx.lookup(receiver) or ctx.reaching_value(receiver) or receiver
    origin = ctx.call_name(receiver) if isinstance(receiver, ast.Call) else None
    return (origin or "").startswith(_SIGNERS)


def _value(ctx: FileContext, node: ast.expr) -> ast.expr:
    return (ctx.lookup(node) or node) if isinstance(node, ast.Name) else node


def _reset_context(ctx: FileContext, node: ast.Call, function: Function | None) -> bool:
    """A function or route named for a reset, or a signer's salt naming one."""
    salt = ctx.evaluate(ctx.keyword(node, "salt"))
    if isinstance(salt, str | bytes) and _RESET.search(str(salt)):
        return True
    if function is None:
        return False
    if _RESET.search(function.name) or _reset_branch(ctx, node, function):
        return True
    for decorator in function.decorator_list:
        if isinstance(decorator, ast.Call) and decorator.args:
            path = ctx.evaluate(decorator.args[0])
            if isinstance(path, str) and _RESET.search(path):
                return True
    return False


def _reset_branch(ctx: FileContext, node: ast.AST, function: Function) -> bool:
    """Whether `node` is in the body of an `if` testing for a reset (`if kind == "reset"`)."""
    current = ctx.parent(node)
    while current is not None and current is not function:
        if isinstance(current, ast.If) and any(
            isinstance(c, ast.Constant) and isinstance(c.value, str) and _RESET.search(c.value)
            for c in ast.walk(current.test)
        ):
            return any(node is n for stmt in current.body for n in ast.walk(stmt))
        current = ctx.parent(current)
    return False


def _changes(ctx: FileContext, node: ast.AST, depth: int = 0) -> bool:
    """Whether a name, attribute, callee or string key under `node` (or the value a local
    there holds: a dict with the keys set on it later) names something that changes."""
    keys = {
        id(key) for child in ast.walk(node) if isinstance(child, ast.Dict) for key in child.keys
    }
    for child in ast.walk(node):
        word = ""
        if isinstance(child, ast.Name):
            word = child.id
            if depth < 3 and _held_changes(ctx, child, depth + 1):
                return True
        elif isinstance(child, ast.Attribute):
            word = child.attr
        elif isinstance(child, ast.Constant) and (child is node or id(child) in keys):
            word = child.value if isinstance(child.value, str) else ""
        # NOTE: a constant (`Purpose.RESET_PASSWORD`) names what the token is for, not a value
        if word and not word.isupper() and _CHANGES.search(word):
            return True
    return False


def _held_changes(ctx: FileContext, name: ast.Name, depth: int) -> bool:
    entries = ctx.splat_entries(name)
    if entries is not None:
        return any(_CHANGES.search(key) for key in entries) or any(
            _changes(ctx, value, depth) for value in entries.values()
        )
    value = ctx.lookup(name)
    return value is not None and _changes(ctx, value, depth)


def _helper_def(ctx: FileContext, name: str) -> Function | None:
    """The `def` of a project helper of that name in the module."""
    for found in ast.walk(ctx.tree):
        if isinstance(found, Function) and found.name == name:
            return found
    return None


def _kept_server_side(ctx: FileContext) -> bool:
    """Whether a function of the module named for a reset keeps the token server side:
    assigns or compares a stored token, nonce or `used` flag, or deletes a record."""
    key = _kept_server_side
    if key in ctx.memo:
        return bool(ctx.memo[key])
    kept = False
    for function in ast.walk(ctx.tree):
        if isinstance(function, Function) and _RESET.search(function.name):
            kept = kept or any(_stores(node) for node in ast.walk(function))
    ctx.memo[key] = kept
    return kept


def _stores(node: ast.AST) -> bool:
    if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return any(isinstance(t, ast.Attribute) and _STATE.search(t.attr) for t in targets)
    if isinstance(node, ast.Compare):
        sides = [node.left, *node.comparators]
        return any(isinstance(s, ast.Attribute) and _STATE.search(s.attr) for s in sides)
    if isinstance(node, ast.Call):
        func = node.func
        method = func.attr if isinstance(func, ast.Attribute) else ""
        if method in {"delete", "compare_digest"}:
            return True
        return method in _QUERIES and any(k.arg and _STATE.search(k.arg) for k in node.keywords)
    return False
