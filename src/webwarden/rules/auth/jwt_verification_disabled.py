"""WW745: a JWT decoded without checking its signature (or its expiry)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._jwt import DECODE, jwt_call, options
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext


class JwtVerificationDisabled(PythonRule):
    """## What it does
    Finds `jwt.decode` calls (PyJWT, python-jose) that turn verification off:
    `options={"verify_signature": False}`, PyJWT 1's `verify=False`, and (at medium
    severity) `options={"verify_exp": False}`, which accepts expired tokens forever.

    ## Why is this bad?
    Without the signature check a JWT is a JSON document anyone can write: a client
    edits `"sub"` or `"role"` and becomes another user or an admin. Without the expiry
    check a stolen token never stops working.

    ## Known problems
    Code that first reads a token unverified to pick the key (from `iss` or `kid`) and
    then verifies it is reported too; `jwt.get_unverified_header` reads the header
    without this risk.

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
        if (
            given.get("verify_signature") is False
            or ctx.evaluate(ctx.keyword(node, "verify")) is False
        ):
            yield self.finding(ctx, node, call=call, what="does not verify the token's signature")
        elif given.get("verify_exp") is False:
            what = "does not check the token's expiry"
            yield self.finding(ctx, node, severity=Severity.MEDIUM, call=call, what=what)
