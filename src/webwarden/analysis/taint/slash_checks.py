"""Branch tests that a redirect target is a path of this site: it starts with one `/` and
not two (`url.startswith("/") and not url.startswith("//")`, `url[0] == "/"`,
`url[:2] != "//"`), and tests that it holds no backslash (`"\\\\" not in url`).

Neither alone makes a redirect safe: browsers read `/\\evil.example` and `/<tab>/evil.example`
as `//evil.example`. So the first marks the data `values.SINGLE_SLASH`, the second
`values.NO_BACKSLASH`, and a redirect is judged on all the marks its target carries
(`values.reaching`), with what the redirect itself encodes (`sinks.Sink.escapes`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.analysis.taint import ir

Checked = Callable[[ast.expr], str | None]
"""The local (or `local.attr`) an expression names, else None."""


def single_slash_guards(test: ast.BoolOp, checked: Checked) -> tuple[ir.Guard, ...]:
    """Guards of the variables `test` proves start with one `/` only: when it holds
    (`starts with "/" and not with "//"`) or, for its negation written with `or`
    (`not url.startswith("/") or url.startswith("//")`), when it fails."""
    wanted = isinstance(test.op, ast.And)
    one: set[str] = set()
    two: set[str] = set()
    for value in test.values:
        found = _slash_test(value, checked)
        if found is None:
            continue
        name, slashes, starts = found
        # NOTE: in the branch taken, each `and` operand held (each `or` operand failed).
        if slashes == 1 and starts == wanted:
            one.add(name)
        elif slashes == 2 and starts != wanted:
            two.add(name)
    return tuple(ir.Guard(name, "single_slash") for name in sorted(one & two))


def backslash_guards(test: ast.Compare, checked: Checked) -> tuple[tuple[ir.Guard, ...], bool]:
    """(`"\\\\" in url` guards, whether they hold when the test is true)."""
    left, op, right = test.left, test.ops[0], test.comparators[0]
    if not (
        isinstance(left, ast.Constant) and left.value == "\\" and isinstance(op, ast.In | ast.NotIn)
    ):
        return (), False
    name = checked(right)
    found = (ir.Guard(name, "no_backslash"),) if name else ()
    return found, isinstance(op, ast.NotIn)


def _slash_test(node: ast.expr, checked: Checked) -> tuple[str, int, bool] | None:
    """(variable, 1 or 2 slashes, whether the test is true when it starts with them)."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = _slash_test(node.operand, checked)
        return None if inner is None else (inner[0], inner[1], not inner[2])
    if isinstance(node, ast.Call):
        return _startswith(node, checked)
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        return _prefix_compared(node, checked)
    return None


def _startswith(call: ast.Call, checked: Checked) -> tuple[str, int, bool] | None:
    func = call.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr == "startswith"
        and len(call.args) == 1
        and not call.keywords
    ):
        return None
    name = checked(func.value)
    prefixes = _texts(call.args[0])
    if name is None or not prefixes:
        return None
    if prefixes == {"/"}:
        return name, 1, True
    # NOTE: `startswith(("//", "/\\"))` holds of every `//` start too: failing, it rules
    # them out.
    return (name, 2, True) if "//" in prefixes else None


def _prefix_compared(test: ast.Compare, checked: Checked) -> tuple[str, int, bool] | None:
    """`url[0] == "/"`, `url[:1] == "/"`, `url[:2] != "//"`."""
    op = test.ops[0]
    if not isinstance(op, ast.Eq | ast.NotEq):
        return None
    for sliced, other in ((test.left, test.comparators[0]), (test.comparators[0], test.left)):
        if not (isinstance(sliced, ast.Subscript) and isinstance(other, ast.Constant)):
            continue
        name = checked(sliced.value)
        length = _prefix_length(sliced.slice)
        if name is None or length is None or other.value != "/" * length:
            continue
        return name, length, isinstance(op, ast.Eq)
    return None


def _prefix_length(index: ast.expr) -> int | None:
    """1 for `[0]` and `[:1]`, 2 for `[:2]` (`[0:2]`), else None."""
    if isinstance(index, ast.Constant) and index.value == 0:
        return 1
    if not isinstance(index, ast.Slice) or index.step is not None:
        return None
    lower, upper = index.lower, index.upper
    if lower is not None and not (isinstance(lower, ast.Constant) and lower.value == 0):
        return None
    if isinstance(upper, ast.Constant) and isinstance(upper.value, int) and upper.value in (1, 2):
        return upper.value
    return None


def _texts(node: ast.expr) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if not isinstance(node, ast.Tuple):
        return set()
    texts = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return texts if len(texts) == len(node.elts) else set()
