"""Scripts an operator runs from a shell: a module that reads its command line and runs
under `if __name__ == "__main__":`, or one starting Django itself (`django.setup()`),
or one declaring inline script metadata (PEP 723), serving no request."""

from __future__ import annotations

import ast
import re

from webwarden.model.names import NameResolver
from webwarden.model.tree import children, walk

_COMMAND_LINE_PARSERS = (
    "argparse",
    "optparse",
    "django.core.management.execute_from_command_line",
)
"""What reads a script's command line: the parsers, and Django's
`execute_from_command_line(sys.argv)`, which `manage.py` hands its arguments to (a
project's own `manage.py` may set up a development site before it)."""
_ROUTE_DECORATORS = frozenset(
    {"route", "get", "post", "put", "patch", "delete", "websocket", "api_route", "api_view"}
)
"""`@app.route(...)`, `@router.get(...)`, DRF's `@api_view`: a function that answers
requests."""


def main_test(test: ast.expr) -> bool:
    """`__name__ == "__main__"` (either way round)."""
    if not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return False
    if not isinstance(test.ops[0], ast.Eq):
        return False
    sides = (test.left, test.comparators[0])
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    constants = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
    return len(names) == 1 and len(constants) == 1


_INLINE_METADATA = re.compile(r"^# /// script$\n(?:^#(?: .*)?$\n)+?^# ///$", re.MULTILINE)
"""A PEP 723 `script` block: `# /// script`, comment lines, `# ///` (the PEP's own
pattern, for this type)."""


def declares_inline_script(text: str) -> bool:
    """Whether the module's text holds PEP 723 inline script metadata (`# /// script`
    ... `# ///`): the dependencies `uv run`, `pipx run` or `hatch run` install to start
    the file as a program."""
    return _INLINE_METADATA.search(text) is not None


def is_script(
    tree: ast.Module,
    names: NameResolver,
    *,
    argv: bool = True,
    importable: bool = True,
    shebang: bool = False,
    inline_metadata: bool = False,
) -> bool:
    """Whether the module is a command-line script (a build or install tool,
    `package.py --build backend`, Django's `manage.py`): it parses its arguments with
    `argparse` or `optparse`, reads them from `sys.argv` itself (`email = sys.argv[1]`)
    or hands them to Django's `execute_from_command_line`,
    runs under a module-level `if __name__ == "__main__":` (with no `else:`, which would
    say what the module does when a server imports it), and neither imports Flask's
    `request`, nor takes a `request` parameter (a Django view's), nor routes a URL. Its
    arguments are typed by whoever runs it; no request reaches it. So is a standalone
    Django program (`_standalone_django`) and a module whose own top-level code reads
    `sys.argv` (`environment = sys.argv[1]` in a deploy script), on the same conditions.
    So is a module no `import` statement can name (`seed-test-db.py`, a file name with a
    hyphen: `importable` False) that runs under such a guard, command line or none, and
    starts no server (`app.run()`, `waitress.serve(app)`): only a shell starts it. So is
    a file starting with a `#!` line naming Python (`shebang`) that defines no function
    or class: a program run whole (a container's `HEALTHCHECK CMD ./fetchstatus.py`),
    with nothing a server could import and call for a request. So is a module declaring
    PEP 723 inline script metadata (`inline_metadata`: `declares_inline_script`) that
    starts no server, guard or none: a single-file program a tool starts from a shell.
    `argv`: whether the module's text may name `argv` at all (False spares the walks
    looking for `sys.argv`)."""
    if shebang and not any(isinstance(node, _DEFINITIONS) for node in ast.walk(tree)):
        return not names.imports("flask.request")
    declared = inline_metadata and not _serves(tree, names)
    if (
        not declared
        and not _standalone_django(tree, names)
        and not (argv and _reads_argv_at_top(tree, names))
    ):
        guards = [s for s in tree.body if isinstance(s, ast.If) and main_test(s.test)]
        if not guards or any(guard.orelse for guard in guards):
            return False  # NOTE: an `else:` holds what the module does when imported
        reads_command_line = any(names.imports(p) for p in _COMMAND_LINE_PARSERS) or (
            argv and _reads_argv(tree, names)
        )
        if not reads_command_line and (importable or _serves(tree, names)):
            return False
    return not _takes_requests(tree, names)


def answers_requests(tree: ast.Module, names: NameResolver) -> bool:
    """Whether the module may answer requests: it imports Flask's `request`, takes a
    `request` parameter (a Django view's), routes a URL or starts a server."""
    return _takes_requests(tree, names) or _serves(tree, names)


def _takes_requests(tree: ast.Module, names: NameResolver) -> bool:
    if names.imports("flask.request"):
        return True
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if any(arg.arg == "request" for arg in (*node.args.posonlyargs, *node.args.args)):
            return True
        if any(_routes(decorator) for decorator in node.decorator_list):
            return True
    return False


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_ARGV = "sys.argv"
_NOT_SERVING = frozenset({"subprocess.run", "asyncio.run", "trio.run", "anyio.run"})
"""`run` functions that start a process or an event loop, not a web server."""


