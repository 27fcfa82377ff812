"""WW746: JWTs accepted or made with the `none` algorithm."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._jwt import DECODE, ENCODE, jwt_call
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext


class JwtNoneAlgorithm(PythonRule):
    """## What it does
    Finds `jwt.decode(..., algorithms=[..., "none"])` (PyJWT, python-jose), which
    accepts unsigned tokens, and `jwt.encode(..., algorithm="none")`, which makes them.

    ## Why is this bad?
    A token with `"alg": "none"` carries no signature: anyone can write one with any
    claims. Accepting `none` next to a real algorithm lets the attacker pick.

    ## Example
    ```python
    import jwt

    def claims(token, key):
        return jwt.decode(token, key, algorithms=["HS256", "none"])
    ```

    ## Fix
    ```python
    import jwt

    def claims(token, key):
        return jwt.decode(token, key, algorithms=["HS256"])
    ```

    ## References
    - [CWE-347: Improper Verification of Cryptographic Signature](https://cwe.mitre.org/data/definitions/347.html)
    - [RFC 8725: JSON Web Token Best Current Practices](https://www.rfc-editor.org/rfc/rfc8725#section-3.1)
    - [PyJWT: algorithms](https://pyjwt.readthedocs.io/en/stable/algorithms.html)
    """

    code = "WW746"
    name = "jwt-none-algorithm"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 347
    message = "`{call}` {what} unsigned tokens (algorithm `none`)"
    fix = 'list only the algorithms your keys use, e.g. `algorithms=["HS256"]`'
    calls = DECODE | ENCODE

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        kind = jwt_call(ctx, node)
        if kind == "decode":
            algorithms = ctx.evaluate(ctx.keyword(node, "algorithms"))
            if isinstance(algorithms, str):
                algorithms = [algorithms]
            if isinstance(algorithms, list | tuple) and _has_none(algorithms):
                yield self.finding(ctx, node, call=ctx.call_name(node), what="accepts")
        elif kind == "encode":
            algorithm = ctx.evaluate(ctx.argument(node, 2, "algorithm"))
            if isinstance(algorithm, str) and algorithm.lower() == "none":
                yield self.finding(ctx, node, call=ctx.call_name(node), what="makes")


def _has_none(algorithms: list[object] | tuple[object, ...]) -> bool:
    return any(isinstance(a, str) and a.lower() == "none" for a in algorithms)
