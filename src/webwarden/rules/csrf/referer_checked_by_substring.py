"""WW647: a `Referer` or `Origin` header tested as a string another site's URL passes."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._request_headers import client_header_readers
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words
from webwarden.rules.csrf._referer_tests import Bindings, weak_header_test

_SCREEN = ("eferer", "EFERER", "referrer", "rigin", "RIGIN")
_REFUSALS = frozenset({"abort", "redirect", "forbidden", "deny", "denied", "reject", "refuse"})
_STATE_CHANGES = frozenset(
    {"save", "delete", "commit", "create", "update", "update_or_create", "get_or_create",
     "add", "remove", "login", "logout", "set_cookie", "execute"}
)  # fmt: skip
_PREDICATE_WORDS = frozenset(
    {"safe", "valid", "same", "trusted", "allowed", "check", "verify", "origin", "referer",
     "referrer", "csrf", "samesite", "internal", "local"}
)  # fmt: skip
_MAX_HOPS = 2


class RefererCheckedBySubstring(PythonRule):
    """## What it does
    Finds a test of the `Referer` or `Origin` header (Flask's `request.referrer` and
    `request.origin`, `request.headers.get("Referer")`, Django's
    `request.META["HTTP_REFERER"]`, read directly or through a local) as a string that
    another site's address passes: the site's host or an allowed host found in it with
    `in` / `not in` (`request.host not in request.referrer`, `"example.com" in origin`,
    `any(host in referer for host in ALLOWED_HOSTS)`), a prefix that ends at the host
    (`referer.startswith("https://example.com")`, `f"https://{request.host}"`), or a
    suffix without a dot before the domain (`origin.endswith("example.com")`). Reported
    only where the test decides the request: an `if` (or `assert`) whose branch refuses
    it, answers, redirects or changes something, through a local holding the test's
    result too, or a predicate (`is_safe_referer()`) returning it.

    ## Why is this bad?
    Such a check is meant to refuse another site's requests (a CSRF defence) or links
    back to another site (an open-redirect defence), but the header is a URL the other
    site chooses: `https://evil.test/?example.com` holds the host,
    `https://example.com.evil.test/` starts with `https://example.com`, and
    `https://evilexample.com` ends with `example.com`. The defence lets the attack through.

    ## Known problems
    A test made in a helper the header is handed to as an argument is not read, nor
    `find()`, `index()` or a regular expression. A test whose branch only sets a flag
    read later is not taken as deciding, nor one that only returns a string (`return
    "search"`, a label for analytics), so a Flask view answering with a bare string
    there is missed. Tests used only to log or count requests are not reported.

    ## Example
    ```python
    from flask import abort, request

    @app.post("/token")
    def token():
        if request.referrer is None or request.host not in request.referrer:
            abort(403)
        return issue_token()
    ```

    ## Fix
    ```python
    from urllib.parse import urlparse

    from flask import abort, request

    @app.post("/token")
    def token():
        if urlparse(request.referrer or "").netloc != request.host:
            abort(403)
        return issue_token()
    ```
    Parse the URL and compare its host (with `==`, or membership in a list of hosts);
    in Django, `url_has_allowed_host_and_scheme()` does it, and its CSRF middleware
    already checks the `Referer` of HTTPS requests.

    ## References
    - [CWE-352: Cross-Site Request Forgery (CSRF)](https://cwe.mitre.org/data/definitions/352.html)
    - [CWE-601: URL Redirection to Untrusted Site](https://cwe.mitre.org/data/definitions/601.html)
    - [OWASP: CSRF Prevention Cheat Sheet, verifying origin with standard headers](https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html)
    - [Django: `url_has_allowed_host_and_scheme`](https://docs.djangoproject.com/en/stable/ref/utils/)
    """

    code = "WW647"
    name = "referer-checked-by-substring"
    practice = Practice.CSRF
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 352
    message = "`{test}` checks the `{header}` header {how}: another site's URL can pass"
    fix = "parse the URL and compare its host with `==` (`urlparse(value).netloc == request.host`)"
    mentions = ("request",)

    def visit_Module(self, node: ast.Module, ctx: FileContext) -> Iterator[Finding]:
        if not any(ctx.mentions(word) for word in _SCREEN):
            return
        for function in client_header_readers(ctx):
            bindings = ctx.scopes.bindings(function)
            for test in ast.walk(function):
                if not isinstance(test, ast.Compare | ast.Call):
                    continue
                weak = weak_header_test(ctx, test, bindings)
                if weak is None or not _decides(ctx, test, function, bindings):
                    continue
                text = ast.unparse(test)
                text = text if len(text) <= 80 else text[:77] + "..."
                yield self.finding(ctx, test, test=text, header=weak[0], how=weak[1])


def _decides(
    ctx: FileContext,
    node: ast.AST,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    bindings: Bindings,
    hops: int = 0,
) -> bool:
    """Whether the request's fate turns on `node`'s value."""
    child, parent = node, ctx.parent(node)
    while isinstance(parent, ast.expr | ast.comprehension):
        if isinstance(parent, ast.IfExp) and child is parent.test:
            return True  # NOTE: `target = referer if host in referer else "/"`
        child, parent = parent, ctx.parent(parent)
    if isinstance(parent, ast.If) and child is parent.test:
        return _branch_decides(parent.body) or _branch_decides(parent.orelse)
    if isinstance(parent, ast.Assert):
        return True
    if isinstance(parent, ast.Return):
        return bool(_PREDICATE_WORDS & set(identifier_words(function.name)))
    if isinstance(parent, ast.Assign) and hops < _MAX_HOPS:
        return any(
            ctx.scopes.enclosing_function(read) is function
            and _decides(ctx, read, function, bindings, hops + 1)
            for read in ctx.scopes.reads_of_assigned(parent)
        )
    return False


def _branch_decides(statements: list[ast.stmt]) -> bool:
    """Whether the branch refuses, answers, redirects or changes something."""
    for statement in statements:
        for node in ast.walk(statement):
            if isinstance(node, ast.Raise):
                return True
            if isinstance(node, ast.Return) and not (
                isinstance(node.value, ast.JoinedStr)
                or (isinstance(node.value, ast.Constant) and isinstance(node.value.value, str))
            ):
                return True  # NOTE: not a label (`return "search engine"`), an answer
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in _STATE_CHANGES or _REFUSALS & set(identifier_words(name)):
                    return True
    return False
