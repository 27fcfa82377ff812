"""WW681: the request method chosen by the query string."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_QUERY_WORDS = ("QUERY_STRING", "query_string")
"""What a WSGI environ or a request names the raw query string by."""
_QUERY_ATTRIBUTES = frozenset({"args", "GET", "query_params", "query_string"})
"""A request's parsed query (`request.args`, `request.GET`, DRF's `query_params`)."""
_Function = ast.FunctionDef | ast.AsyncFunctionDef
_DEPTH = 4


class MethodOverrideFromQuery(PythonRule):
    """## What it does
    Finds a middleware or hook that sets the request's method from the query string
    (`environ["REQUEST_METHOD"] = ...`, `request.method = ...` with a value read from
    `QUERY_STRING`, `request.args` or `request.GET`: `?__METHOD__=DELETE`,
    `?_method=PUT`), also through helper methods of its class and locals, unless it
    does so only for a request that came as a POST (`if environ["REQUEST_METHOD"] ==
    "POST":`). An override from a header (`X-HTTP-Method-Override`) is not reported: a
    page of another site cannot send that header without the server's CORS consent.

    ## Why is this bad?
    CSRF protection (Django's middleware, Flask-WTF, SeaSurf) leaves GET requests alone,
    and browsers send even `SameSite=Lax` cookies with a link followed from another
    site. Once a query parameter can turn a GET into a DELETE, PUT or POST, an image tag
    or a link on any page (`<img src="https://app.example/api/items/7?__METHOD__=DELETE">`)
    makes a logged-in user's browser change data, and no token is ever checked.

    ## Example
    ```python
    from urllib.parse import parse_qs


    class MethodOverride:
        def __init__(self, app):
            self.app = app

        def __call__(self, environ, start_response):
            query = parse_qs(environ.get("QUERY_STRING", ""))
            method = query.get("_method", [""])[0].upper()
            if method in {"PUT", "PATCH", "DELETE"}:
                environ["REQUEST_METHOD"] = method
            return self.app(environ, start_response)
    ```

    ## Fix
    ```python
    class MethodOverride:
        def __init__(self, app):
            self.app = app

        def __call__(self, environ, start_response):
            method = environ.get("HTTP_X_HTTP_METHOD_OVERRIDE", "").upper()
            if environ["REQUEST_METHOD"] == "POST" and method in {"PUT", "PATCH", "DELETE"}:
                environ["REQUEST_METHOD"] = method
            return self.app(environ, start_response)
    ```
    Override only a POST, whose CSRF token is still checked, and prefer a header.

    ## References
    - [CWE-352: Cross-Site Request Forgery](https://cwe.mitre.org/data/definitions/352.html)
    - [Flask: adding HTTP method overrides](https://flask.palletsprojects.com/en/stable/patterns/methodoverrides/)
    - [OWASP CSRF Prevention Cheat Sheet: GET requests](https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html)
    """

    code = "WW681"
    name = "method-override-from-query"
    practice = Practice.CSRF
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 352
    message = "`{target}` is set from the query string: a cross-site link can send {how}"
    fix = "override the method from a header, and only for a request that came as a POST"
    assigns = frozenset({"method", "[REQUEST_METHOD]"})

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        if not any(map(ctx.holds, _QUERY_WORDS)) and not _reads_query_attribute(ctx):
            return
        target = next((t for t in node.targets if _method_target(t)), None)
        if target is None or ctx.is_constant(node.value):
            return
        function = next((a for a in ctx.ancestors(node) if isinstance(a, _Function)), None)
        if function is None or _only_for_posts(ctx, node, function):
            return
        methods = _class_methods(ctx, function)
        if _from_query(node.value, function, methods, 0):
            how = "a GET that is handled as a DELETE, PUT or POST, which CSRF checks skip"
            yield self.finding(ctx, node, target=ast.unparse(target), how=how)


def _reads_query_attribute(ctx: FileContext) -> bool:
    return any(ctx.mentions(f".{name}") for name in ("args", "GET", "query_params"))


def _method_target(target: ast.expr) -> bool:
    """`environ["REQUEST_METHOD"]`, `request.META["REQUEST_METHOD"]`, `request.method`."""
    if isinstance(target, ast.Subscript):
        key = target.slice
        return isinstance(key, ast.Constant) and key.value == "REQUEST_METHOD"
    return (
        isinstance(target, ast.Attribute)
        and target.attr == "method"
        and isinstance(target.value, ast.Name | ast.Attribute)
        and "request" in ast.unparse(target.value).lower()
    )


def _only_for_posts(ctx: FileContext, node: ast.AST, function: _Function) -> bool:
    """Whether an `if` around `node` in `function` (or an early return before it) tests
    that the request came as a POST."""
    for holder in ctx.ancestors(node):
        if holder is function:
            break
        if isinstance(holder, ast.If) and _tests_post(holder.test):
            return True
    return any(
        isinstance(statement, ast.If) and _tests_post(statement.test)
        for statement in function.body
        if getattr(statement, "lineno", 0) < getattr(node, "lineno", 0)
    )


def _tests_post(test: ast.expr) -> bool:
    return any(
        isinstance(part, ast.Compare)
        and any(isinstance(c, ast.Constant) and c.value == "POST" for c in ast.walk(part))
        and "method" in ast.unparse(part).lower()
        for part in ast.walk(test)
    )


def _class_methods(ctx: FileContext, function: _Function) -> dict[str, _Function]:
    owner = ctx.parent(function)
    if not isinstance(owner, ast.ClassDef):
        return {}
    return {s.name: s for s in owner.body if isinstance(s, _Function)}


def _from_query(
    value: ast.expr | None, function: _Function, methods: dict[str, _Function], depth: int
) -> bool:
    """Whether `value` reads the query string: itself, through a local of `function`
    assigned such a value, or through what a method of the class (`self._override(...)`)
    returns."""
    if value is None or depth > _DEPTH:
        return False
    for part in ast.walk(value):
        if _query_read(part):
            return True
        if isinstance(part, ast.Name) and isinstance(part.ctx, ast.Load):
            for assigned in _assignments(function, part.id):
                if _from_query(assigned, function, methods, depth + 1):
                    return True
        if (
            isinstance(part, ast.Call)
            and isinstance(part.func, ast.Attribute)
            and isinstance(part.func.value, ast.Name)
            and part.func.value.id in {"self", "cls"}
            and part.func.attr in methods
        ):
            helper = methods[part.func.attr]
            for returned in (r.value for r in ast.walk(helper) if isinstance(r, ast.Return)):
                if _from_query(returned, helper, methods, depth + 1):
                    return True
    return False


def _query_read(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return node.value in _QUERY_WORDS
    return (
        isinstance(node, ast.Attribute)
        and node.attr in _QUERY_ATTRIBUTES
        and "request" in ast.unparse(node.value).lower()
    )


def _assignments(function: _Function, name: str) -> Iterator[ast.expr]:
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            yield node.value
