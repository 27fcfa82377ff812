"""WW645: Starlette's (FastAPI's) `CORSMiddleware` allowing credentials to any origin."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auditing._origin_regex import other_site_origin
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_CORS = frozenset(
    {"starlette.middleware.cors.CORSMiddleware", "fastapi.middleware.cors.CORSMiddleware"}
)
_WRAPPERS = frozenset({"starlette.middleware.Middleware", "fastapi.middleware.Middleware"})
"""`Middleware(cls, **options)`, as listed in `Starlette(middleware=[...])`."""


class StarletteCorsCredentialsAnyOrigin(PythonRule):
    """## What it does
    Finds Starlette's `CORSMiddleware` (FastAPI's `fastapi.middleware.cors` is the same
    class) set up with `allow_credentials=True` and origins that take any site: `"*"` in
    `allow_origins`, or an `allow_origin_regex` that another site's origin matches in
    full (`"https?://.*"`; Starlette tests it with `re.fullmatch`, so a pattern needs no
    `^` nor `$`, but an unescaped dot still lets `https://api-example.com` through). The
    middleware may be added by `app.add_middleware(CORSMiddleware, ...)`, listed as
    `Middleware(CORSMiddleware, ...)` or wrap the application itself; options handed as
    `**options` are read when the dict is built where it can be read.

    ## Why is this bad?
    With `"*"` and credentials Starlette answers a request with that request's own
    `Origin` and `Access-Control-Allow-Credentials: true` (older releases only one
    carrying cookies); a pattern matching any origin does the same. Any website the user visits
    can then call the application with the user's cookies (a Django admin mounted
    under the same ASGI app included) and read the answers: account data, CSRF tokens.

    ## Known problems
    Whether the application uses cookies at all is not judged: an API authenticated by
    a header alone gives another site nothing to send. Nor is their `SameSite`
    attribute: `Lax` (Django's default for its session) keeps a cookie off another
    site's requests, not off those of a sibling subdomain or of a page of the same
    site served over plain HTTP.

    ## Example
    ```python
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware

    app = FastAPI()
    app.add_middleware(CORSMiddleware, allow_origin_regex="https?://.*", allow_credentials=True)
    ```

    ## Fix
    ```python
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware

    app = FastAPI()
    app.add_middleware(
        CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True
    )
    ```

    ## References
    - [CWE-942: Permissive Cross-domain Policy with Untrusted Domains](https://cwe.mitre.org/data/definitions/942.html)
    - [Starlette: CORSMiddleware](https://www.starlette.io/middleware/#corsmiddleware)
    - [FastAPI: CORS](https://fastapi.tiangolo.com/tutorial/cors/)
    """

    code = "WW645"
    name = "starlette-cors-credentials-any-origin"
    practice = Practice.CSRF
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 942
    message = "`CORSMiddleware` {allows} with `allow_credentials=True`: any site can read responses as the user"
    fix = "list the trusted origins in `allow_origins` (or an `allow_origin_regex` of your own domain only)"
    calls = frozenset({".add_middleware", *_WRAPPERS, *_CORS})
    keyword_calls_only = True
    mentions = ("CORSMiddleware",)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        # NOTE: the options are keywords of the call itself, whether it builds the
        # middleware around an app or hands its class to `add_middleware`/`Middleware`.
        name = ctx.call_name(node) or ""
        if name not in _CORS and not _hands_cors(ctx, node, name):
            return
        if ctx.evaluate(ctx.keyword(node, "allow_credentials")) is not True:
            return
        allows = _any_origin(ctx, node)
        if allows is not None:
            yield self.finding(ctx, node, allows=allows)


def _hands_cors(ctx: FileContext, node: ast.Call, name: str) -> bool:
    """`app.add_middleware(CORSMiddleware, ...)` or `Middleware(CORSMiddleware, ...)`."""
    wraps = name in _WRAPPERS or name.endswith(".add_middleware")
    return wraps and bool(node.args) and ctx.qualified(node.args[0]) in _CORS


def _any_origin(ctx: FileContext, call: ast.Call) -> str | None:
    """How the middleware's options let any site's origin in, or None."""
    origins = ctx.evaluate(ctx.keyword(call, "allow_origins"))
    if isinstance(origins, list | tuple | set) and "*" in origins:
        return 'allows any origin (`allow_origins=["*"]`)'
    pattern = ctx.evaluate(ctx.keyword(call, "allow_origin_regex"))
    if isinstance(pattern, str):
        origin = other_site_origin(pattern, full=True)
        if origin is not None:
            return f"pattern `{pattern}` allows `{origin}`"
    return None
