"""WW1187: an outbound HTTP request that can wait for ever."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.scopes import UNKNOWN_BINDING
from webwarden.rules.auditing._common import HTTP_METHODS, REQUESTS_SESSIONS, run_by_operator
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_METHODS = HTTP_METHODS - {"stream", "send"}
"""What requests' functions and a session's methods are called (a session's `send()` takes
a prepared request, `stream` is httpx's)."""
_REQUESTS_FUNCTIONS = frozenset(
    f"{module}.{method}" for module in ("requests", "requests.api") for method in _METHODS
)
_HTTPX = frozenset(
    {f"httpx.{method}" for method in (*_METHODS, "stream")} | {"httpx.Client", "httpx.AsyncClient"}
)
_URLOPEN = frozenset({"urllib.request.urlopen", "urllib2.urlopen"})
_LIBRARY_CALLS = _REQUESTS_FUNCTIONS | _HTTPX | _URLOPEN


class OutboundRequestWithoutTimeout(PythonRule):
    """## What it does
    Finds HTTP requests the application makes with no time limit: `requests.get(url)` and
    the other functions of `requests` (and the methods of a `requests.Session()` made in
    the same scope, or handed back by a function of the module that only ever returns
    one it made: `with get_session() as session:`, where `get_session()` mounts
    requests' own `HTTPAdapter` with retries on `session or requests.Session()`; not one
    mounting an adapter of its own or naming a timeout, which may set a default) without
    a `timeout`, `urllib.request.urlopen(url)` without one, and
    any of those or an `httpx` call or client given `timeout=None`, which turns httpx's own
    five-second default off. Not a call handed `**options` (the timeout may be in them),
    nor one of a local named like the library (`requests = {}`, then `requests.get(key, 0)`),
    nor code no request reaches: tests, migrations, management commands and other shell
    commands (also a program run whole: a file starting with a `#!` line naming Python
    that defines no function or class, as a container's `HEALTHCHECK CMD
    ./fetchstatus.py` is; and a single-file program declaring PEP 723 inline script
    metadata, `# /// script`, that starts no server: `uv run` or `pipx run` starts it
    from a shell), and a module's `if __name__ == "__main__":` block.

    ## Why is this bad?
    `requests` waits for an answer for as long as the connection stays open. A slow or
    hostile server at the other end (or one the client of your view chooses, or a
    network that drops packets silently) holds the worker that made the call, and each
    request to the view that makes it holds another: a few dozen of them leave the
    application no worker to serve anyone (CWE-400). A Celery task that hangs the same
    way blocks its queue.

    ## Known problems
    A session whose class sets a default timeout is seen only when it is that class, not
    `requests.Session` itself. Calls through a project's wrapper are judged in the
    wrapper.

    ## Example
    ```python
    import requests

    def exchange_rate(currency):
        return requests.get(f"https://rates.example.com/{currency}").json()
    ```

    ## Fix
    ```python
    import requests

    def exchange_rate(currency):
        return requests.get(f"https://rates.example.com/{currency}", timeout=10).json()
    ```
    Pass `timeout=` to every call (a number, or a `(connect, read)` pair); for a
    `Session`, in each call or through a subclass whose `request` sets a default.

    ## References
    - [CWE-400: Uncontrolled Resource Consumption](https://cwe.mitre.org/data/definitions/400.html)
    - [requests: Timeouts](https://requests.readthedocs.io/en/latest/user/advanced/#timeouts)
    - [httpx: Timeouts](https://www.python-httpx.org/advanced/timeouts/)
    """

    code = "WW1187"
    name = "outbound-request-without-timeout"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 400
    message = "`{call}` {how}: a slow or silent server holds the worker for ever"
    fix = "pass `timeout=` (seconds, or a `(connect, read)` pair)"
    bandit = ("B113",)
    ruff = ("S113",)
    calls = frozenset({*_LIBRARY_CALLS, *(f".{method}" for method in _METHODS)})
    mentions = (("requests", "httpx", "urlopen"),)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node) or ""
        kind = _kind(node, ctx, name)
        if kind is None or ctx.has_kwargs_splat(node) or _unserved(node, ctx):
            return
        if kind == "urlopen":
            timeout = ctx.argument(node, 2, "timeout")
        else:
            timeout = ctx.keyword(node, "timeout")
        if timeout is None and kind != "httpx":
            how = "has no timeout"
        elif timeout is not None and _is_none(timeout, ctx):
            how = "passes `timeout=None`"
        else:
            return
        yield self.finding(ctx, node, call=_display(node, name), how=how)


