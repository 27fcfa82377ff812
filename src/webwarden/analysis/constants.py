"""Constant evaluation: what a Python expression is worth without running anything.

`evaluate` folds literals, containers, string concatenation and formatting, f-strings,
`range()` and indexing or slicing of a known sequence
and names with a single constant assignment. Anything else is `UNKNOWN`, which rules
read as "could be anything, possibly attacker-controlled".
"""

from __future__ import annotations

import ast
import datetime
import operator
import string
from collections.abc import Callable
from typing import Any, Final, TypeGuard


class _Unknown:
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        # NOTE: facts cross process boundaries (issue 10); unpickling must give the singleton.
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()
Lookup = Callable[[ast.Name], ast.expr | None]
Hook = Callable[[ast.expr], object]
"""Consulted first for calls, subscripts and comparisons; returns `NOT_HANDLED` to fall
through."""
NOT_HANDLED: Final = object()
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


_STRING_METHODS = frozenset(
    {
        "lower",
        "upper",
        "strip",
        "lstrip",
        "rstrip",
        "casefold",
        "title",
        "split",
        "startswith",
        "endswith",
        "replace",
        "removeprefix",
        "removesuffix",
    }
)
_TYPES: dict[str, type] = {
    "bool": bool,
    "int": int,
    "str": str,
    "float": float,
    "list": list,
    "tuple": tuple,
    "dict": dict,
}
"""Builtin types `isinstance` tests are evaluated against."""
_CONVERSIONS: dict[str, Callable[[Any], object]] = {
    name: kind for name, kind in _TYPES.items() if name != "dict"
}
"""Builtin types whose call on a known value is evaluated (`int("3")`)."""
_COMPARISONS: dict[type[ast.cmpop], Callable[[Any, Any], object]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: operator.contains(b, a),
    ast.NotIn: lambda a, b: not operator.contains(b, a),
    ast.Is: operator.is_,
    ast.IsNot: operator.is_not,
}


def evaluate(
    node: ast.AST | None, lookup: Lookup = _no_lookup, _depth: int = 0, hook: Hook | None = None
) -> object:
    """The value of `node` if it is a compile-time constant, else `UNKNOWN`.

    `hook` lets a caller give calls, subscripts and comparisons a value (e.g. an
    environment lookup standing for its default).
    """
    if node is None or _depth > _MAX_DEPTH:
        return UNKNOWN
    depth = _depth + 1
    if hook is not None and isinstance(node, ast.Call | ast.Subscript | ast.Compare):
        hooked = hook(node)
        if hooked is not NOT_HANDLED:
            return hooked

    def sub(child: ast.AST | None) -> object:
        return evaluate(child, lookup, depth, hook)

    match node:
        case ast.Constant():
            return node.value
        case ast.Name(id="True" | "False" | "None"):
            return {"True": True, "False": False, "None": None}[node.id]
        case ast.Name():
            value_node = lookup(node)
            return UNKNOWN if value_node is None else sub(value_node)
        case ast.Tuple(elts=elts) | ast.List(elts=elts) | ast.Set(elts=elts):
            items = [sub(e) for e in elts]
            if any(i is UNKNOWN for i in items):
                return UNKNOWN
            return tuple(items) if isinstance(node, ast.Tuple) else list(items)
        case ast.Dict(keys=keys, values=values):
            result: dict[object, object] = {}
            for key, val in zip(keys, values, strict=True):
                k, v = sub(key), sub(val)
                if k is UNKNOWN or v is UNKNOWN:
                    return UNKNOWN
                try:
                    result[k] = v
                except TypeError:
                    return UNKNOWN
            return result
        case ast.JoinedStr(values=parts):
            return _joined(parts, sub)
        case ast.BinOp(left=left, op=op, right=right):
            return _binop(op, sub(left), sub(right))
        case ast.UnaryOp(op=ast.USub(), operand=operand):
            number = sub(operand)
            return -number if isinstance(number, int | float) else UNKNOWN
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            truth = sub(operand)
            return UNKNOWN if truth is UNKNOWN else not truth
        case ast.Call(func=ast.Attribute(value=receiver, attr="format" | "join" as method)):
            return _string_method(method, receiver, node.args, node.keywords, sub)
        case ast.Call(func=ast.Attribute(value=receiver, attr=method)) if method in _STRING_METHODS:
            return _simple_method(sub(receiver), method, [sub(a) for a in node.args])
        case ast.Call(func=ast.Name(id=name), args=[argument], keywords=[]) if name in _CONVERSIONS:
            return _convert(name, sub(argument))
        case ast.Call(func=ast.Name(id="isinstance"), args=[argument, kinds], keywords=[]):
            return _isinstance(sub(argument), kinds)
        case ast.Call(func=ast.Name(id="range"), args=bounds, keywords=[]) if bounds:
            return _range([sub(b) for b in bounds])
        case ast.Subscript(value=sequence, slice=part):
            # NOTE: the index only once the sequence is known: a hook may note what it
            # is asked (an environment read naming a config), and `configs[name]` is no
            # question about `name`.
            known = sub(sequence)
            if not isinstance(known, _SEQUENCES):
                return UNKNOWN
            if isinstance(part, ast.Slice):
                limits = (part.lower, part.upper, part.step)
                return _sliced(known, [None if b is None else sub(b) for b in limits])
            return _indexed(known, sub(part))
        case ast.Compare(left=left, ops=ops, comparators=comparators):
            return _compare(sub(left), ops, [sub(c) for c in comparators])
        case ast.BoolOp(op=op, values=values):
            return _bool_op(isinstance(op, ast.And), [sub(v) for v in values])
        case ast.IfExp(test=test, body=body, orelse=orelse):
            truth = sub(test)
            return UNKNOWN if truth is UNKNOWN else sub(body if truth else orelse)
        case ast.ListComp(
            elt=elt, generators=[ast.comprehension(target=ast.Name(id=name), is_async=0) as loop]
        ):
            return _comprehension(elt, name, loop, lookup, depth, hook)
        case _:
            return UNKNOWN


