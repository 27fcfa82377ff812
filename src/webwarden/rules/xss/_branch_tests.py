"""The template blocks an output is written in, and what their `if` tests require: a
literal (below), or a number (`{% if count > 0 %}`).

`{% if message.tags == "success" %}toastr.{{ message.tags }}(...){% endif %}` writes
`message.tags` only where it equals the literal the author wrote: the output is that
literal, whatever the messages hold. Both dialects write an `if` test as a Python
expression of names, literals, `==`, `and`, `or` and `not`, which `ast` reads.
"""

from __future__ import annotations

import ast

from webwarden.model.templates.branches import conjuncts, held_tests, open_blocks
from webwarden.parse.templates import Node, ParsedTemplate


def pinned_to_literal(template: ParsedTemplate, output: Node, path: str) -> bool:
    """Whether `output` is written only inside the branch of an `if` whose test requires
    the variable `path` to equal a literal (`message.tags == "success"`), and no block
    inside that branch binds the variable's name anew (`{% for message in other %}`)."""
    if not path:
        return False
    root = path.split(".", 1)[0]
    return any(_equals_literal(part, path) for part in held_tests(template, output, root))


def numbers_tested(template: ParsedTemplate, output: Node) -> frozenset[str]:
    """The variables `output` is written only where they are numbers: an `if` or `elif`
    around it orders them against a number (`brief.unanswered > 0`, `0 < n <= 9`: on
    Python 3 a string, `None` or an undefined value raises instead) or tests them with
    Jinja's `number` test, and no block inside that branch binds their names anew."""
    tested = {
        p.split(".", 1)[0]
        for block in open_blocks(template, output)
        if block is not None
        for part in conjuncts(block)
        for p in _ordered_numbers(part)
    }
    return frozenset(
        p
        for root in tested
        for part in held_tests(template, output, root)
        for p in _ordered_numbers(part)
        if p.split(".", 1)[0] == root
    )


def _ordered_numbers(test: ast.expr) -> list[str]:
    """The dotted names a test requires to be numbers."""
    if not isinstance(test, ast.Compare):
        return []
    sides = [test.left, *test.comparators]
    if all(isinstance(op, (ast.Is, ast.IsNot)) for op in test.ops):
        if (
            len(test.ops) == 1
            and isinstance(test.ops[0], ast.Is)
            and isinstance(test.comparators[0], ast.Name)
            and test.comparators[0].id in _NUMBER_TESTS
        ):
            return [p for p in [_path(test.left)] if p]
        return []
    if not all(isinstance(op, _ORDERING) for op in test.ops):
        return []
    if not any(_number(side) for side in sides):
        return []
    return [p for p in map(_path, sides) if p]


_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_NUMBER_TESTS = frozenset({"number", "integer", "float"})
"""Jinja's tests of a number's type."""


def _number(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, (int, float))
        and not isinstance(node.value, bool)
    )


def _path(node: ast.expr) -> str | None:
    """`brief.count` for a name or a chain of attributes, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def _equals_literal(test: ast.expr, path: str) -> bool:
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    if not isinstance(test.ops[0], ast.Eq):
        return False
    sides = (test.left, test.comparators[0])
    return any(
        isinstance(other, ast.Constant) and ast.unparse(side).replace(" ", "") == path
        for side, other in (sides, sides[::-1])
    )