_SERVERS = frozenset(
    {"waitress.serve", "werkzeug.serving.run_simple", "werkzeug.run_simple"}
    | {"uvicorn.run", "bjoern.run", "wsgiref.simple_server.make_server"}
)
"""Functions starting a WSGI or ASGI server, also when imported by name (`from waitress
import serve`, then `serve(app)`)."""


def starts_server(tree: ast.Module, names: NameResolver) -> bool:
    """Whether the module starts a server (`_serves`)."""
    return _serves(tree, names)


def served_calls(tree: ast.Module, names: NameResolver) -> frozenset[str]:
    """The qualified names of what the module calls in a function (or in its top-level
    code) that also starts a server: `create_app` of `serve(create_app(args))`, what
    builds the app that answers requests."""
    bodies: list[list[ast.stmt]] = [
        [s for s in tree.body if not isinstance(s, _DEFINITIONS)],
        *(
            node.body
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        ),
    ]
    found: set[str] = set()
    for body in bodies:
        calls = [n for s in body for n in ast.walk(s) if isinstance(n, ast.Call)]
        if any(_starts(call, names) for call in calls):
            found.update(name for call in calls if (name := names.qualified(call.func)))
    return frozenset(found)


def _serves(tree: ast.Module, names: NameResolver) -> bool:
    """Whether the module starts a server (`app.run()`, `uvicorn.run(...)`,
    `waitress.serve(app)`, `run_simple(host, port, app)` imported from Werkzeug): a
    development server script may register routes it imports with blueprints, so it is
    judged as a module that serves."""
    return any(isinstance(node, ast.Call) and _starts(node, names) for node in ast.walk(tree))


def _starts(call: ast.Call, names: NameResolver) -> bool:
    """Whether `call` starts a server (see `_serves`)."""
    if isinstance(call.func, ast.Name):
        return names.qualified(call.func) in _SERVERS
    if not isinstance(call.func, ast.Attribute):
        return False
    return call.func.attr in {"run", "serve"} and names.qualified(call.func) not in _NOT_SERVING


def _reads_argv(tree: ast.Module, names: NameResolver) -> bool:
    """Whether the module reads its command line from `sys.argv` (`sys.argv[1]`, or
    `argv` imported from `sys`)."""
    if not names.imports("sys"):
        return False
    return any(
        isinstance(node, ast.Attribute | ast.Name) and names.qualified(node) == _ARGV
        for node in walk(tree)
    )


def _reads_argv_at_top(tree: ast.Module, names: NameResolver) -> bool:
    """Whether a statement of the module's top level (not a function's or a class's
    body, nor an `if __name__ == "__main__":` block) reads `sys.argv`: the module does
    its work whenever it runs, from its command line."""
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        if isinstance(node, ast.If) and main_test(node.test):
            # NOTE: what runs under the guard is judged with it (`is_script`).
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Attribute | ast.Name) and names.qualified(node) == _ARGV:
            return True
        stack.extend(children(node))
    return False


_DJANGO_SETUP = "django.setup"
_APPLICATION_NAMES = frozenset({"application", "app"})


def _standalone_django(tree: ast.Module, names: NameResolver) -> bool:
    """Whether the module starts Django itself, with `django.setup()` among its
    module-level statements (or under its `if __name__ == "__main__":`), as Django's
    documentation has a standalone program do (a scheduler or a worker a process manager
    starts, a one-off script): a server hands it no request. Not a module binding a
    module-level `application` or `app` (an ASGI entry point calling `django.setup()`
    before `application = ProtocolTypeRouter(...)`), which a server serves, nor one
    registering functions that others call with their data: task-queue entry points
    (`@shared_task`, `@app.task`, `@job`, `@dramatiq.actor`) and signal receivers
    (`@receiver`, run within a request's handling)."""
    body = list(tree.body)
    for statement in tree.body:
        if isinstance(statement, ast.If) and main_test(statement.test):
            body += statement.body
    sets_up = any(
        isinstance(s, ast.Expr)
        and isinstance(s.value, ast.Call)
        and names.call_name(s.value) == _DJANGO_SETUP
        for s in body
    )
    if not sets_up:
        return False
    for statement in tree.body:
        targets = (
            statement.targets
            if isinstance(statement, ast.Assign)
            else [statement.target]
            if isinstance(statement, ast.AnnAssign)
            else []
        )
        if any(isinstance(t, ast.Name) and t.id in _APPLICATION_NAMES for t in targets):
            return False
    return not any(
        _registers(decorator)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for decorator in node.decorator_list
    )


_REGISTERING_WORDS = ("task", "job", "actor", "receiver", "consumer")


def _registers(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return any(word in name.lower() for word in _REGISTERING_WORDS)


def _routes(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in _ROUTE_DECORATORS