_MAX_ITEMS = 1_000


def _comprehension(
    elt: ast.expr,
    name: str,
    loop: ast.comprehension,
    lookup: Lookup,
    depth: int,
    hook: Hook | None,
) -> object:
    """`[h.strip() for h in "a, b".split(",") if h]`: one loop over a known list, tuple
    or string, each item bound to the loop's name for its tests and its element."""
    items = evaluate(loop.iter, lookup, depth, hook)
    if not isinstance(items, _SEQUENCES) or len(items) > _MAX_ITEMS:
        return UNKNOWN
    result: list[object] = []
    for item in items:
        bound = ast.Constant(value=item)

        def given(node: ast.Name, bound: ast.expr = bound) -> ast.expr | None:
            return bound if node.id == name else lookup(node)

        tests = [evaluate(test, given, depth, hook) for test in loop.ifs]
        if any(test is UNKNOWN for test in tests):
            return UNKNOWN
        if all(tests):
            value = evaluate(elt, given, depth, hook)
            if value is UNKNOWN:
                return UNKNOWN
            result.append(value)
    return result


_SEQUENCES = (list, tuple, str, range)
_KnownSequence = list[object] | tuple[object, ...] | str | range
"""What `_SEQUENCES` holds: the values a subscript or a loop is folded over."""


def _range(bounds: list[object]) -> object:
    """`range(0, 90)` of whole numbers, kept as a `range` (so `list()` of it is known)
    while it stays short enough to spell out."""
    whole = [b for b in bounds if _is_whole(b)]
    if len(whole) != len(bounds) or len(whole) > 3:
        return UNKNOWN
    try:
        numbers = range(*whole)
    except ValueError:
        return UNKNOWN  # NOTE: a zero step
    return numbers if len(numbers) <= _MAX_ITEMS else UNKNOWN


def _sliced(sequence: _KnownSequence, bounds: list[object]) -> object:
    """`ALERT_RANGE[0:30]` of a known sequence with known (or omitted) bounds."""
    limits = [b for b in bounds if b is None or _is_whole(b)]
    if len(limits) != len(bounds):
        return UNKNOWN
    try:
        return sequence[slice(*limits)]
    except ValueError:
        return UNKNOWN  # NOTE: a zero step


def _indexed(sequence: _KnownSequence, index: object) -> object:
    """`NAMES[-1]` of a known sequence at a known whole-number position."""
    if not _is_whole(index):
        return UNKNOWN
    try:
        return sequence[index]
    except IndexError:
        return UNKNOWN


def _is_whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _simple_method(receiver: object, method: str, args: list[object]) -> object:
    if not isinstance(receiver, str) or any(a is UNKNOWN for a in args):
        return UNKNOWN
    try:
        return getattr(receiver, method)(*args)
    except (TypeError, ValueError):
        return UNKNOWN


def _convert(name: str, value: object) -> object:
    if value is UNKNOWN:
        return UNKNOWN
    try:
        return _CONVERSIONS[name](value)
    except (TypeError, ValueError):
        return UNKNOWN


