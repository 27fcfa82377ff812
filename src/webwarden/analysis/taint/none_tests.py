"""Tests of whether locals are set at all (`if data is None:`, `if not a and not b:`)."""

from __future__ import annotations

import ast

NoneArm = tuple[tuple[str, ...], str]
"""The locals a test reads only to tell whether they are set, and the arm taken when
none of them is (`then` or `else`); `((), "")` for any other test."""


def none_arm(test: ast.expr) -> NoneArm:
    """The locals the test reads only to tell whether each is set (`x is None`, `not x`,
    `x == None` and their opposites, joined by `and` or `or`), and the arm taken when none
    of them is: `(("data",), "then")` for `if data is None:`, `(("a", "b"), "then")` for
    `if a is None and b is None:`, `(("data",), "else")` for `if data:`. Whichever way
    they are joined, the other arm runs only when one of them is set."""
    unset = _atoms(test, unset=True)
    if unset:
        return tuple(dict.fromkeys(unset)), "then"
    kept = _atoms(test, unset=False)
    if kept:
        return tuple(dict.fromkeys(kept)), "else"
    return (), ""


def _atoms(test: ast.expr, *, unset: bool) -> list[str] | None:
    """The locals of a test made only of tests that each hold when its local is unset
    (`unset`) or when it is set; None when some part is another test."""
    match test:
        case ast.BoolOp(values=values):
            found: list[str] = []
            for value in values:
                atoms = _atoms(value, unset=unset)
                if atoms is None:
                    return None
                found += atoms
            return found
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            return _atoms(operand, unset=not unset)
        case ast.Name(id=name):
            return None if unset else [name]
        case ast.Compare(left=ast.Name(id=name), ops=[op], comparators=[ast.Constant(value=None)]):
            if isinstance(op, ast.Is | ast.Eq):
                return [name] if unset else None
            if isinstance(op, ast.IsNot | ast.NotEq):
                return None if unset else [name]
    return None
