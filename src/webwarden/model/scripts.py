"""Scripts an operator runs from a shell: a module that reads its command line and runs
under `if __name__ == "__main__":`, serving no request."""

from __future__ import annotations

import ast

from webwarden.model.names import NameResolver

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


def is_script(tree: ast.Module, names: NameResolver) -> bool:
    """Whether the module is a command-line script (a build or install tool,
    `package.py --build backend`, Django's `manage.py`): it parses its arguments with
    `argparse` or `optparse` or hands them to Django's `execute_from_command_line`,
    runs under a module-level `if __name__ == "__main__":`, and neither imports Flask's
    `request`, nor takes a `request` parameter (a Django view's), nor routes a URL. Its
    arguments are typed by whoever runs it; no request reaches it."""
    if not any(names.imports(parser) for parser in _COMMAND_LINE_PARSERS):
        return False
    if not any(isinstance(s, ast.If) and main_test(s.test) for s in tree.body):
        return False
    if names.imports("flask.request"):
        return False
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if any(arg.arg == "request" for arg in (*node.args.posonlyargs, *node.args.args)):
            return False
        if any(_routes(decorator) for decorator in node.decorator_list):
            return False
    return True


def _routes(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in _ROUTE_DECORATORS
