"""A request's own scratch files: paths a view makes for the request and removes before
the request ends, which change no state of the application."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import expr_calls

_REMOVES = frozenset({"os.remove", "os.unlink", "os.rmdir", "shutil.rmtree"})
_PATH_MAKERS = frozenset(
    {"os.path.join", "os.path.abspath", "os.path.realpath", "os.path.expanduser",
     "os.path.dirname", "pathlib.Path", "pathlib.PurePath", "os.fspath"}
)  # fmt: skip


def cleaned_up(function: ir.Function, defined: Callable[[str], ir.Function | None]) -> set[str]:
    """The locals `function` assigns and removes when the request ends: in a `finally:`
    block, or in a function it defines (a cleanup hook: Flask's `@after_this_request`,
    `response.call_on_close(cleanup)`), which reads them as free variables.
    `defined` gives the function a nested `def` names."""
    assigned = {
        target.name
        for statement in ir.statements(function.body)
        if isinstance(statement, ir.Assign)
        for target in statement.targets
        if isinstance(target, ir.TName)
    }
    removed: set[str] = set()
    for statement in ir.statements(function.body):
        if isinstance(statement, ir.Try):
            removed |= _removed(statement.final)
        elif isinstance(statement, ir.Define):
            nested = defined(statement.ref)
            if nested is not None:
                removed |= _removed(nested.body)
    return removed & assigned


def other_path(expr: ir.Expr, made: dict[str, str], constants: dict[str, str]) -> bool:
    """Whether a value handed beside a scratch path may be a path of the application: a
    string, a module's constant or setting (`EXPORTS`, `settings.MEDIA_ROOT`), a path
    built in place or held by a local (`dest = os.path.join(EXPORTS, name)`). Not an id
    or an object (`round_id`, `config`)."""
    match expr:
        case ir.Const(value=str()) | ir.Global() | ir.Fmt() | ir.Attr():
            return True
        case ir.Call(callee=callee):
            return callee in _PATH_MAKERS
        case ir.Local(name=name):
            return name in constants or made.get(name, "") in _PATH_MAKERS
    return False


def _removed(block: ir.Block) -> set[str]:
    return {name for call in _block_calls(block) if (name := _removal_target(call))}


def _removal_target(call: ir.Call) -> str:
    if call.callee not in _REMOVES or not call.args:
        return ""
    match call.args[0]:
        case ir.Local(name=name) | ir.Free(name=name):
            return name
    return ""


def _block_calls(block: ir.Block) -> Iterator[ir.Call]:
    for statement in ir.statements(block):
        match statement:
            case ir.Assign(value=value) | ir.AugAssign(value=value) | ir.Eval(value=value):
                yield from expr_calls(value)
            case ir.Return(value=value) if value is not None:
                yield from expr_calls(value)
