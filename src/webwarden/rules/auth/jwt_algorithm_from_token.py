"""WW735: a JWT verified with the algorithm its own header names."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._jwt import DECODE, jwt_call
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_HEADER_READERS = frozenset({"get_unverified_header", "get_unverified_headers"})
"""PyJWT's and python-jose's readers of a token's header before any check."""
_LIBRARIES = frozenset({"jwt", "jose"})
_MAX_DEPTH = 6


class JwtAlgorithmFromToken(PythonRule):
    """## What it does
    Finds `jwt.decode()` (PyJWT, python-jose) handed as its `algorithms` the `alg` of the
    token's own header, read unverified (`header = jwt.get_unverified_header(token)`,
    then `algorithms=[header["alg"]]`, also through a local, `alg = header["alg"]`).
    Not reported when the function tests that algorithm against a list of its own first
    (`if alg not in ("RS256", "ES256"): raise ...`) or compares it with one algorithm
    other than `none`.

    ## Why is this bad?
    The `algorithms` argument is the one check of how the token is signed; taken from
    the token, it lets whoever writes the token choose. Signed with `HS256` and the
    server's public RSA or EC key as the HMAC secret, a forged token passes where the
    library does not refuse such a key (python-jose's CVE-2024-33663, PyJWT's
    CVE-2022-29217); `none` turns the signature off where a library allows it. RFC 8725
    and PyJWT's documentation both say not to derive the list from the token.

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
        if algorithms is None:
            return
        read = _header_read(ctx, algorithms, 0)
        if read is None or _allow_listed(ctx, node, read):
            return
        call = f"{ctx.call_name(node)}()"
        yield self.finding(ctx, node, call=call, alg=ast.unparse(read))


def _header_read(ctx: FileContext, node: ast.expr, depth: int) -> ast.expr | None:
    """`node` when it reads the `alg` of the unverified header (`header["alg"]`,
    `jwt.get_unverified_header(token).get("alg")`, in a list or through locals bound to
    it); not through a mapping of the server's own (`ALGORITHMS[header["kid"]]`)."""
    if depth > _MAX_DEPTH:
        return None
    pending: list[ast.AST] = [node]
    while pending:
        part = pending.pop()
        holder = _alg_of(part)
        if holder is not None and _is_header(ctx, holder, depth):
            return node
        if isinstance(part, ast.Name) and isinstance(part.ctx, ast.Load):
            value = ctx.scopes.made_by(part)
            if value is not None and _header_read(ctx, value, depth + 1) is not None:
                return node
        elif isinstance(part, ast.Subscript):
            pending.append(part.value)  # NOTE: a key into a mapping chooses from its values
        else:
            pending.extend(ast.iter_child_nodes(part))
    return None


def _alg_of(node: ast.AST) -> ast.expr | None:
    """`X` of `X["alg"]` or `X.get("alg")`."""
    if isinstance(node, ast.Subscript) and _is_alg(node.slice):
        return node.value
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and node.args
        and _is_alg(node.args[0])
    ):
        return node.func.value
    return None


def _is_alg(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value == "alg"


def _is_header(ctx: FileContext, node: ast.expr, depth: int) -> bool:
    """Whether `node` is the unverified header: the reader's call or a local bound to it."""
    if isinstance(node, ast.Call):
        return _reads_header(ctx, node)
    if isinstance(node, ast.Name) and depth <= _MAX_DEPTH:
        value = ctx.scopes.made_by(node)
        return value is not None and _is_header(ctx, value, depth + 1)
    return False


def _reads_header(ctx: FileContext, call: ast.Call) -> bool:
    name = ctx.call_name(call) or ""
    head, _, tail = name.rpartition(".")
    return tail in _HEADER_READERS and head.partition(".")[0] in _LIBRARIES


def _allow_listed(ctx: FileContext, decode: ast.Call, read: ast.expr) -> bool:
    """Whether the function holding the decode compares the algorithm read (or an element
    of it, or a local bound to it) with a list (`in`) or with one algorithm but `none`."""
    scope = ctx.scopes.enclosing_function(decode) or ctx.tree
    texts = {
        ast.unparse(part)
        for part in ast.walk(read)
        if isinstance(part, ast.Name | ast.Subscript | ast.Call | ast.Attribute)
    }
    for compare in ast.walk(scope):
        if not isinstance(compare, ast.Compare) or ast.unparse(compare.left) not in texts:
            continue
        for op, other in zip(compare.ops, compare.comparators, strict=True):
            if isinstance(op, ast.In | ast.NotIn):
                return True
            value = ctx.evaluate(other)
            if isinstance(op, ast.Eq | ast.NotEq) and isinstance(value, str):
                return value.lower() != "none"
    return False
