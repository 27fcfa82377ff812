"""A file opened at a path a function is given, where every call gives a fixed one.

`def get_spec(spec_path): with open(spec_path) as f: return yaml.load(f, Loader)`, then
`get_spec(os.path.join(os.path.dirname(__file__), "swagger-spec.yaml"))` at the module's
top level: each call of the module's function names a file the project ships. Another
module of the project importing the function (or the module) could give it any path:
the project step (`imported_elsewhere`) tells.
"""

from __future__ import annotations

import ast

from webwarden.model.project import ProjectModel
from webwarden.rules.auditing._shipped_files import fixed_path, opened_path, opener_call
from webwarden.rules.context import FileContext

_Function = ast.FunctionDef | ast.AsyncFunctionDef


def fixed_by_callers(ctx: FileContext, stream: ast.expr) -> str | None:
    """The qualified name of the module's top-level function whose parameter is the path
    of the file `stream` is (opened, or read whole), when the module calls it, each time
    with a fixed path, and never hands it on uncalled; None otherwise."""
    path = _opened_at(ctx, stream)
    if not isinstance(path, ast.Name) or not ctx.module:
        return None
    function = next((a for a in ctx.ancestors(stream) if isinstance(a, _Function)), None)
    if function is None or ctx.parent(function) is not ctx.tree:
        return None
    positional = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    keyword = path.id in {a.arg for a in function.args.kwonlyargs}
    if path.id not in positional and not keyword:
        return None
    if any(
        isinstance(n, ast.Name) and n.id == path.id and isinstance(n.ctx, ast.Store)
        for n in ast.walk(function)
    ):
        return None  # NOTE: the parameter is bound anew before the file is opened
    index = positional.index(path.id) if path.id in positional else None
    calls = 0
    for node in ctx.nodes(ast.Name):
        if not (isinstance(node, ast.Name) and node.id == function.name):
            continue
        call = ctx.parent(node)
        if not (isinstance(call, ast.Call) and call.func is node):
            return None  # NOTE: handed on (a callback), or rebound: any path may reach it
        given = _given(call, index, path.id)
        if given is None or not fixed_path(ctx, given):
            return None
        calls += 1
    return f"{ctx.module}.{function.name}" if calls else None


def imported_elsewhere(project: ProjectModel, qualname: str) -> bool:
    """Whether a module of the project imports the function, or its module, or
    star-imports that module: another caller may give it any path."""
    module = qualname.rpartition(".")[0]
    for summary in project.modules.values():
        if summary.module == module:
            continue
        if any(name in (qualname, module) for name in summary.imports.values()):
            return True
        if module in summary.stars:
            return True
    return False


def _opened_at(ctx: FileContext, stream: ast.expr) -> ast.expr | None:
    opened = opener_call(ctx, stream)
    if opened is not None:
        return ctx.argument(opened, 0, "file")
    return opened_path(ctx, stream)


def _given(call: ast.Call, index: int | None, name: str) -> ast.expr | None:
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        return None
    if index is not None and index < len(call.args):
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == name), None)
