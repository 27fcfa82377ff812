"""Changes a Django transaction undoes: a dry run, or a preview of a change.

`with transaction.atomic():` rolls back what its block did when an exception leaves it,
or when the block called `transaction.set_rollback(True)`. A block that always ends so
changes nothing that outlasts it (a view previewing a merge of two rows, then raising
an exception it catches to undo it), nor does a function whose decorator runs it only
inside such a block.
"""

from __future__ import annotations

from collections.abc import Callable

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import expr_calls

_ATOMIC = "django.db.transaction.atomic"
_SET_ROLLBACK = "django.db.transaction.set_rollback"


def rolls_back(statement: ir.Stmt) -> bool:
    """A `with transaction.atomic():` whose block ends by raising, or calls
    `transaction.set_rollback(True)` on its way (not under a test)."""
    if not isinstance(statement, ir.With) or not any(_atomic(e) for e, _ in statement.items):
        return False
    body = statement.body
    if body and isinstance(body[-1], ir.Exit) and body[-1].kind == "raise":
        return True
    return any(_sets_rollback(s) for s in body)


def rolling_back_decorator(
    decorator: ir.Function, nested: Callable[[str], ir.Function | None]
) -> bool:
    """A decorator (`def no_commit(func)`) whose wrapper calls the function it wraps only
    inside blocks that roll back (`nested` gives a nested function by its `ref`)."""
    wrapped = next((p.name for p in decorator.params if p.kind == "pos"), None)
    if wrapped is None:
        return False
    for statement in decorator.body:
        if isinstance(statement, ir.Define) and (wrapper := nested(statement.ref)) is not None:
            inside = _wrapped_calls(wrapper.body, wrapped, rolled=True)
            if inside and inside == _wrapped_calls(wrapper.body, wrapped, rolled=False):
                return True
    return False


def _wrapped_calls(block: ir.Block, wrapped: str, *, rolled: bool) -> set[ir.Pos]:
    """Where the block calls the closure's `wrapped` function: everywhere, or (with
    `rolled`) inside rolling-back blocks only."""
    found: set[ir.Pos] = set()
    for statement in block:
        if rolled and not rolls_back(statement):
            found |= _wrapped_calls(_inner(statement), wrapped, rolled=True)
            continue
        for inner in ir.statements((statement,)):
            for expr in _exprs(inner):
                found |= {
                    call.pos
                    for call in expr_calls(expr)
                    if isinstance(call.func, ir.Free) and call.func.name == wrapped
                }
    return found


def _inner(statement: ir.Stmt) -> ir.Block:
    """The statements nested in a compound statement, in one block."""
    match statement:
        case ir.If(body=body, orelse=orelse) | ir.Loop(body=body, orelse=orelse):
            return body + orelse
        case ir.Try(body=body, handlers=handlers, orelse=orelse, final=final):
            return body + tuple(s for _, h in handlers for s in h) + orelse + final
        case ir.With(body=body):
            return body
    return ()


def _exprs(statement: ir.Stmt) -> list[ir.Expr]:
    match statement:
        case ir.Assign(value=value) | ir.AugAssign(value=value) | ir.Eval(value=value):
            return [value]
        case ir.Return(value=value) | ir.Exit(value=value):
            return [value] if value is not None else []
    return []


def _atomic(expr: ir.Expr) -> bool:
    match expr:
        case ir.Call(callee=callee):
            return callee == _ATOMIC
        case ir.Global(name=name):
            return name == _ATOMIC
    return False


def _sets_rollback(statement: ir.Stmt) -> bool:
    match statement:
        case ir.Eval(value=ir.Call(callee=callee, args=(ir.Const(value=True), *_))):
            return callee == _SET_ROLLBACK
    return False
