"""WW733: access decided by the `Host` header naming the local machine."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._host_reads import HostReads
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
_ORDERS = (ast.Eq, ast.NotEq, ast.In, ast.NotIn)


class HostHeaderLoopbackCheck(PythonRule):
    """## What it does
    Finds a test that compares the request's `Host` header with a loopback name
    (`localhost`, `127.0.0.1`, `::1`) to decide a request: Flask's `request.host`,
    Django's `request.get_host()`, `request.headers["Host"]` or `request.META["HTTP_HOST"]`
    compared with `==`, `!=`, `in` or `not in`, or tested with `.startswith()`, in the
    test of an `if` that returns, raises or aborts, or returned by a module-level
    function ("is this a local request?") that such an `if` calls. The header may pass
    through text methods (`.lower()`, `.split(":")[0]`), a local, or a module-level
    function returning it, and the request through a parameter of a module-level
    function the module calls with it.

    ## Why is this bad?
    The `Host` header is written by the client: `curl -H "Host: localhost"` makes any
    request from anywhere look local, so an admin page or an API "reachable from the
    local network only" is open to everyone (CWE-290). Which machine the request came
    from is not in the request's headers at all.

    ## Known problems
    A comparison of the header with the server's own host name (`socket.gethostname()`)
    is not reported, nor a test through a class method.

    ## Example
    ```python
    from flask import Flask, abort, request

    app = Flask(__name__)


    @app.route("/admin")
    def admin():
        if request.host.split(":")[0] not in ("localhost", "127.0.0.1"):
            abort(403)
        return "admin"
    ```

    ## Fix
    ```python
    from flask import Flask, abort
    from flask_login import current_user

    app = Flask(__name__)


    @app.route("/admin")
    def admin():
        if not current_user.is_authenticated or not current_user.is_admin:
            abort(403)
        return "admin"
    ```
    Authenticate the user instead; if a page must be reachable from the machine only,
    bind a separate server to `127.0.0.1` or check the peer's address
    (`request.remote_addr`) behind no proxy.

    ## References
    - [CWE-290: Authentication Bypass by Spoofing](https://cwe.mitre.org/data/definitions/290.html)
    - [OWASP WSTG: Testing for Host Header Injection](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/17-Testing_for_Host_Header_Injection)
    """

    code = "WW733"
    name = "host-header-loopback-check"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 290
    message = (
        "`{test}` decides the request by the `Host` header naming the local machine,"
        " which any client can send"
    )
    fix = "authenticate the user; the `Host` header says nothing about where a request came from"
    mentions = (("host", "HOST"),)

    def visit_Module(self, node: ast.Module, ctx: FileContext) -> Iterator[Finding]:
        reads: HostReads | None = None
        for test in ctx.nodes(ast.Compare, ast.Call):
            side = _loopback_test(test)
            if side is None:
                continue
            reads = reads or HostReads(ctx)
            function = ctx.scopes.enclosing_function(test)
            if reads.is_host(side, function) and reads.decides(test):
                yield self.finding(ctx, test, test=ast.unparse(test))


def _loopback_test(node: ast.AST) -> ast.AST | None:
    """The other side of a comparison with a loopback name, or what a
    `.startswith(<loopback name>)` is called on; None for anything else."""
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], _ORDERS):
        left, right = node.left, node.comparators[0]
        if _names_loopback(right):
            return left
        if _names_loopback(left) and isinstance(node.ops[0], ast.Eq | ast.NotEq):
            return right
        return None
    match node:
        case ast.Call(func=ast.Attribute(attr="startswith", value=owner), args=[prefix]) if (
            _names_loopback(prefix)
        ):
            return owner
    return None


def _names_loopback(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value.lower() in _LOOPBACK
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return any(map(_names_loopback, node.elts))
    return False
