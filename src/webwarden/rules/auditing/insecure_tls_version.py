"""WW1146: SSL and early TLS protocol versions chosen in code."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_VERSIONS = {"SSLv2": "SSL 2", "SSLv3": "SSL 3", "TLSv1": "TLS 1.0", "TLSv1_1": "TLS 1.1"}
_OLD = {
    **{f"ssl.PROTOCOL_{v}": shown for v, shown in _VERSIONS.items()},
    **{f"ssl.TLSVersion.{v}": shown for v, shown in _VERSIONS.items() if v != "SSLv2"},
    **{f"OpenSSL.SSL.{v}_METHOD": shown for v, shown in _VERSIONS.items()},
}
"""Protocol constants of versions that are broken (SSL 2 and 3) or deprecated (TLS 1.0 and
1.1, RFC 8996), as `ssl` and pyOpenSSL name them."""
_REFUSALS = {f"ssl.OP_NO_{v}": shown for v, shown in _VERSIONS.items()}
"""The `ssl` options that turn a version off: clearing one turns it back on."""
_CHOOSERS = frozenset(
    {"ssl.SSLContext", "ssl.wrap_socket", "OpenSSL.SSL.Context", "ssl.get_server_certificate"}
)


class InsecureTlsVersion(PythonRule):
    """## What it does
    Finds code that chooses SSL 2, SSL 3, TLS 1.0 or TLS 1.1: `ssl.SSLContext(
    ssl.PROTOCOL_TLSv1)`, `ssl.wrap_socket(..., ssl_version=ssl.PROTOCOL_SSLv3)`,
    `context.minimum_version = ssl.TLSVersion.TLSv1`, pyOpenSSL's
    `SSL.Context(SSL.TLSv1_METHOD)`, or that turns one back on by clearing the option
    that refuses it (`context.options &= ~ssl.OP_NO_SSLv3`).

    ## Why is this bad?
    SSL 2 and 3 are broken (POODLE, DROWN) and TLS 1.0 and 1.1 are deprecated (RFC 8996):
    a connection that offers or accepts them can be downgraded and its traffic
    decrypted by someone on the network path.

    ## Known problems
    A context kept in a local name that is only set up and checked (Quay's check that a
    key matches a certificate: `use_certificate`, `use_privatekey_file`,
    `check_privatekey`), never handed on or used to wrap a socket, is not reported: no
    connection is made with it.

    ## Example
    ```python
    import ssl

    def client_context():
        return ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    ```

    ## Fix
    ```python
    import ssl

    def client_context():
        context = ssl.create_default_context()
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        return context
    ```

    ## References
    - [CWE-327: Use of a Broken or Risky Cryptographic Algorithm](https://cwe.mitre.org/data/definitions/327.html)
    - [RFC 8996: Deprecating TLS 1.0 and TLS 1.1](https://www.rfc-editor.org/rfc/rfc8996)
    - [Python docs: ssl protocol versions](https://docs.python.org/3/library/ssl.html#protocol-versions)
    """

    code = "WW1146"
    name = "insecure-tls-version"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 327
    message = "{where} chooses {version}, a broken or deprecated protocol version"
    fix = "use `ssl.create_default_context()` and a `minimum_version` of TLS 1.2 or later"
    bandit = ("B502", "B503")
    ruff = ("S502", "S503")
    calls = _CHOOSERS
    assigns = frozenset({"minimum_version"})

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node) or ""
        if _never_connects(node, ctx):
            return
        for argument in (*node.args, *(k.value for k in node.keywords)):
            version = _OLD.get(ctx.qualified(argument) or "")
            if version is not None:
                shown = name.rsplit(".", 1)[-1]
                yield self.finding(ctx, argument, where=f"`{shown}()`", version=version)
                return

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        version = _OLD.get(ctx.qualified(node.value) or "")
        if version is not None and any(
            isinstance(t, ast.Attribute) and t.attr == "minimum_version" for t in node.targets
        ):
            yield self.finding(ctx, node, where="`minimum_version`", version=version)

    def visit_AugAssign(self, node: ast.AugAssign, ctx: FileContext) -> Iterator[Finding]:
        target, value = node.target, node.value
        if not (
            isinstance(node.op, ast.BitAnd)
            and isinstance(target, ast.Attribute)
            and target.attr == "options"
            and isinstance(value, ast.UnaryOp)
            and isinstance(value.op, ast.Invert)
        ):
            return
        for flag in _flags(value.operand):
            version = _REFUSALS.get(ctx.qualified(flag) or "")
            if version is not None:
                shown = ast.unparse(flag).rsplit(".", 1)[-1]
                yield self.finding(ctx, node, where=f"clearing `{shown}`", version=version)
                return


def _flags(node: ast.expr) -> Iterator[ast.expr]:
    """The options `a | b | c` joins."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        yield from _flags(node.left)
        yield from _flags(node.right)
    else:
        yield node


_CONNECTING = frozenset({"wrap_socket", "wrap_bio"})


def _never_connects(node: ast.Call, ctx: FileContext) -> bool:
    """`context = SSL.Context(...)` in a function that only calls its methods (none of
    them wrapping a socket): the context is never used for a connection."""
    local = ctx.assigned_name(node)
    function = ctx.scopes.enclosing_function(node)
    if local is None or function is None:
        return False
    for use in ast.walk(function):
        if not (isinstance(use, ast.Name) and use.id == local and isinstance(use.ctx, ast.Load)):
            continue
        method = ctx.parent(use)
        if not (
            isinstance(method, ast.Attribute)
            and method.attr not in _CONNECTING
            and isinstance(ctx.parent(method), ast.Call)
        ):
            return False
    return True
