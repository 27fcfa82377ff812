"""WW747: JWTs signed or verified with a key written in the source."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.secrets import credential_kind, find_tokens, looks_like_secret, mask
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.secrets.snippets import masked_line
from webwarden.rules.auth._jwt import DECODE, ENCODE, jwt_call
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_PUBLIC = ("-----BEGIN PUBLIC KEY", "-----BEGIN CERTIFICATE", "-----BEGIN RSA PUBLIC", "ssh-")


class JwtHardcodedKey(PythonRule):
    """## What it does
    Finds `jwt.encode(payload, key, ...)` and `jwt.decode(token, key, ...)` (PyJWT,
    python-jose) whose key is a string constant: written in the call, or a variable
    assigned one. Placeholder keys (`"secret"`, `"change-me"`) are reported too: they
    are the first ones an attacker tries.

    ## Why is this bad?
    Whoever has the key mints valid tokens for any user with any claims. A key in the
    source is known to everyone with the repository, and the same in every deployment.

    ## Known problems
    Public keys (PEM `PUBLIC KEY`, certificates) used to verify tokens are not secrets
    and are not reported. A key assigned to a credential-named variable
    (`JWT_SECRET = "..."`) that looks real is reported once, there, by WW241.

    ## Example
    ```python
    import jwt

    def issue(user_id):
        return jwt.encode({"sub": user_id}, "secret", algorithm="HS256")
    ```

    ## Fix
    ```python
    import os

    import jwt

    def issue(user_id):
        return jwt.encode({"sub": user_id}, os.environ["JWT_KEY"], algorithm="HS256")
    ```

    ## References
    - [CWE-321: Use of Hard-coded Cryptographic Key](https://cwe.mitre.org/data/definitions/321.html)
    - [RFC 8725: JSON Web Token Best Current Practices](https://www.rfc-editor.org/rfc/rfc8725#section-3.5)
    """

    code = "WW747"
    name = "jwt-hardcoded-key"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 321
    message = "`{call}` {verb} tokens with a key written in the source ({where})"
    fix = "read the signing key from the environment or a secrets manager"
    calls = DECODE | ENCODE

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        kind = jwt_call(ctx, node)
        if kind is None:
            return
        key = ctx.argument(node, 1, "key")
        value = ctx.evaluate(key)
        if key is None or not isinstance(value, str | bytes) or not value:
            return
        text = value.decode("latin-1") if isinstance(value, bytes) else value
        if text.lstrip().startswith(_PUBLIC) or _reported_at_binding(ctx, key, text):
            return
        where = f"`{key.id}`" if isinstance(key, ast.Name) else f"`{mask(text)}`"
        location = ctx.location(node)
        line = ctx.lines[location.line - 1]
        spans = []
        if isinstance(key, ast.Constant) and key.lineno == location.line:
            key_location = ctx.location(key)
            end = key_location.end_column if key_location.end_line == key.lineno else None
            spans.append((key_location.column - 1, (end or len(line) + 1) - 1, mask(text)))
        yield self.make_finding(
            location,
            snippet=masked_line(line, spans),
            call=ctx.call_name(node),
            verb="signs" if kind == "encode" else "verifies",
            where=where,
        )


def _reported_at_binding(ctx: FileContext, key: ast.expr, text: str) -> bool:
    """WW240/WW241 already report the literal where a credential-named name gets it."""
    if not isinstance(key, ast.Name):
        return False
    kind = credential_kind(key.id)
    return any(True for _ in find_tokens(text)) or (
        kind is not None and looks_like_secret(text, kind)
    )
