"""Module-level guards of a settings module that refuse some values of a setting.

`if not SECRET_KEY or str(SECRET_KEY).strip() in INSECURE_KEYS: raise
ImproperlyConfigured(...)` after `from .common import *`: the module stops rather than run
with those values, so a deployment using it never ships the fallback the base module
writes. Only a test made of alternatives (`or`) each of which is understood counts for
what it refuses; an alternative joined with `and` refuses nothing for sure.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.constants import UNKNOWN
from webwarden.model.django.facts import Refusal
from webwarden.model.module import FileContext

EXITS = frozenset({"sys.exit", "exit", "quit", "os._exit"})
_TRANSPARENT_METHODS = frozenset({"strip"})
_TRANSPARENT_CALLS = frozenset({"str", "builtins.str"})
"""`str(SECRET_KEY)`, `SECRET_KEY.strip()`: the same text for what a guard compares."""


def stops(ctx: FileContext, body: list[ast.stmt]) -> bool:
    """Whether a block ends by raising or exiting the process."""
    last = body[-1]
    if isinstance(last, ast.Raise):
        return True
    return (
        isinstance(last, ast.Expr)
        and isinstance(last.value, ast.Call)
        and ctx.call_name(last.value) in EXITS
    )


def refusals(ctx: FileContext, stmt: ast.If) -> Iterator[Refusal]:
    """What `if TEST: raise ...` refuses, per setting its alternatives test."""
    if not stops(ctx, stmt.body):
        return
    test = stmt.test
    alternatives = (
        test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or) else [test]
    )
    found: dict[str, Refusal] = {}
    for alternative in alternatives:
        refusal = _alternative(ctx, alternative)
        if refusal is None:
            continue
        before = found.get(refusal.name, Refusal(refusal.name))
        found[refusal.name] = Refusal(
            refusal.name,
            before.empty or refusal.empty,
            before.values | refusal.values,
            before.prefixes + refusal.prefixes,
        )
    yield from found.values()


def assert_refusals(ctx: FileContext, stmt: ast.Assert) -> Iterator[Refusal]:
    """What `assert TEST, "..."` refuses: it stops the module (`AssertionError`) when
    the test fails, as `if not TEST: raise` does. The test's parts joined by `and` each
    refuse what fails them (`assert SECRET_KEY and SECRET_KEY != "change-me"`); a part
    joined by `or` refuses nothing for sure."""
    parts = (
        stmt.test.values
        if isinstance(stmt.test, ast.BoolOp) and isinstance(stmt.test.op, ast.And)
        else [stmt.test]
    )
    # NOTE: each part failing stops the module whatever the others are: a part not
    # understood refuses nothing, and takes nothing from what the others refuse.
    negated = [found for part in parts if (found := _negated(part)) is not None]
    if negated:
        test = ast.BoolOp(op=ast.Or(), values=negated)
        yield from refusals(ctx, ast.If(test=test, body=[ast.Raise()], orelse=[]))


_NEGATED_OPS: dict[type[ast.cmpop], type[ast.cmpop]] = {ast.NotEq: ast.Eq, ast.NotIn: ast.In}


def _negated(test: ast.expr) -> ast.expr | None:
    """The test that holds when `test` fails, for the shapes `_alternative` reads."""
    match test:
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            return None if isinstance(operand, ast.UnaryOp) else _negated_not(operand)
        case ast.Compare(left=left, ops=[op], comparators=[right]) if type(op) in _NEGATED_OPS:
            return ast.Compare(left=left, ops=[_NEGATED_OPS[type(op)]()], comparators=[right])
        case ast.Name() | ast.Call():
            return ast.UnaryOp(op=ast.Not(), operand=test)
    return None


def _negated_not(operand: ast.expr) -> ast.expr | None:
    """`assert not SECRET_KEY.startswith("django-insecure")` refuses the prefix."""
    if isinstance(operand, ast.Call) and isinstance(operand.func, ast.Attribute):
        return operand if operand.func.attr == "startswith" else None
    return None


def _alternative(ctx: FileContext, test: ast.expr) -> Refusal | None:
    """`not NAME`, `NAME == "x"`, `NAME in {"x", "y"}`, `NAME.startswith("x")`."""
    match test:
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            name = _setting(ctx, operand)
            return None if name is None else Refusal(name, empty=True)
        case ast.Compare(left=left, ops=[ast.Eq()], comparators=[right]):
            name, value = _setting(ctx, left), ctx.evaluate(right)
            if name is None:
                name, value = _setting(ctx, right), ctx.evaluate(left)
            return _of_values(name, [value])
        case ast.Compare(left=left, ops=[ast.In()], comparators=[right]):
            found = ctx.evaluate(right)
            listed = found if isinstance(found, list | tuple | set | frozenset) else [UNKNOWN]
            return _of_values(_setting(ctx, left), list(listed))
        case ast.Call(func=ast.Attribute(value=value, attr="startswith"), args=[prefix]):
            name, given = _setting(ctx, value), ctx.evaluate(prefix)
            prefixes = given if isinstance(given, tuple) else (given,)
            if name is None or not all(isinstance(p, str) and p for p in prefixes):
                return None
            return Refusal(name, prefixes=tuple(str(p) for p in prefixes))
    return None


def _of_values(name: str | None, values: list[object]) -> Refusal | None:
    if name is None or not values or not all(isinstance(v, str) for v in values):
        return None
    texts = frozenset(str(v) for v in values)
    return Refusal(name, values=texts)


def _setting(ctx: FileContext, node: ast.expr) -> str | None:
    """The setting a guard reads, through `str()` and `.strip()`."""
    while isinstance(node, ast.Call) and not node.keywords:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _TRANSPARENT_METHODS and not node.args:
            node = func.value
        elif ctx.call_name(node) in _TRANSPARENT_CALLS and len(node.args) == 1:
            node = node.args[0]
        else:
            return None
    if isinstance(node, ast.Name) and node.id.isupper() and not node.id.startswith("_"):
        return node.id
    return None
