"""WW1148: the request's `Origin` echoed into `Access-Control-Allow-Origin` with credentials."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.scopes import block_holding
from webwarden.model.tree import item_read, walk
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_ALLOW_ORIGIN = "access-control-allow-origin"
_ALLOW_CREDENTIALS = "access-control-allow-credentials"
_ORIGIN_KEYS = frozenset({"origin", "http_origin"})
"""How a request's `Origin` header is read: `request.headers["Origin"]`, Django's
`request.META["HTTP_ORIGIN"]`, WSGI's `environ["HTTP_ORIGIN"]`."""


class CorsOriginReflected(PythonRule):
    """## What it does
    Finds code that copies the request's `Origin` header into the
    `Access-Control-Allow-Origin` response header without checking it, in a function
    (a view, an `after_request` hook, a middleware) that also sends
    `Access-Control-Allow-Credentials: true`: `response.headers[
    "Access-Control-Allow-Origin"] = request.headers.get("Origin")`, Django's
    `response["Access-Control-Allow-Origin"] = request.META["HTTP_ORIGIN"]`. An origin
    the code compares, looks up or matches first (`if origin in ALLOWED:`, `origin if
    pattern.match(origin) else ""`, or turning it away before: `if origin not in ALLOWED:
    return HttpResponseForbidden()`) is checked, and not reported.

    ## Why is this bad?
    Echoing the origin allows every origin, and with credentials allowed the browser
    sends the user's cookies along: any website the user visits can call the app as the
    user and read the answers (their data, CSRF tokens). Browsers refuse `*` with
    credentials for this reason; echoing the origin gets around it.

    ## Known problems
    Credentials allowed in another function than the one echoing the origin (a second
    hook) are not linked to it.

    ## Example
    ```python
    from flask import Flask, request

    app = Flask(__name__)

    @app.after_request
    def cors(response):
        response.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin", "*")
        response.headers["Access-Control-Allow-Credentials"] = "true"
        return response
    ```

    ## Fix
    ```python
    from flask import Flask, request

    app = Flask(__name__)
    TRUSTED = {"https://app.example.com"}

    @app.after_request
    def cors(response):
        origin = request.headers.get("Origin")
        if origin in TRUSTED:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Credentials"] = "true"
            response.headers["Vary"] = "Origin"
        return response
    ```

    ## References
    - [CWE-942: Permissive Cross-domain Policy with Untrusted Domains](https://cwe.mitre.org/data/definitions/942.html)
    - [PortSwigger: CORS origin reflection](https://portswigger.net/web-security/cors)
    - [MDN: Access-Control-Allow-Credentials](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Access-Control-Allow-Credentials)
    """

    code = "WW1148"
    name = "cors-origin-reflected"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 942
    message = "`Access-Control-Allow-Origin` echoes the request's `Origin` and credentials are allowed: any site can read responses as the user"
    fix = "send `Access-Control-Allow-Origin` only for origins on an allow-list, or use Flask-CORS / django-cors-headers with explicit origins"
    assigns = frozenset(
        {
            "[Access-Control-Allow-Origin]",
            "[access-control-allow-origin]",
            "[Access-control-allow-origin]",
        }
    )

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        if not any(_header_name(t) == _ALLOW_ORIGIN for t in node.targets):
            return
        scope = ctx.scopes.enclosing_function(node) or ctx.tree
        origins = _origin_names(scope)
        if not _reads_origin(node.value, origins) or _checked(ctx, node, scope, origins):
            return
        if _allows_credentials(scope):
            yield self.finding(ctx, node)


def _header_name(target: ast.expr) -> str:
    """`x.headers["Name"]` or `response["Name"]`, lowered; "" for any other target."""
    if not isinstance(target, ast.Subscript):
        return ""
    key = target.slice
    return key.value.lower() if isinstance(key, ast.Constant) and isinstance(key.value, str) else ""


def _origin_read(node: ast.AST) -> bool:
    """`...["Origin"]`, `...get("Origin")` (any case), `...["HTTP_ORIGIN"]`."""
    read = item_read(node)
    if read is None:
        return False
    key = read[1]
    return isinstance(key, ast.Constant) and str(key.value).lower() in _ORIGIN_KEYS


