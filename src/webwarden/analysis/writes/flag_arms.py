"""Writes a function makes only in the arm of one of its flag parameters.

`def run(url, dry=False)` saving only under `if changed and not dry:` (or after `if dry:
return`, or `if dry or not changed: return`) makes no write for a caller passing `dry=True`; `def sync(fetch=False)` saving
under `if fetch:` none for a caller leaving `fetch` off; `def emit(event, persist=True)`
saving under `if persist:` none for a caller passing `persist=False`. A flag is a
parameter that defaults to off, or to `True`, and that the body never rebinds
(`ir.Function.off_flags`, `ir.Function.on_flags`).
"""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import expr_calls

Flags = tuple[tuple[str, bool], ...]
"""(parameter, whether it must be on) for each flag a write needs."""


def flag_arms(function: ir.Function) -> dict[ir.Pos, Flags]:
    """The calls of the function made only in the arm of some of its flags, by position,
    with what each needs of them."""
    flags = frozenset(function.off_flags) | frozenset(function.on_flags)
    found: dict[ir.Pos, Flags] = {}
    if flags:
        _walk(function.body, (), flags, found)
    return found


def given_flag(passed: ir.Expr | None, spread: bool, default: bool = False) -> bool | None:
    """Whether a call turns a flag on, given what it passes for it: its `default` when it
    leaves the flag out (no `*args` or `**kwargs` that may pass it), as a constant's truth
    when it passes one (not `None`, which the IR also makes of what it does not keep); None
    when unknown."""
    if passed is None:
        return None if spread else default
    if isinstance(passed, ir.Const) and passed.value is not None:
        return bool(passed.value)
    return None


def _walk(block: ir.Block, held: Flags, flags: frozenset[str], found: dict[ir.Pos, Flags]) -> None:
    for statement in block:
        match statement:
            case ir.If(test=test, body=body, orelse=orelse):
                _hold(test, held, found)
                then = tuple((n, True) for n in statement.required if n in flags)
                then += tuple((n, False) for n in statement.refused if n in flags)
                otherwise = _flipped(statement, flags)
                _walk(body, held + then, flags, found)
                _walk(orelse, held + otherwise, flags, found)
                if _exits(body) and not orelse:
                    held += otherwise  # NOTE: `if dry: return`: what follows needs it off
            case ir.Loop(iterable=iterable, body=body, orelse=orelse):
                _hold(iterable, held, found)
                _walk(body, held, flags, found)
                _walk(orelse, held, flags, found)
            case ir.Try(body=body, handlers=handlers, orelse=orelse, final=final):
                for part in (body, *(h for _, h in handlers), orelse, final):
                    _walk(part, held, flags, found)
            case ir.With(items=items, body=body):
                for context, _ in items:
                    _hold(context, held, found)
                _walk(body, held, flags, found)
            case ir.Assign(value=value) | ir.AugAssign(value=value) | ir.Eval(value=value):
                _hold(value, held, found)
            case ir.Return(value=value) | ir.Exit(value=value):
                if value is not None:
                    _hold(value, held, found)


def _flipped(statement: ir.If, flags: frozenset[str]) -> Flags:
    """What the `else` of a test needs of the flags (`if dry:` -> `dry` off, `if not
    save:` -> `save` on, `if preview or errors:` -> `preview` off); nothing for an `and`
    (`if changed and not dry:`)."""
    return tuple((name, on) for name, on in statement.else_needs if name in flags)


def _hold(expr: ir.Expr, held: Flags, found: dict[ir.Pos, Flags]) -> None:
    if held:
        for call in expr_calls(expr):
            found[call.pos] = held


def _exits(block: ir.Block) -> bool:
    return bool(block) and isinstance(block[-1], ir.Return | ir.Exit)