def _isinstance(value: object, kinds: ast.expr) -> object:
    """`isinstance(value, bool)` (or a tuple of builtin types) for a known value."""
    names = kinds.elts if isinstance(kinds, ast.Tuple) else [kinds]
    types = [_TYPES.get(n.id) if isinstance(n, ast.Name) else None for n in names]
    if value is UNKNOWN or None in types:
        return UNKNOWN
    return isinstance(value, tuple(t for t in types if t is not None))


def _compare(left: object, ops: list[ast.cmpop], rights: list[object]) -> object:
    if left is UNKNOWN or any(r is UNKNOWN for r in rights):
        return UNKNOWN
    for op, right in zip(ops, rights, strict=True):
        function = _COMPARISONS.get(type(op))
        try:
            if function is None or not function(left, right):
                return False
        except TypeError:
            return UNKNOWN
        left = right
    return True


def _bool_op(is_and: bool, values: list[object]) -> object:
    """Python's `and`/`or`: the deciding operand, if every operand up to it is known."""
    for value in values:
        if value is UNKNOWN:
            return UNKNOWN
        if (not value) if is_and else bool(value):
            return value
    return values[-1]


def _string_method(
    method: str,
    receiver: ast.expr,
    args: list[ast.expr],
    keywords: list[ast.keyword],
    sub: Evaluator,
) -> object:
    """`"{}".format(CONST)` and `" ".join([CONST, ...])` with constant parts; a template
    without replacement fields whatever its arguments (`"git describe".format(*version)`:
    `str.format` ignores arguments no field names)."""
    template = sub(receiver)
    if not isinstance(template, str):
        return UNKNOWN
    if method == "format" and _without_fields(template):
        return template.format()
    values = [sub(a) for a in args]
    named = {k.arg: sub(k.value) for k in keywords if k.arg}
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


def _without_fields(template: str) -> bool:
    """Whether a `str.format` template has no replacement field (`{{` and `}}` are
    escaped braces, not fields)."""
    try:
        return all(field is None for _, field, _, _ in string.Formatter().parse(template))
    except ValueError:
        return False  # NOTE: an unmatched brace: `format` would raise


Evaluator = Callable[[ast.AST | None], object]


def _joined(parts: list[ast.expr], sub: Evaluator) -> object:
    pieces = []
    for part in parts:
        if isinstance(part, ast.FormattedValue):
            value = sub(part.value)
            if value is UNKNOWN or part.format_spec is not None:
                return UNKNOWN
            pieces.append(repr(value) if part.conversion == ord("r") else str(value))
        else:
            value = sub(part)
            if not isinstance(value, str):
                return UNKNOWN
            pieces.append(value)
    return "".join(pieces)


def _binop(op: ast.operator, left: object, right: object) -> object:
    if (
        isinstance(op, ast.Mod)
        and right is UNKNOWN
        and isinstance(left, str)
        and "%" not in left.replace("%%", "")
    ):
        # NOTE: `"import json" % data`: a format with no conversion writes none of the
        # values (a mapping or a list is taken and ignored, anything else fails), so the
        # result is its own text whatever the values are.
        return left.replace("%%", "%")
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


TIMEDELTA_NAMES = frozenset({"datetime.timedelta", "timedelta"})
"""`datetime.timedelta` as a call names it (bare when star-imported)."""
_TIMEDELTA_FIELDS = ("days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks")


def timedelta_value(call: ast.Call, value: Callable[[ast.expr], object]) -> object:
    """The `datetime.timedelta` a call of it with numbers (as `value` gives its arguments)
    makes, or `UNKNOWN`."""
    arguments: dict[str, float] = {}
    for position, node in enumerate(call.args):
        number = value(node)
        if position >= len(_TIMEDELTA_FIELDS) or not _is_number(number):
            return UNKNOWN
        arguments[_TIMEDELTA_FIELDS[position]] = number
    for keyword in call.keywords:
        number = value(keyword.value)
        if keyword.arg not in _TIMEDELTA_FIELDS or not _is_number(number):
            return UNKNOWN
        arguments[keyword.arg] = number
    try:
        return datetime.timedelta(**arguments)
    except (OverflowError, TypeError):
        return UNKNOWN


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_constant(node: ast.AST | None, lookup: Lookup = _no_lookup) -> bool:
    """Whether `node` evaluates to a constant (so no attacker can influence it)."""
    return evaluate(node, lookup) is not UNKNOWN
