"""WW745: a JWT decoded without checking its signature (or its expiry)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._jwt import DECODE, jwt_call, options, validates_token
from webwarden.rules.auth._logged_only import only_logged
from webwarden.rules.auth._lti_launch import lti_launches
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext


class JwtVerificationDisabled(PythonRule):
    """## What it does
    Finds `jwt.decode` calls (PyJWT, python-jose) that turn verification off:
    `options={"verify_signature": False}`, PyJWT 1's `verify=False`, and (at medium
    severity) `options={"verify_exp": False}`, which accepts expired tokens forever.

    Not reported: an unverified read followed, in the same function and not in the other
    branch of an `if`, by a verifying `jwt.decode` of the same token: code that reads the
    issuer (`iss`) or key id to choose the key, then trusts only the verified claims;
    also when the later check is a call of a function named for checking a JWT handed
    the same token (`validate_jwt(encoded_token=token, public_key=key)`, `verify_token`):
    that function's own decode is judged where it is written; or when the token is the
    `id_token` an LTI 1.3 platform posts and the function then makes pylti1p3's launch
    (`DjangoMessageLaunch(request, tool_config)`, or a class deriving from
    `MessageLaunch`), which verifies that token against the platform's key: the
    unverified read only finds the platform's registration by `iss` and `aud`. Nor is an unverified read
    in an `except` handler that ends by raising and returns nowhere: its claims only
    word the error the token is refused with.
    Nor is a decode whose claims go only into log messages (`logger.warning("rejected
    token: %s", claims)`), there or through a module-level function returning the
    decode that every call in the module so logs (`jwt_decode_no_verification(token)`
    in the handler of the verifying decode's failure): nothing trusts them.
    Nor is an unverified read of the token in the handler of an error the verifying
    decode of the same token in its `try` raises only once the signature has checked
    out (`except jwt.ExpiredSignatureError:` or `ImmatureSignatureError`,
    `InvalidAudienceError`, `InvalidIssuerError`... of PyJWT; python-jose's
    `ExpiredSignatureError` and `JWTClaimsError`): both libraries check the signature
    before the claims, so what the handler reads was signed with the key.
    Nor is a decode of which only the time claims are read (`jwt.decode(token,
    options=...)["exp"]`, or `claims["exp"]`, `claims.get("iat")` of the local it is
    assigned to): a client reading when the access token it was issued expires, so as to
    fetch a new one in time, takes no identity or permission from it; nor one whose
    claims are not read at all, a statement in the body of a `try` that catches the
    library's `ExpiredSignatureError` with expiry checks kept (`jwt.decode(token,
    options={"verify_signature": False, "verify_exp": True})`, then a refresh in the
    handler; a handler of other errors, such as a malformed token's, that only `pass`es):
    it only asks whether the token has run out. A decode made as a statement elsewhere,
    or in a `try` that turns away tokens for other errors (`except jwt.InvalidTokenError:
    return None`), as if its not raising proved the token genuine, is still reported.

    ## Why is this bad?
    Without the signature check a JWT is a JSON document anyone can write: a client
    edits `"sub"` or `"role"` and becomes another user or an admin. Without the expiry
    check a stolen token never stops working.

    ## Known problems
    A token verified in another function than the one that read it unverified is still
    reported; `jwt.get_unverified_header` reads the header without this risk. Code that
    accepts a client's token on its unverified `exp` alone, reading nothing else of it,
    is not reported.

    ## Example
    ```python
    import jwt

    def current_user(token):
        claims = jwt.decode(token, options={"verify_signature": False})
        return claims["sub"]
    ```

    ## Fix
    ```python
    import os

    import jwt

    def current_user(token):
        claims = jwt.decode(token, os.environ["JWT_KEY"], algorithms=["HS256"])
        return claims["sub"]
    ```

    ## References
    - [CWE-347: Improper Verification of Cryptographic Signature](https://cwe.mitre.org/data/definitions/347.html)
    - [PyJWT: usage](https://pyjwt.readthedocs.io/en/stable/usage.html)
    - [OWASP JSON Web Token Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html)
    """

    code = "WW745"
    name = "jwt-verification-disabled"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 347
    message = "`{call}` {what}"
    fix = "verify every token: pass the key and `algorithms=[...]`, keep the default options"
    calls = DECODE

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if jwt_call(ctx, node) != "decode":
            return
        call = ctx.call_name(node)
        given = options(ctx, node)
        if only_logged(ctx, node):
            return  # NOTE: claims nobody trusts: only written into a log message
        if _unsigned(ctx, node):
            if _verified_after(ctx, node) or _verified_before(ctx, node):
                return
            if _refused_after(ctx, node):
                return  # NOTE: the claims only word the error the token is refused with
            if _only_times_read(ctx, node) or _expiry_test(ctx, node, given):
                return  # NOTE: when the token expires, not who it speaks for
            yield self.finding(ctx, node, call=call, what="does not verify the token's signature")
        elif given.get("verify_exp") is False:
            what = "does not check the token's expiry"
            yield self.finding(ctx, node, severity=Severity.MEDIUM, call=call, what=what)


def _unsigned(ctx: FileContext, node: ast.Call) -> bool:
    """`options={"verify_signature": False}` or PyJWT 1's `verify=False`."""
    return (
        options(ctx, node).get("verify_signature") is False
        or ctx.evaluate(ctx.keyword(node, "verify")) is False
    )


_TIME_CLAIMS = frozenset({"exp", "iat", "nbf"})
"""Registered claims that say when a token is valid (RFC 7519, 4.1.4-4.1.6), not whom
or what it is for."""


def _only_times_read(ctx: FileContext, node: ast.Call) -> bool:
    """Nothing but time claims is read of the claims: `jwt.decode(...)["exp"]`, or a
    local every read of which is `claims["exp"]` or `claims.get("iat")`: a client
    learning when the access token it was issued runs out, to fetch the next in time. No
    identity, role or scope is taken from the unverified token."""
    if _time_claim_read(ctx, node):
        return True
    reads = ctx.scopes.reads_of_assigned(ctx.parent(node))
    return bool(reads) and all(_time_claim_read(ctx, read) for read in reads)


def _expiry_test(ctx: FileContext, node: ast.Call, given: dict[str, object]) -> bool:
    """The call is a statement whose claims nobody reads, in the body of a `try` one of
    whose handlers catches the library's `ExpiredSignatureError`, expiry checks kept: a
    client asking whether the token it was issued has run out, to refresh it."""
    statement = ctx.parent(node)
    if not isinstance(statement, ast.Expr) or given.get("verify_exp") is False:
        return False
    child: ast.AST = statement
    for ancestor in ctx.ancestors(statement):
        if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return False
        if isinstance(ancestor, ast.Try | ast.TryStar) and any(s is child for s in ancestor.body):
            handlers = ancestor.handlers
            return any(_catches_expiry(ctx, h) for h in handlers) and not any(
                _refuses_invalid(ctx, h) for h in handlers
            )
        child = ancestor
    return False


def _caught(ctx: FileContext, handler: ast.ExceptHandler) -> list[tuple[str, str]]:
    """(library, error name) of each error a handler names (`("", "")` for a bare one)."""
    caught = handler.type
    if caught is None:
        return [("", "")]
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    found = []
    for name in names:
        library, _, rest = (ctx.qualified(name) or "").partition(".")
        found.append((library, rest.rsplit(".", 1)[-1]))
    return found


def _catches_expiry(ctx: FileContext, handler: ast.ExceptHandler) -> bool:
    """The handler catches the expiry error alone: what it does is for run-out tokens."""
    caught = _caught(ctx, handler)
    return len(caught) == 1 and caught[0][0] in _CLAIM_ERRORS and caught[0][1] == _EXPIRED


_EXPIRED = "ExpiredSignatureError"


def _refuses_invalid(ctx: FileContext, handler: ast.ExceptHandler) -> bool:
    """The handler catches more than expiry (a malformed or forged token, any error) and
    does more than `pass`: the `try` turns such tokens away, taking the decode for a
    check that the token is genuine."""
    if all(lib in _CLAIM_ERRORS and name == _EXPIRED for lib, name in _caught(ctx, handler)):
        return False
    return not all(isinstance(stmt, ast.Pass) for stmt in handler.body)


def _time_claim_read(ctx: FileContext, node: ast.expr) -> bool:
    """`node["exp"]` (read, not written) or `node.get("exp")` (a time claim, constant)."""
    parent = ctx.parent(node)
    if isinstance(parent, ast.Subscript) and parent.value is node:
        return isinstance(parent.ctx, ast.Load) and _time_claim(parent.slice)
    if isinstance(parent, ast.Attribute) and parent.value is node and parent.attr == "get":
        call = ctx.parent(parent)
        return (
            isinstance(call, ast.Call)
            and call.func is parent
            and bool(call.args)
            and _time_claim(call.args[0])
        )
    return False


def _time_claim(key: ast.expr) -> bool:
    return isinstance(key, ast.Constant) and key.value in _TIME_CLAIMS


def _token(ctx: FileContext, node: ast.Call) -> str | None:
    """The token argument as written (PyJWT names it `jwt`, python-jose `token`)."""
    token = ctx.argument(node, 0, "jwt") or ctx.argument(node, 0, "token")
    return ast.unparse(token) if token is not None else None


def _verified_after(ctx: FileContext, node: ast.Call) -> bool:
    """The same function decodes the same token again, verifying it, after this call and
    not in the other branch of an `if`: the unverified read only picks the key or the
    provider (from `iss` or `kid`); what is trusted is the verified claims."""
    token = _token(ctx, node)
    function = ctx.scopes.enclosing_function(node)
    if token is None or function is None:
        return False
    for other in ast.walk(function):
        if (
            isinstance(other, ast.Call)
            and (other.lineno, other.col_offset) > (node.lineno, node.col_offset)
            and _verifies(ctx, other, token)
            and not _apart(ctx, node, other)
        ):
            return True
    given = ctx.argument(node, 0, "jwt") or ctx.argument(node, 0, "token")
    launches = lti_launches(ctx, given, function) if given is not None else []
    return any(
        (launch.lineno, launch.col_offset) > (node.lineno, node.col_offset)
        and not _apart(ctx, node, launch)
        for launch in launches
    )


def _verifies(ctx: FileContext, other: ast.Call, token: str) -> bool:
    """A verifying decode of `token`, or a call of a function named for checking a JWT
    handed it (`validate_jwt(encoded_token=token, public_key=key)`)."""
    if jwt_call(ctx, other) == "decode":
        return _token(ctx, other) == token and not _unsigned(ctx, other)
    return validates_token(ctx, other, token)


def _refused_after(ctx: FileContext, node: ast.Call) -> bool:
    """The call is in an `except` handler that ends by raising and returns nowhere: what
    it reads of the token only words the error the request is refused with."""
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return False
        if isinstance(ancestor, ast.ExceptHandler):
            returns = any(isinstance(n, ast.Return) for s in ancestor.body for n in ast.walk(s))
            return isinstance(ancestor.body[-1], ast.Raise) and not returns
    return False


_CLAIM_ERRORS = {
    "jwt": frozenset(
        {
            "ExpiredSignatureError",
            "ImmatureSignatureError",
            "InvalidAudienceError",
            "InvalidIssuerError",
            "InvalidIssuedAtError",
            "MissingRequiredClaimError",
            "InvalidSubjectError",
            "InvalidJTIError",
        }
    ),
    "jose": frozenset({"ExpiredSignatureError", "JWTClaimsError"}),
}
"""Errors PyJWT (`jwt`) and python-jose (`jose`) raise while checking a token's claims,
which both do only after its signature checked out (PyJWT's `decode_complete` verifies
the JWS, then validates the claims; python-jose's `jwt.decode` calls `jws.verify` first):
caught, they say the token was signed with the key."""


def _verified_before(ctx: FileContext, node: ast.Call) -> bool:
    """The call is in the handler of claim errors only (`except jwt.ExpiredSignatureError:`)
    of a `try` whose body decodes the same token verifying it: the handler runs only for a
    token whose signature that decode checked (to log its `iat`, or to read the claims of
    an expired token it then refreshes)."""
    token = _token(ctx, node)
    if token is None:
        return False
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return False
        if (
            isinstance(ancestor, ast.ExceptHandler)
            and _catches_claim_errors(ctx, ancestor)
            and _verifying_decode_in(ctx, ctx.parent(ancestor), token)
        ):
            return True
    return False


def _catches_claim_errors(ctx: FileContext, handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught] if caught else []
    if not names:
        return False
    for name in names:
        qualified = ctx.qualified(name) or ""
        library, _, rest = qualified.partition(".")
        if rest.rsplit(".", 1)[-1] not in _CLAIM_ERRORS.get(library, ()):
            return False
    return True


def _verifying_decode_in(ctx: FileContext, statement: ast.AST | None, token: str) -> bool:
    """The body of the `try` decodes `token`, verifying its signature."""
    if not isinstance(statement, ast.Try | ast.TryStar):
        return False
    return any(
        isinstance(other, ast.Call)
        and jwt_call(ctx, other) == "decode"
        and _token(ctx, other) == token
        and not _unsigned(ctx, other)
        for part in statement.body
        for other in ast.walk(part)
    )


def _apart(ctx: FileContext, first: ast.AST, second: ast.AST) -> bool:
    """Whether the two nodes sit in the two branches of one `if`, so never both run."""
    branches = _branches(ctx, first)
    return any(branches.get(key, side) != side for key, side in _branches(ctx, second).items())


def _branches(ctx: FileContext, node: ast.AST) -> dict[int, bool]:
    """The `if` statements around `node` (by id): True when it is in the `else` part."""
    found: dict[int, bool] = {}
    child = node
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.If) and child is not ancestor.test:
            found[id(ancestor)] = any(child is stmt for stmt in ancestor.orelse)
        child = ancestor
    return found
