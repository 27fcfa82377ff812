"""Flag parameters: a sink a function reaches only in the arm of `if render_link:`, whose
parameter defaults to off, is not reached by the callers that leave the flag off."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from webwarden.analysis.taint import ir

_Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


def off_flags(node: _Function) -> tuple[str, ...]:
    """The parameters defaulting to off (`False`, `None`, `0`, `""`) that the body never
    rebinds."""
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    pairs = [
        *zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True),
        *((a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d),
    ]
    off = [a.arg for a, d in pairs if isinstance(d, ast.Constant) and not d.value]
    if not off:
        return ()
    body = node.body if isinstance(node.body, list) else [node.body]
    rebound = {
        target.id
        for statement in body
        for target in ast.walk(statement)
        if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store | ast.Del)
    }
    return tuple(name for name in off if name not in rebound)


def flag_tested(function: ir.Function, test: ir.Expr) -> str | None:
    """The flag an `if` tests as it is (`if render_link:`)."""
    if isinstance(test, ir.Local) and test.name in function.off_flags:
        return test.name
    return None


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
    if any(key is None for key, _, _ in keywords):
        return False
    if any(isinstance(node, ir.Star) for node, _ in args):
        return False
    passed = {key: node for key, node, _ in keywords if key is not None}
    positional = [p.name for p in function.params if p.kind == "pos"]
    if bound and function.kind in {"method", "classmethod", "property"}:
        positional = positional[1:]
    passed.update((name, node) for name, (node, _) in zip(positional, args, strict=False))
    for flag in flags:
        node = passed.get(flag)
        if node is None or (isinstance(node, ir.Const) and _off(node.value)):
            return True
    return False


def _off(value: str | bool | int | float | None) -> bool:
    return value is not None and not value
