"""Project predicates written in steps, read as the one test they return.

Checks that each return false, then `return True`:

```python
def is_local_path(url):
    if not url or not url.startswith("/"):
        return False
    if url.startswith("//"):
        return False
    return "\\\\" not in url
```

are true only when every check failed and the last expression held, which is the test
`url and url.startswith("/") and not url.startswith("//") and "\\\\" not in url`. The
project predicate step (`lower_stmt._predicate`) reads that one test as it reads a
function that returns a test. A copy of the parameter percent-decoded first
(`normalized = unquote(url)`) and checked in its place is `decoded_copies`.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence

DECODERS = frozenset({"urllib.parse.unquote", "urllib.parse.unquote_plus"})
"""Percent-decoding: every character of the text that is not part of a `%XX` escape is
in the decoded text, in order and next to the same neighbours (`unquote_plus` makes a
`+` a space), so the decoded text holds every `\\`, tab or `//` the text held, and
starts with `/` if the text does; one starting with `%` is a relative path."""
CHARACTER_GUARDS = frozenset({"single_slash", "no_backslash", "no_control"})
"""The guards that hold of a text once they hold of its decoded copy (`DECODERS`)."""


def early_return_test(statements: Sequence[ast.stmt]) -> ast.expr | None:
    """The test a body of `if <check>: return False` statements ending in `return True`
    (or `return <test>`) returns true under; None for any other body."""
    if len(statements) < 2:
        return None
    *checks, last = statements
    if not isinstance(last, ast.Return) or last.value is None:
        return None
    conjuncts: list[ast.expr] = []
    for statement in checks:
        if not _refusal(statement):
            return None
        assert isinstance(statement, ast.If)  # noqa: S101 - checked by `_refusal`
        conjuncts.extend(_failed(statement.test))
    final = last.value
    if not (isinstance(final, ast.Constant) and final.value is True):
        conjuncts.append(final)
    if not conjuncts:
        return None
    if len(conjuncts) == 1:
        return conjuncts[0]
    return ast.copy_location(ast.BoolOp(op=ast.And(), values=conjuncts), statements[0])


def early_accept_test(statements: Sequence[ast.stmt]) -> ast.expr | None:
    """The test a body of `if <check>: return True` statements ending in `return <test>`
    returns true under: either check (`a or b`); None for any other body."""
    if len(statements) < 2:
        return None
    *checks, last = statements
    if not isinstance(last, ast.Return) or last.value is None:
        return None
    disjuncts: list[ast.expr] = []
    for statement in checks:
        if not (
            isinstance(statement, ast.If)
            and not statement.orelse
            and len(statement.body) == 1
            and isinstance(statement.body[0], ast.Return)
            and isinstance(statement.body[0].value, ast.Constant)
            and statement.body[0].value.value is True
        ):
            return None
        disjuncts.append(statement.test)
    disjuncts.append(last.value)
    return ast.copy_location(ast.BoolOp(op=ast.Or(), values=disjuncts), statements[0])


def _refusal(statement: ast.stmt) -> bool:
    """`if <check>: return False` (or `None`, or a bare `return`), with no `else`."""
    if not isinstance(statement, ast.If) or statement.orelse or len(statement.body) != 1:
        return False
    body = statement.body[0]
    if not isinstance(body, ast.Return):
        return False
    value = body.value
    return value is None or (isinstance(value, ast.Constant) and value.value in (False, None))


def _failed(test: ast.expr) -> list[ast.expr]:
    """What holds once `test` failed: `not test`, or each operand negated for an `or`
    (`not (a or b)` is `not a and not b`), so that checks written in separate
    statements are read together as one `and`."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        return [_negated(value) for value in test.values]
    return [_negated(test)]


def _negated(test: ast.expr) -> ast.expr:
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return test.operand
    return ast.copy_location(ast.UnaryOp(op=ast.Not(), operand=test), test)


def decoded_copies(
    statements: Sequence[ast.stmt], params: set[str], qualify: Callable[[ast.expr], str | None]
) -> tuple[Sequence[ast.stmt], dict[str, str]]:
    """`normalized = unquote(url)` statements opening a predicate's body: the statements
    left, and each copy with the parameter it decodes. Only the checks of
    `CHARACTER_GUARDS` carry over from the copy to the parameter."""
    copies: dict[str, str] = {}
    while len(statements) > 1:
        first = statements[0]
        if not (isinstance(first, ast.Assign) and len(first.targets) == 1):
            break
        target, value = first.targets[0], first.value
        if not (
            isinstance(target, ast.Name)
            and target.id not in params
            and isinstance(value, ast.Call)
            and len(value.args) == 1
            and not value.keywords
            and isinstance(value.args[0], ast.Name)
            and value.args[0].id in params
            and qualify(value.func) in DECODERS
        ):
            break
        copies[target.id] = value.args[0].id
        statements = statements[1:]
    if not copies:
        return statements, copies
    assigned = {
        node.id
        for statement in statements
        for node in ast.walk(statement)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }
    if assigned & (copies.keys() | set(copies.values())):
        return statements, {}  # NOTE: rebound later: the copy checked may not be the text
    return statements, copies
