"""pluggy hooks: a plugin manager's `pm.hook.NAME(app=app)` calls every function a
`HookimplMarker` marks that is named `NAME`, with those keyword arguments (flask-shop's
`app.pluggy.hook.flaskshop_load_blueprints(app=app)` registers each module's blueprints)."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

HOOK_CALL = "<pluggy-hook>:"
"""The prefix of the callee a hook call is recorded with: `<pluggy-hook>:NAME`."""
_MARKERS = frozenset({"pluggy.HookimplMarker"})
_MARKER_NAME = "hookimpl"
"""The name pluggy's documentation gives the marker a project makes and its plugins
import (`hookimpl = pluggy.HookimplMarker("project")`)."""


def hook_called(func: ast.expr) -> str | None:
    """The callee `<pluggy-hook>:NAME` of a call of `func` that is `<manager>.hook.NAME`."""
    if not isinstance(func, ast.Attribute):
        return None
    manager = func.value
    return (
        HOOK_CALL + func.attr
        if isinstance(manager, ast.Attribute) and manager.attr == "hook"
        else None
    )


def implements_hook(ctx: FileContext, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a decorator of the module-level function `node` is a pluggy hook
    implementation marker: `@impl` or `@impl(tryfirst=True)` where the module binds `impl =
    HookimplMarker(...)`, or a marker imported under pluggy's own name, `hookimpl`."""
    if not node.decorator_list or ctx.parent(node) is not ctx.tree:
        return False
    markers: set[str] | None = None
    for decorator in node.decorator_list:
        marker = decorator.func if isinstance(decorator, ast.Call) else decorator
        qualified = ctx.qualified(marker) or ""
        if qualified.rpartition(".")[2] == _MARKER_NAME:
            return True
        if isinstance(marker, ast.Name):
            markers = _module_markers(ctx) if markers is None else markers
            if marker.id in markers:
                return True
    return False


def _module_markers(ctx: FileContext) -> set[str]:
    """The module-level names the module binds to a new `HookimplMarker`."""
    found: set[str] = set()
    for statement in ctx.tree.body:
        if (
            isinstance(statement, ast.Assign)
            and isinstance(statement.value, ast.Call)
            and ctx.call_name(statement.value) in _MARKERS
        ):
            found.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    return found
