"""Branch tests that a text holds no tab, CR or LF: `url.isprintable()`, `any(ord(c) < 32
for c in url)` (refused where it holds), `all(not c.isspace() for c in url)`.

Browsers drop these characters from a URL, so `/<tab>/evil.example` is `//evil.example`
to them; a redirect target tested so carries `values.NO_CONTROL` (see `slash_checks`
for the other marks a safe target needs).
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.analysis.taint import ir

Local = Callable[[ast.expr], str | None]
"""The local an expression names, else None."""
Guards = tuple[tuple[ir.Guard, ...], tuple[ir.Guard, ...]]

_TAB_LF_CR = (9, 10, 13)


def printable_guards(test: ast.Call, local: Local) -> Guards | None:
    """(guards where `test` holds, where it fails) for `url.isprintable()` of a local;
    None for any other call."""
    func = test.func
    if isinstance(func, ast.Attribute) and func.attr == "isprintable" and not test.args:
        name = local(func.value)
        return ((ir.Guard(name, "no_control"),), ()) if name else None
    return None


def control_guards(made: ast.expr, every: bool, local: Local) -> Guards | None:
    """(guards where the test holds, where it fails) for `all(made)` (`every`) or
    `any(made)` testing the characters of a local for control characters; None for any
    other argument."""
    if not (isinstance(made, ast.GeneratorExp | ast.ListComp) and len(made.generators) == 1):
        return None
    walked = made.generators[0]
    if walked.ifs or walked.is_async or not isinstance(walked.target, ast.Name):
        return None
    name = local(walked.iter)
    if name is None:
        return None
    guard = (ir.Guard(name, "no_control"),)
    item = walked.target.id
    if not every and _finds_control(made.elt, item):
        return (), guard
    if every and _refuses_control(made.elt, item):
        return guard, ()
    return None


def _finds_control(test: ast.expr, item: str) -> bool:
    """Whether `test` of the character `item` is true of a tab, CR and LF: an `or` one of
    whose operands is (`ord(c) < 32 or c == "\\x7f"`)."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        return any(_finds_control(value, item) for value in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _refuses_control(test.operand, item)
    if isinstance(test, ast.Call) and _method_of(test, item) == "isspace":
        return True
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        return _code_bound(test, item, below=True)
    return False


def _refuses_control(test: ast.expr, item: str) -> bool:
    """Whether `test` of the character `item` is false of a tab, CR and LF: an `and` one
    of whose operands is (`c.isprintable()`, `ord(c) >= 32`, `not c.isspace()`)."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_refuses_control(value, item) for value in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _finds_control(test.operand, item)
    if isinstance(test, ast.Call) and _method_of(test, item) == "isprintable":
        return True
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        return _code_bound(test, item, below=False)
    return False


def _method_of(call: ast.Call, item: str) -> str:
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == item
        and not call.args
    ):
        return func.attr
    return ""


def _code_bound(test: ast.Compare, item: str, *, below: bool) -> bool:
    """`ord(c) < 32` (`<= 31`) when `below`, `ord(c) >= 32` (`> 31`) otherwise: a bound
    on the character's code that puts tab, LF and CR on the side asked for."""
    left, op, right = test.left, test.ops[0], test.comparators[0]
    if not (_code_of(left, item) and isinstance(right, ast.Constant)):
        return False
    bound = right.value
    if not isinstance(bound, int) or isinstance(bound, bool):
        return False
    # NOTE: the codes on the side asked for are those below `limit`.
    if below and isinstance(op, ast.Lt | ast.LtE):
        limit = bound + 1 if isinstance(op, ast.LtE) else bound
    elif not below and isinstance(op, ast.Gt | ast.GtE):
        limit = bound + 1 if isinstance(op, ast.Gt) else bound
    else:
        return False
    return all(code < limit for code in _TAB_LF_CR)


def _code_of(node: ast.expr, item: str) -> bool:
    """`ord(c)`."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "ord"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Name)
        and node.args[0].id == item
    )
