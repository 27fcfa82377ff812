"""Flag parameters: a sink a function reaches only in the arm of `if render_link:`, whose
parameter defaults to off, is not reached by the callers that leave the flag off."""

from __future__ import annotations

import ast
import bisect
from collections.abc import Sequence

from webwarden.analysis.taint import ir
from webwarden.model.module import FileContext
from webwarden.model.scopes import parameter_defaults

_Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


def off_flags(node: _Function, stores: StoredNames) -> tuple[str, ...]:
    """The parameters defaulting to off (`False`, `None`, `0`, `""`) that the body never
    rebinds."""
    return _kept_flags(node, stores, on=False)


def on_flags(node: _Function, stores: StoredNames) -> tuple[str, ...]:
    """The parameters defaulting to `True` (`persist=True`) that the body never rebinds."""
    return _kept_flags(node, stores, on=True)


def _kept_flags(node: _Function, stores: StoredNames, *, on: bool) -> tuple[str, ...]:
    defaults = parameter_defaults(node.args)
    flags = [
        name
        for name, d in defaults.items()
        if isinstance(d, ast.Constant) and (d.value is True if on else not d.value)
    ]
    if not flags:
        return ()
    span = body_span(node)
    return tuple(name for name in flags if not stores.within(name, span))


def rebound_params(node: _Function, stores: StoredNames) -> tuple[str, ...]:
    """The parameters the body binds or deletes somewhere (an augmented assignment, which
    may change a list in place, and a nested scope's own binding included)."""
    args = node.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    every += [a for a in (args.vararg, args.kwarg) if a is not None]
    span = body_span(node)
    return tuple(a.arg for a in every if stores.within(a.arg, span))


Span = tuple[tuple[int, int], tuple[int, int]]
"""From a (line, column) position to another."""


def body_span(node: _Function) -> Span:
    """Where the body of a function lies: from its first statement to the function's end."""
    first = node.body[0] if isinstance(node.body, list) else node.body
    return (first.lineno, first.col_offset), (
        node.end_lineno or first.lineno,
        node.end_col_offset or 0,
    )


class StoredNames:
    """Where a module binds or deletes each name (`x = ...`, `for x in`, `del x`,
    `except E as x`), read from the node index once: whether a body rebinds a parameter
    is then a search of that name's positions, not a walk of the body."""

    def __init__(self, ctx: FileContext) -> None:
        self._ctx = ctx
        self._positions: dict[str, list[tuple[int, int]]] | None = None

    def within(self, name: str, span: Span) -> bool:
        """Whether `name` is bound or deleted within `span`."""
        if self._positions is None:
            self._positions = self._find()
        start, end = span
        positions = self._positions.get(name, [])
        at = bisect.bisect_left(positions, start)
        return at < len(positions) and positions[at] <= end

    def _find(self) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {}
        for node in self._ctx.nodes(ast.Name):
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                found.setdefault(node.id, []).append((node.lineno, node.col_offset))
        for node in self._ctx.nodes(ast.ExceptHandler):
            if isinstance(node, ast.ExceptHandler) and node.name:
                found.setdefault(node.name, []).append((node.lineno, node.col_offset))
        for positions in found.values():
            positions.sort()
        return found


def required_names(test: ast.expr) -> tuple[str, ...]:
    """The names a test needs true: itself (`if fetch:`), or those an `and` needs (`if
    fetch and not local:`); an `or` needs none of its operands."""
    if isinstance(test, ast.Name):
        return (test.id,)
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return tuple(name for value in test.values for name in required_names(value))
    return ()


def flags_tested(function: ir.Function, node: ir.If) -> tuple[str, ...]:
    """The flags the body of an `if` needs on (`if render_link:`, `if fetch and not
    local:`)."""
    return tuple(name for name in node.required if name in function.off_flags)


def left_off(
    function: ir.Function,
    flags: frozenset[str],
    args: Sequence[tuple[ir.Expr, object]],
    keywords: Sequence[tuple[str | None, ir.Expr, object]],
    bound: bool,
) -> bool:
    """Whether a call leaves one of these flags off: not passed (nor maybe through
    `*args` or `**kwargs`), or passed a literal that is off (not `None`, which the IR
    also makes of what it does not keep)."""
    passed = _passed(function, args, keywords, bound)
    if passed is None:
        return False
    for flag in flags:
        node = passed.get(flag)
        if node is None or (isinstance(node, ir.Const) and _off(node.value)):
            return True
    return False


def handed_on(
    function: ir.Function,
    flags: frozenset[str],
    args: Sequence[tuple[ir.Expr, object]],
    keywords: Sequence[tuple[str | None, ir.Expr, object]],
    bound: bool,
    caller: ir.Function,
) -> tuple[str, ...]:
    """The caller's own flags a call passes on for these (`fetch=fetch`): what the
    callee reaches only with its flag on, the caller reaches only with its own on."""
    passed = _passed(function, args, keywords, bound) or {}
    return tuple(
        node.name
        for flag in sorted(flags)
        if isinstance(node := passed.get(flag), ir.Local) and node.name in caller.off_flags
    )


def _passed(
    function: ir.Function,
    args: Sequence[tuple[ir.Expr, object]],
    keywords: Sequence[tuple[str | None, ir.Expr, object]],
    bound: bool,
) -> dict[str, ir.Expr] | None:
    """What a call passes for each parameter it names (None: `*args` or `**kwargs` may
    pass any)."""
    if any(key is None for key, _, _ in keywords):
        return None
    if any(isinstance(node, ir.Star) for node, _ in args):
        return None
    passed = {key: node for key, node, _ in keywords if key is not None}
    positional = [p.name for p in function.params if p.kind == "pos"]
    if bound and function.kind in {"method", "classmethod", "property"}:
        positional = positional[1:]
    passed.update((name, node) for name, (node, _) in zip(positional, args, strict=False))
    return passed


def _off(value: str | bool | int | float | None) -> bool:
    return value is not None and not value


def else_needs(test: ast.expr) -> tuple[tuple[str, bool], ...]:
    """The names the `else` of a test needs true or false: a bare one false (`if dry:`), a
    negated one true (`if not save:`), and so each operand of an `or` (`if preview or
    errors:` -> `preview` and `errors` false); an `and` needs none of its operands."""
    if isinstance(test, ast.Name):
        return ((test.id, False),)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return ((test.operand.id, True),) if isinstance(test.operand, ast.Name) else ()
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        return tuple(need for value in test.values for need in else_needs(value))
    return ()


def refused_names(test: ast.expr) -> tuple[str, ...]:
    """The names a test needs false: a negated one (`if not dry:`), or those an `and`
    needs so (`if changed and not dry:`); an `or` needs none of its operands."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return (test.operand.id,) if isinstance(test.operand, ast.Name) else ()
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return tuple(name for value in test.values for name in refused_names(value))
    return ()
