"""WW735: a JWT verified with the algorithm its own header names."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._jwt import DECODE, jwt_call
from webwarden.rules.auth._jwt_header import Trail, alg_holder, header_alg_trail
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext


class JwtAlgorithmFromToken(PythonRule):
    """## What it does
    Finds `jwt.decode()` (PyJWT, python-jose) handed as its `algorithms` the `alg` of the
    header of the very token it decodes, read unverified: with the library's
    `get_unverified_header(token)`, or with a call of the project handed the token (or a
    part of it, `first, _, _ = token.split(".")`) and named for the header, or whose
    result a name so named holds (`header = split_header_and_claims(token)[0]`, `hdr, _
    = parse(token)`, `headers = json.loads(b64decode(first))`); directly or through
    locals (`alg = header["alg"]`). The `alg` may also come back from a function or
    method of the same module handed the token (`key, alg = self.signing_key(token)`,
    which returns `header["alg"]`). Not reported when the header read is another
    token's, or when the function decoding or the one returning the algorithm tests it
    against a list of its own (`if alg not in ("RS256", "ES256"): raise ...`) or
    compares it with one algorithm other than `none`.

    ## Why is this bad?
    The `algorithms` argument is the one check of how the token is signed; taken from
    the token, it lets whoever writes the token choose. Signed with `HS256` and the
    server's public RSA or EC key as the HMAC secret, a forged token passes where the
    library does not refuse such a key; `none` turns the signature off where a library
    allows it. RFC 8725 and PyJWT's documentation both say not to derive the list from
    the token. The severity is medium, not high: PyJWT (since 1.5.1) and python-jose
    refuse a PEM public key or certificate and an `ssh-rsa` key as an HMAC secret, and
    `none` with a key, so the forgery needs a key format their list misses (OpenSSH EC
    or Ed25519 keys before PyJWT 2.4.0, CVE-2022-29217; OpenSSH ECDSA keys before
    python-jose 3.4.0, CVE-2024-33663). The pattern still leaves the choice of algorithm
    to the attacker and one library change away from a forged login.

    ## Known problems
    A project helper is taken for a header reader by its name, or the name of what it
    returned (`header`, `hdr`), when it is handed the token. A function returning the
    `alg` is followed only within the module (a top-level function, or a method of the
    caller's class called on `self`), one call at a time; one imported from elsewhere is
    not. The library's version and the key's format are not looked at: a finding is
    medium whether or not the forgery works with them.

    ## Example
    ```python
    import jwt

    def claims(token, key):
        header = jwt.get_unverified_header(token)
        return jwt.decode(token, key, algorithms=[header["alg"]])
    ```

    ## Fix
    ```python
    import jwt

    def claims(token, key):
        return jwt.decode(token, key, algorithms=["RS256"])
    ```

    ## References
    - [CWE-347: Improper Verification of Cryptographic Signature](https://cwe.mitre.org/data/definitions/347.html)
    - [RFC 8725: JSON Web Token Best Current Practices, 3.1](https://www.rfc-editor.org/rfc/rfc8725#section-3.1)
    - [PyJWT: the algorithms parameter](https://pyjwt.readthedocs.io/en/stable/api.html#jwt.decode)
    """

    code = "WW735"
    name = "jwt-algorithm-from-token"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 347
    message = "`{call}` verifies with the algorithm the token's own header names (`{alg}`)"
    fix = 'list the algorithms your keys use (`algorithms=["RS256"]`), never the token\'s `alg`'
    calls = DECODE

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if jwt_call(ctx, node) != "decode":
            return
        algorithms = ctx.argument(node, 2, "algorithms")
        token = ctx.argument(node, 0, "jwt") or ctx.keyword(node, "token")
        if algorithms is None or token is None:
            return
        trail = header_alg_trail(ctx, algorithms, token)
        if trail is None or _allow_listed(ctx, node, trail):
            return
        call = f"{ctx.call_name(node)}()"
        yield self.finding(ctx, node, call=call, alg=ast.unparse(algorithms))


def _allow_listed(ctx: FileContext, decode: ast.Call, trail: Trail) -> bool:
    """Whether a function on the way (the one holding the decode, or one returning the
    algorithm) compares the algorithm read (or a local bound to it) with a list (`in`)
    or with one algorithm but `none`."""
    texts: set[str] = set()
    for part in trail:
        if isinstance(part, ast.Name | ast.Subscript | ast.Call | ast.Attribute):
            texts.add(ast.unparse(part))
        holder = alg_holder(part)
        if holder is not None:
            texts |= {f"{ast.unparse(holder)}['alg']", f"{ast.unparse(holder)}.get('alg')"}
    scopes: dict[int, ast.AST] = {}
    for part in (decode, *trail):
        scope = ctx.scopes.enclosing_function(part) or ctx.tree
        scopes[id(scope)] = scope
    return any(
        isinstance(compare, ast.Compare)
        and ast.unparse(compare.left) in texts
        and _checks(ctx, compare)
        for scope in scopes.values()
        for compare in ast.walk(scope)
    )


def _checks(ctx: FileContext, compare: ast.Compare) -> bool:
    """Whether `compare` tests against a list, or against one algorithm but `none`."""
    for op, other in zip(compare.ops, compare.comparators, strict=True):
        if isinstance(op, ast.In | ast.NotIn):
            return True
        value = ctx.evaluate(other)
        if isinstance(op, ast.Eq | ast.NotEq) and isinstance(value, str):
            return value.lower() != "none"
    return False