def _kind(node: ast.Call, ctx: FileContext, name: str) -> str | None:
    if name in _LIBRARY_CALLS and not _imported(ctx, node.func):
        return None  # NOTE: a local named so (`requests = {}`, then `requests.get(key, 0)`)
    if name in _REQUESTS_FUNCTIONS:
        return "requests"
    if name in _HTTPX:
        return "httpx"
    if name in _URLOPEN:
        return "urlopen"
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in _METHODS):
        return None
    if ctx.origin(func.value) in REQUESTS_SESSIONS or _helper_session(ctx, func.value):
        return "requests"
    return None


def _helper_session(ctx: FileContext, receiver: ast.expr) -> bool:
    """Whether the receiver holds what a function of this module hands back, and that
    function only ever returns a plain `requests.Session()` it made (`with get_session()
    as session:`, where `get_session()` mounts retries on `session or requests.Session()`
    and returns it): the retry recipe's helper sets no timeout. Not one that mounts an
    adapter of its own or mentions a timeout at all (a `TimeoutHTTPAdapter` sets a
    default in its `send()`)."""
    made: ast.expr | None = receiver
    if isinstance(receiver, ast.Name):
        made = ctx.scopes.made_by(receiver, past_none=True) or ctx.scopes.entered_value(receiver)
    if not (isinstance(made, ast.Call) and isinstance(made.func, ast.Name)):
        return False
    helper = ctx.called_function(made.func)
    if helper is None:
        return False
    returns = [node for node in ctx.subtree(helper) if isinstance(node, ast.Return)]
    if not returns or any(ctx.scopes.enclosing_function(r) is not helper for r in returns):
        return False
    if any(_may_set_timeout(ctx, node) for node in ctx.subtree(helper)):
        return False
    return all(r.value is not None and _makes_session(ctx, r.value) for r in returns)


def _may_set_timeout(ctx: FileContext, node: ast.AST) -> bool:
    """A name, attribute or keyword naming a timeout, or an adapter other than requests'
    own made (a project's `TimeoutHTTPAdapter` sets a default in its `send()`)."""
    if isinstance(node, ast.keyword):
        return "timeout" in (node.arg or "")
    if isinstance(node, ast.Attribute | ast.Name):
        return "timeout" in (node.attr if isinstance(node, ast.Attribute) else node.id).lower()
    if isinstance(node, ast.Call):
        name = ctx.call_name(node) or ""
        return name.endswith("Adapter") and name not in _STOCK_ADAPTERS
    return False


_STOCK_ADAPTERS = frozenset({"requests.adapters.HTTPAdapter", "requests.HTTPAdapter"})
"""requests' own adapter, which retries (`max_retries=`) but sets no timeout."""


def _makes_session(ctx: FileContext, value: ast.expr) -> bool:
    """`requests.Session()`, `session or requests.Session()`, or a local bound to one."""
    if isinstance(value, ast.Name):
        made = ctx.reaching_value(value) or ctx.scopes.made_by(value)
        return made is not None and not isinstance(made, ast.Name) and _makes_session(ctx, made)
    if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or):
        return _makes_session(ctx, value.values[-1])
    return isinstance(value, ast.Call) and ctx.call_name(value) in REQUESTS_SESSIONS


def _imported(ctx: FileContext, func: ast.expr) -> bool:
    """Whether the callee's first name is bound by an import where it is read (`requests`
    of `import requests`, also in the function; `urlopen` of `from urllib.request import
    urlopen`), not by an assignment."""
    root = func
    while isinstance(root, ast.Attribute):
        root = root.value
    if not (isinstance(root, ast.Name) and root.id in ctx.names.aliases):
        return False
    # NOTE: an import binds the name to no value webwarden knows; an assignment to one.
    return all(value is UNKNOWN_BINDING for value in ctx.scopes.values_of(root) or ())


def _is_none(value: ast.expr, ctx: FileContext) -> bool:
    return ctx.evaluate(value) is None


def _unserved(node: ast.Call, ctx: FileContext) -> bool:
    """Code no request to the application reaches: an operator or a test runs it (a
    management command, a script, a Click or Flask CLI command, also in a module of views)."""
    return (
        ctx.is_test_file
        or ctx.is_migration
        or ctx.is_command_module
        or run_by_operator(ctx, node)
        or ctx.under_main_guard(node)
    )


def _display(node: ast.Call, name: str) -> str:
    text = ast.unparse(node.func)
    return text if len(text) <= 40 else name
