"""Constant evaluation: what a Python expression is worth without running anything.

`evaluate` folds literals, containers, string concatenation and formatting, f-strings
and names with a single constant assignment. Anything else is `UNKNOWN`, which rules
read as "could be anything, possibly attacker-controlled".
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from typing import Final


class _Unknown:
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False


UNKNOWN: Final = _Unknown()
Lookup = Callable[[ast.Name], ast.expr | None]
_MAX_DEPTH = 24
_MAX_STRING = 100_000

_BINOPS: dict[type[ast.operator], Callable[[object, object], object]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Mod: operator.mod,
    ast.FloorDiv: operator.floordiv,
    ast.BitOr: operator.or_,
}


def _no_lookup(_: ast.Name) -> ast.expr | None:
    return None


def evaluate(node: ast.AST | None, lookup: Lookup = _no_lookup, _depth: int = 0) -> object:
    """The value of `node` if it is a compile-time constant, else `UNKNOWN`."""
    if node is None or _depth > _MAX_DEPTH:
        return UNKNOWN
    depth = _depth + 1
    match node:
        case ast.Constant():
            return node.value
        case ast.Name(id="True" | "False" | "None"):
            return {"True": True, "False": False, "None": None}[node.id]
        case ast.Name():
            value_node = lookup(node)
            return UNKNOWN if value_node is None else evaluate(value_node, lookup, depth)
        case ast.Tuple(elts=elts) | ast.List(elts=elts) | ast.Set(elts=elts):
            items = [evaluate(e, lookup, depth) for e in elts]
            if any(i is UNKNOWN for i in items):
                return UNKNOWN
            return tuple(items) if isinstance(node, ast.Tuple) else list(items)
        case ast.Dict(keys=keys, values=values):
            result: dict[object, object] = {}
            for key, val in zip(keys, values, strict=True):
                k, v = evaluate(key, lookup, depth), evaluate(val, lookup, depth)
                if k is UNKNOWN or v is UNKNOWN:
                    return UNKNOWN
                try:
                    result[k] = v
                except TypeError:
                    return UNKNOWN
            return result
        case ast.JoinedStr(values=parts):
            return _joined(parts, lookup, depth)
        case ast.BinOp(left=left, op=op, right=right):
            return _binop(op, evaluate(left, lookup, depth), evaluate(right, lookup, depth))
        case ast.UnaryOp(op=ast.USub(), operand=operand):
            number = evaluate(operand, lookup, depth)
            return -number if isinstance(number, int | float) else UNKNOWN
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            truth = evaluate(operand, lookup, depth)
            return UNKNOWN if truth is UNKNOWN else not truth
        case ast.Call(func=ast.Attribute(value=receiver, attr="format" | "join" as method)):
            return _string_method(method, receiver, node.args, node.keywords, lookup, depth)
        case _:
            return UNKNOWN


def _string_method(
    method: str,
    receiver: ast.expr,
    args: list[ast.expr],
    keywords: list[ast.keyword],
    lookup: Lookup,
    depth: int,
) -> object:
    """`"{}".format(CONST)` and `" ".join([CONST, ...])` with constant parts."""
    template = evaluate(receiver, lookup, depth)
    if not isinstance(template, str):
        return UNKNOWN
    values = [evaluate(a, lookup, depth) for a in args]
    named = {k.arg: evaluate(k.value, lookup, depth) for k in keywords if k.arg}
    if any(v is UNKNOWN for v in (*values, *named.values())) or len(named) != len(keywords):
        return UNKNOWN
    try:
        if method == "format":
            result = template.format(*values, **named)
        elif len(values) == 1 and not named and isinstance(values[0], list | tuple):
            result = template.join(str(v) for v in values[0])
        else:
            return UNKNOWN
    except (IndexError, KeyError, ValueError, TypeError, AttributeError):
        return UNKNOWN
    return result if len(result) <= _MAX_STRING else UNKNOWN


def _joined(parts: list[ast.expr], lookup: Lookup, depth: int) -> object:
    pieces = []
    for part in parts:
        if isinstance(part, ast.FormattedValue):
            value = evaluate(part.value, lookup, depth)
            if value is UNKNOWN or part.format_spec is not None:
                return UNKNOWN
            pieces.append(repr(value) if part.conversion == ord("r") else str(value))
        else:
            value = evaluate(part, lookup, depth)
            if not isinstance(value, str):
                return UNKNOWN
            pieces.append(value)
    return "".join(pieces)


def _binop(op: ast.operator, left: object, right: object) -> object:
    if left is UNKNOWN or right is UNKNOWN:
        return UNKNOWN
    function = _BINOPS.get(type(op))
    if function is None:
        return UNKNOWN
    if isinstance(op, ast.Mult) and any(isinstance(v, str | list | tuple) for v in (left, right)):
        # NOTE: "a" * 10**9 must not allocate a gigabyte.
        count = right if isinstance(right, int) else left
        if not isinstance(count, int) or count > 1000:
            return UNKNOWN
    try:
        result = function(left, right)
    except Exception:
        return UNKNOWN
    if isinstance(result, str) and len(result) > _MAX_STRING:
        return UNKNOWN
    return result


def is_constant(node: ast.AST | None, lookup: Lookup = _no_lookup) -> bool:
    """Whether `node` evaluates to a constant (so no attacker can influence it)."""
    return evaluate(node, lookup) is not UNKNOWN
