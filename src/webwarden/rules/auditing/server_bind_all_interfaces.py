"""WW1182: a server bound to every network interface in code."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.container_commands import container_copied_files
from webwarden.model.project import ProjectModel
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


_CONTAINER_PROGRAM = "a module a Dockerfile copies into its image"


class ServerBindAllInterfaces(PythonRule):
    """## What it does
    Finds servers started in code on every network interface: `app.run(host="0.0.0.0")`,
    `uvicorn.run(..., host="0.0.0.0")`, `waitress.serve(listen="*:8080")`,
    `run_simple("0.0.0.0", ...)`, `HTTPServer(("", 8000), ...)`, `sock.bind(("0.0.0.0",
    port))`, and a host read from a command-line option whose `argparse` or `optparse`
    default is every interface (`parser.add_option("--host", default="0.0.0.0")`, then
    `socketio.run(app, host=options.host)`): where the server listens when started
    without the option. A bind to port 0 (`sock.bind(("", 0))`) asks for a free port number and is
    not reported.

    In a module a Dockerfile of the project copies into its image by its own name
    (`COPY app.py .`, `COPY requirements.txt app.py ./`; not a folder, `COPY . /app`)
    the finding is low: that module is the program of a container, where binding to
    all interfaces is how its port reaches the container network, and what the host
    publishes is the compose file's or `docker run -p`'s choice.

    ## Why is this bad?
    A development server or an internal service bound to `0.0.0.0` is reachable from the
    whole network, not just from the machine: from the office Wi-Fi, from other
    containers, or from the internet on a host without a firewall. Combined with a debug
    mode it is remote code execution.

    ## Known problems
    Inside a container, binding to all interfaces is how the port is published; a
    module copied only as part of a folder is not seen as a container's, so prefer
    taking the host from the environment (`os.environ["HOST"]`), which this rule
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

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low in a module a Dockerfile of the project copies by its own name: the
        program of a container, whose port the host publishes or not."""
        if finding.location.path in container_copied_files(project):
            return lower_for_context(finding, Severity.LOW, _CONTAINER_PROGRAM)
        return finding

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
            found = _is_all(_host_value(ctx, ctx.keyword(node, keyword)))
            if found is not None:
                return found
    if name in _FIRST_ARGUMENT_HOST or (attr == "run" and _is_app_run(ctx, node)):
        # NOTE: Flask-SocketIO's `socketio.run(app, host, port)` takes the app first.
        position = 1 if _is_socketio(ctx, func) else 0
        return _is_all(_host_value(ctx, ctx.argument(node, position)))
    return None


_PARSER_MAKERS = frozenset(
    {"argparse.ArgumentParser", "optparse.OptionParser", "optparse.OptionGroup"}
)
_PARSER_METHODS = frozenset({"add_parser", "add_argument_group", "add_mutually_exclusive_group"})
_PARSE_CALLS = frozenset({"parse_args", "parse_known_args"})
_OPTION_ADDERS = frozenset({"add_argument", "add_option"})


def _host_value(ctx: FileContext, node: ast.expr | None) -> object:
    """The host's value, or, for a command-line option read from the parsed arguments
    (`options.host` after `options, _ = parser.parse_args()`), the `default=` its
    `argparse`/`optparse` declaration gives it: where the server listens when started
    without the option."""
    value = ctx.evaluate(node)
    if isinstance(value, str) or not isinstance(node, ast.Attribute):
        return value
    if not isinstance(node.value, ast.Name) or not _parsed_arguments(ctx, node.value.id):
        return value
    defaults = {
        default
        for call in ctx.nodes(ast.Call)
        if isinstance(call, ast.Call)
        and _option_dest(ctx, call) == node.attr
        and isinstance(default := ctx.evaluate(ctx.keyword(call, "default")), str)
    }
    # NOTE: two options of that name with different defaults (two scripts' parsers in
    # one module) leave the value unknown.
    return next(iter(defaults)) if len(defaults) == 1 else value


def _parsed_arguments(ctx: FileContext, name: str) -> bool:
    """`name` is bound (somewhere in the module) to what a parser's `parse_args()` returns
    (`args = parser.parse_args()`, `options, rest = parser.parse_args()`)."""
    for assign in ctx.nodes(ast.Assign):
        if not isinstance(assign, ast.Assign):
            continue
        value = assign.value
        if not (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr in _PARSE_CALLS
            and _is_parser(ctx, value.func.value)
        ):
            continue
        for target in assign.targets:
            first = target.elts[0] if isinstance(target, ast.Tuple) and target.elts else target
            if isinstance(first, ast.Name) and first.id == name:
                return True
    return False


def _is_parser(ctx: FileContext, receiver: ast.expr) -> bool:
    """`receiver` names an `argparse` or `optparse` parser (or a group or sub-parser of
    one) made in this module."""
    if not isinstance(receiver, ast.Name):
        return False
    for assign in ctx.nodes(ast.Assign):
        if not (
            isinstance(assign, ast.Assign)
            and isinstance(assign.value, ast.Call)
            and any(isinstance(t, ast.Name) and t.id == receiver.id for t in assign.targets)
        ):
            continue
        call = assign.value
        if ctx.call_name(call) in _PARSER_MAKERS or (
            isinstance(call.func, ast.Attribute) and call.func.attr in _PARSER_METHODS
        ):
            return True
    return False


def _option_dest(ctx: FileContext, call: ast.Call) -> str | None:
    """The attribute a parser's `add_argument(...)`/`add_option(...)` stores its value
    in: `dest=`, else the first long flag (`--bind-host` -> `bind_host`), else the
    positional name or the short flag."""
    func = call.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr in _OPTION_ADDERS
        and _is_parser(ctx, func.value)
    ):
        return None
    dest = ctx.evaluate(ctx.keyword(call, "dest"))
    if isinstance(dest, str):
        return dest
    flags = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    for flag in flags:
        if flag.startswith("--"):
            return flag[2:].replace("-", "_")
    return flags[0].lstrip("-").replace("-", "_") if flags else None


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
