"""WW1182: a server bound to every network interface in code."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

ALL_INTERFACES = frozenset({"0.0.0.0", "::", "[::]", "*"})  # noqa: S104 - the values we look for
_HOST_KEYWORD_CALLS = frozenset(
    {
        "uvicorn.run",
        "waitress.serve",
        "aiohttp.web.run_app",
        "hypercorn.run",
        "eventlet.listen",
        "gevent.pywsgi.WSGIServer",
    }
)
_FIRST_ARGUMENT_HOST = frozenset(
    {"werkzeug.serving.run_simple", "werkzeug.run_simple", "wsgiref.simple_server.make_server"}
)
_ADDRESS_TUPLE = frozenset(
    {
        "http.server.HTTPServer",
        "http.server.ThreadingHTTPServer",
        "socketserver.TCPServer",
        "socketserver.ThreadingTCPServer",
        "socketserver.UDPServer",
        "eventlet.listen",
        "gevent.pywsgi.WSGIServer",
    }
)


class ServerBindAllInterfaces(PythonRule):
    """## What it does
    Finds servers started in code on every network interface: `app.run(host="0.0.0.0")`,
    `uvicorn.run(..., host="0.0.0.0")`, `waitress.serve(listen="*:8080")`,
    `run_simple("0.0.0.0", ...)`, `HTTPServer(("", 8000), ...)`, `sock.bind(("0.0.0.0",
    port))`. A bind to port 0 (`sock.bind(("", 0))`) asks for a free port number and is
    not reported.

    ## Why is this bad?
    A development server or an internal service bound to `0.0.0.0` is reachable from the
    whole network, not just from the machine: from the office Wi-Fi, from other
    containers, or from the internet on a host without a firewall. Combined with a debug
    mode it is remote code execution.

    ## Known problems
    Inside a container, binding to all interfaces is how the port is published; there,
    prefer taking the host from the environment (`os.environ["HOST"]`), which this rule
    does not report, or suppress the finding with the reason.

    ## Example
    ```python
    from flask import Flask

    app = Flask(__name__)

    if __name__ == "__main__":
        app.run(host="0.0.0.0", port=5000)
    ```

    ## Fix
    ```python
    from flask import Flask

    app = Flask(__name__)

    if __name__ == "__main__":
        app.run(host="127.0.0.1", port=5000)
    ```

    ## References
    - [CWE-1327: Binding to an Unrestricted IP Address](https://cwe.mitre.org/data/definitions/1327.html)
    - [Flask: externally visible server](https://flask.palletsprojects.com/en/stable/quickstart/#public-server)
    """

    code = "WW1182"
    name = "server-bind-all-interfaces"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 1327
    message = "`{call}` listens on every network interface (`{host}`)"
    fix = "bind to 127.0.0.1, or take the address from the deployment's environment"
    bandit = ("B104",)
    ruff = ("S104",)
    calls = (
        _ADDRESS_TUPLE
        | _HOST_KEYWORD_CALLS
        | _FIRST_ARGUMENT_HOST
        | {
            ".bind",
            ".run",
            ".run_app",
            ".serve",
        }
    )

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node) or ""
        host = _bound_host(ctx, node, name)
        if host is not None:
            display = name or ast.unparse(node.func)
            display = display if len(display) <= 40 else display.rsplit(".", 1)[-1]
            yield self.finding(ctx, node, call=display, host=host or '""')


def _is_all(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    host = value.rsplit(":", 1)[0] if value.count(":") == 1 else value
    return value if host in ALL_INTERFACES else None


def _address_host(ctx: FileContext, address: ast.expr | None) -> str | None:
    value = ctx.evaluate(address)
    if isinstance(value, tuple) and value and isinstance(value[0], str):
        if len(value) > 1 and value[1] == 0:
            return None  # NOTE: port 0: asking the system for a free port, not serving one
        return value[0] if value[0] == "" or value[0] in ALL_INTERFACES else None
    return None


def _bound_host(ctx: FileContext, node: ast.Call, name: str) -> str | None:
    func = node.func
    attr = func.attr if isinstance(func, ast.Attribute) else ""
    if name in _ADDRESS_TUPLE:
        found = _address_host(ctx, ctx.argument(node, 0))
        if found is not None:
            return found
    if attr == "bind" and len(node.args) == 1:
        return _address_host(ctx, node.args[0])
    if name in _HOST_KEYWORD_CALLS or attr in {"run", "run_app", "serve"}:
        for keyword in ("host", "listen"):
            found = _is_all(ctx.evaluate(ctx.keyword(node, keyword)))
            if found is not None:
                return found
    if name in _FIRST_ARGUMENT_HOST or (attr == "run" and _is_app_run(ctx, node)):
        # NOTE: Flask-SocketIO's `socketio.run(app, host, port)` takes the app first.
        position = 1 if _is_socketio(ctx, func) else 0
        return _is_all(ctx.evaluate(ctx.argument(node, position)))
    return None


def _is_socketio(ctx: FileContext, func: ast.expr) -> bool:
    receiver = func.value if isinstance(func, ast.Attribute) else None
    if receiver is None:
        return False
    origin = ctx.origin(receiver)
    if origin is not None:
        return origin.endswith("SocketIO")
    return isinstance(receiver, ast.Name) and receiver.id == "socketio"


def _is_app_run(ctx: FileContext, node: ast.Call) -> bool:
    """`app.run("0.0.0.0")` on a Flask app, or a receiver named like one."""
    func = node.func
    if not isinstance(func, ast.Attribute):
        return False
    origin = ctx.origin(func.value)
    if origin is not None:
        return origin.endswith(("Flask", "create_app", "make_app", "SocketIO"))
    return isinstance(func.value, ast.Name) and func.value.id in {"app", "application", "socketio"}
