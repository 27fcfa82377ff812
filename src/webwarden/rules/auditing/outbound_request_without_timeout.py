"""WW1187: an outbound HTTP request that can wait for ever."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.scopes import UNKNOWN_BINDING
from webwarden.rules.auditing._common import HTTP_METHODS, REQUESTS_SESSIONS, run_by_operator
from webwarden.rules.auditing._kept_sessions import (
    forwarded_kwargs,
    helper_session,
    kept_session,
    module_callers,
)
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
_SET_DEFAULT = "socket.setdefaulttimeout"
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


class OutboundRequestWithoutTimeout(PythonRule):
    """## What it does
    Finds HTTP requests the application makes with no time limit: `requests.get(url)` and
    the other functions of `requests` (and the methods of a `requests.Session()` made in
    the same scope, kept on an object: `self.session.get(url)` in a method of a class
    whose methods set `self.session` only to `requests.Session()`, and mount no adapter
    on it, which may set a default timeout; or handed back by a function of the module
    that only ever returns one it made: `with get_session() as session:`, where
    `get_session()` mounts requests' own `HTTPAdapter` with retries on `session or
    requests.Session()`; not one mounting an adapter of its own or naming a timeout)
    without a `timeout`, `urllib.request.urlopen(url)` without one, and
    any of those or an `httpx` call or client given `timeout=None`, which turns httpx's own
    five-second default off. Not a call handed `**options` (the timeout may be in them),
    unless they are its function's own `**kwargs`, handed on untouched, and a call of that
    function in the module passes no `timeout` (`self.call("get", path)` of a `def
    call(self, method, path, **kwargs)` returning `self.session.request(method, ...,
    **kwargs)`); nor one of a local named like the library (`requests = {}`, then `requests.get(key, 0)`),
    nor code no request reaches: tests, migrations, management commands and other shell
    commands (also a program run whole: a file starting with a `#!` line naming Python
    that defines no function or class, as a container's `HEALTHCHECK CMD
    ./fetchstatus.py` is; and a single-file program declaring PEP 723 inline script
    metadata, `# /// script`, that starts no server: `uv run` or `pipx run` starts it
    from a shell), and a module's `if __name__ == "__main__":` block. Nor is a `urlopen`
    under a default socket timeout the module sets (`socket.setdefaulttimeout(10)`, which
    `urlopen` without a timeout of its own waits for): at the module's top level, last
    before the call in its function, or in any method of its class (a thread's `run()`
    setting it before it calls the method fetching). Not a `requests` call: requests
    hands urllib3 a timeout of its own, none, which ignores that default.

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
    wrapper; a wrapper handing on its `**kwargs` is judged by its calls in its own module
    only.

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

    in_tests = False

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node) or ""
        kind = _kind(node, ctx, name)
        if kind is None or _unserved(node, ctx):
            return
        untimed = ""
        if ctx.has_kwargs_splat(node):
            untimed = _untimed_caller(ctx, node) if kind == "requests" else ""
            if not untimed:
                return
        if kind == "urlopen":
            timeout = ctx.argument(node, 2, "timeout")
        else:
            timeout = ctx.keyword(node, "timeout")
        if timeout is None and kind == "urlopen" and _default_timeout_set(ctx, node):
            return
        if timeout is None and kind != "httpx":
            how = f"has no timeout{untimed}"
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
    receiver = func.value
    if ctx.origin(receiver) in REQUESTS_SESSIONS or kept_session(ctx, receiver):
        return "requests"
    return "requests" if helper_session(ctx, receiver) else None


def _default_timeout_set(ctx: FileContext, node: ast.Call) -> bool:
    """Whether a default socket timeout the module sets bounds `node`: the last
    `socket.setdefaulttimeout()` of the module's top level, or the last one before the
    call in its function, gives a value other than `None`, or a method of its class
    gives one."""
    found: dict[ast.AST | None, list[ast.Call]] = {}
    for call in ctx.nodes(ast.Call):
        if isinstance(call, ast.Call) and ctx.call_name(call) == _SET_DEFAULT and call.args:
            holder = next((a for a in ctx.ancestors(call) if isinstance(a, _SCOPES)), None)
            found.setdefault(holder, []).append(call)
    if not found:
        return False
    scopes = [a for a in ctx.ancestors(node) if isinstance(a, _SCOPES)]
    function = scopes[0] if scopes and not isinstance(scopes[0], ast.ClassDef) else None
    before = [c for c in found.get(function, ()) if c.lineno < node.lineno]
    if before or None in found:
        last = max(before or found[None], key=lambda call: call.lineno)
        return ctx.evaluate(last.args[0]) is not None
    owner = next((a for a in scopes if isinstance(a, ast.ClassDef)), None)
    return owner is not None and any(
        owner in ctx.ancestors(call) and ctx.evaluate(call.args[0]) is not None
        for holder, calls in found.items()
        if holder is not None
        for call in calls
    )


def _untimed_caller(ctx: FileContext, node: ast.Call) -> str:
    """For a call handing on its function's own `**kwargs` unchanged, how a call of that
    function in the module sends no timeout through them (`, nor does the call of
    `request()` at line 97 hand one through `**kwargs``); "" when every call found hands
    a `timeout` (or a `**mapping` of its own), or none is found."""
    function = forwarded_kwargs(ctx, node)
    if function is None or function.args.kwarg is None:
        return ""
    for caller in module_callers(ctx, function):
        if ctx.keyword(caller, "timeout") is None and not ctx.has_kwargs_splat(caller):
            return (
                f", nor does the call of `{function.name}()` at line {caller.lineno} hand "
                f"one through `**{function.args.kwarg.arg}`"
            )
    return ""


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
    """Code no request to the application reaches: an operator runs it (a management
    command, a script, a Click or Flask CLI command, also in a module of views); a test's
    is never judged (`in_tests`)."""
    return (
        ctx.is_migration
        or ctx.is_command_module
        or run_by_operator(ctx, node)
        or ctx.under_main_guard(node)
    )


def _display(node: ast.Call, name: str) -> str:
    text = ast.unparse(node.func)
    return text if len(text) <= 40 else name