def _origin_names(scope: ast.AST) -> set[str]:
    """Locals assigned the request's origin (`origin = request.headers.get("Origin")`)."""
    names: set[str] = set()
    for node in walk(scope):
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        if any(_origin_read(n) for n in walk(node.value)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _reads_origin(value: ast.expr, origins: set[str]) -> bool:
    return any(
        _origin_read(n) or (isinstance(n, ast.Name) and n.id in origins) for n in walk(value)
    )


def _tests_origin(test: ast.expr, origins: set[str]) -> bool:
    """Whether a test checks the origin (`origin in ALLOWED`, `origin == TRUSTED`,
    `pattern.match(origin)`, `is_allowed(origin)`), not only that there is one (`if
    origin:`, `if origin is not None:`)."""
    if isinstance(test, ast.BoolOp):
        return any(_tests_origin(value, origins) for value in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _tests_origin(test.operand, origins)
    if isinstance(test, ast.Compare):
        against_none = all(
            isinstance(op, ast.Is | ast.IsNot)
            and isinstance(right, ast.Constant)
            and right.value is None
            for op, right in zip(test.ops, test.comparators, strict=True)
        )
        return not against_none and _reads_origin(test, origins)
    if isinstance(test, ast.Call):
        return not _origin_read(test) and _reads_origin(test, origins)
    return False


def _checked(ctx: FileContext, node: ast.Assign, scope: ast.AST, origins: set[str]) -> bool:
    """Whether the origin is checked before it is sent: by an `if` around the assignment
    or a conditional it assigns, by a local holding such a check (`allowed = origin in
    TRUSTED`, then `if allowed:`), or around where the local it sends was assigned."""
    checks = _check_names(scope, origins)
    value = node.value
    if isinstance(value, ast.IfExp) and _guards(value.test, origins, checks):
        return True
    if _guarded(ctx, node, origins, checks):
        return True
    sent = {n.id for n in walk(value) if isinstance(n, ast.Name) and n.id in origins}
    assignments = [
        a
        for a in walk(scope)
        if isinstance(a, ast.Assign | ast.AnnAssign)
        and a.value is not None
        and _reads_origin(a.value, origins)
        and any(
            isinstance(t, ast.Name) and t.id in sent
            for t in (a.targets if isinstance(a, ast.Assign) else [a.target])
        )
    ]
    return bool(assignments) and all(_guarded(ctx, a, origins, checks) for a in assignments)


def _check_names(scope: ast.AST, origins: set[str]) -> set[str]:
    """Locals holding a check of the origin (`whitelisted = origin in ALLOWED`)."""
    return {
        target.id
        for node in walk(scope)
        if isinstance(node, ast.Assign) and _tests_origin(node.value, origins)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _guards(test: ast.expr, origins: set[str], checks: set[str]) -> bool:
    return _tests_origin(test, origins) or any(
        isinstance(n, ast.Name) and n.id in checks for n in walk(test)
    )


def _guarded(ctx: FileContext, node: ast.AST, origins: set[str], checks: set[str]) -> bool:
    """Whether an `if` checking the origin holds `node`, or one before it turns away an
    origin that fails the check (`if origin not in ALLOWED: return ...`)."""
    inner = node
    for holder in ctx.ancestors(node):
        if isinstance(holder, ast.If | ast.IfExp | ast.While) and _guards(
            holder.test, origins, checks
        ):
            return True
        if _rejected_before(holder, inner, origins, checks):
            return True
        if isinstance(holder, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            return False
        inner = holder
    return False


def _rejected_before(
    holder: ast.AST, statement: ast.AST, origins: set[str], checks: set[str]
) -> bool:
    """Whether a statement before `statement` in its block leaves the function or loop
    when the origin fails a check: what comes after sees only an origin that passed."""
    block = block_holding(holder, statement)
    if block is None:
        return False
    position = next(i for i, s in enumerate(block) if s is statement)
    return any(
        isinstance(earlier, ast.If)
        and _leaves(earlier.body)
        and _rejects(earlier.test, origins, checks)
        for earlier in block[:position]
    )


def _rejects(test: ast.expr, origins: set[str], checks: set[str]) -> bool:
    """Whether `test` holds when the origin fails a check: `not allowed(origin)`,
    `origin not in ALLOWED`, `origin != TRUSTED`, or one of those in an `or`."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        return any(_rejects(value, origins, checks) for value in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _guards(test.operand, origins, checks)
    return (
        isinstance(test, ast.Compare)
        and all(isinstance(op, ast.NotIn | ast.NotEq) for op in test.ops)
        and _tests_origin(test, origins)
    )


def _leaves(body: list[ast.stmt]) -> bool:
    return bool(body) and isinstance(body[-1], ast.Return | ast.Raise | ast.Continue)


def _allows_credentials(scope: ast.AST) -> bool:
    """Whether `scope` sets `Access-Control-Allow-Credentials` to true."""
    for node in walk(scope):
        if isinstance(node, ast.Assign) and any(
            _header_name(t) == _ALLOW_CREDENTIALS for t in node.targets
        ):
            value = node.value
            if isinstance(value, ast.Constant) and str(value.value).lower() == "true":
                return True
    return False
