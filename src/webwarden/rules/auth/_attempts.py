"""Comparisons a capped counter of attempts guards (WW744).

A one-time code checked only while its attempts stay under a small limit (`if
self.attempts > MAX_ATTEMPTS: raise ...` before `return code == self.code`) gives an
attacker a handful of guesses per code; timing a comparison leaks a character only over
thousands of measured tries, which the limit refuses long before.
"""

from __future__ import annotations

import ast

from webwarden.model.module import identifier_words
from webwarden.rules.context import FileContext

_COUNTER_WORDS = frozenset({"attempts", "attempt", "tries", "retries", "failures"})
"""Words naming a counter of tries (`attempts`, `failed_attempts`, `login_tries`)."""
_ABOVE = (ast.Gt, ast.GtE)
_BELOW = (ast.Lt, ast.LtE)


def attempt_capped(ctx: FileContext, node: ast.Compare) -> bool:
    """Whether the function making the comparison refuses first, in a statement of its
    own body before the one comparing, once a counter of attempts reaches a limit (`if
    self.attempts > settings.MAX_ATTEMPTS: raise TooManyAttempts()`), and the module
    steps that counter (`self.attempts += 1`)."""
    function = ctx.scopes.enclosing_function(node)
    if function is None:
        return False
    comparing = next(
        (s for s in function.body if any(n is node for n in ast.walk(s))),
        None,
    )
    if comparing is None:
        return False
    for statement in function.body[: function.body.index(comparing)]:
        if not isinstance(statement, ast.If) or not _refuses(statement.body):
            continue
        counter = _capped_counter(statement.test)
        if counter is not None and _stepped(ctx, counter):
            return True
    return False


def _capped_counter(test: ast.expr) -> str | None:
    """The counter `test` holds at a limit (`attempts` of `self.attempts > limit`,
    `limit <= user.failed_attempts`); None for any other test."""
    if not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return None
    op, right = test.ops[0], test.comparators[0]
    side = test.left if isinstance(op, _ABOVE) else right if isinstance(op, _BELOW) else None
    name = _name(side) if side is not None else None
    if name is None or not _COUNTER_WORDS & set(identifier_words(name)):
        return None
    return name


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else None


def _refuses(body: list[ast.stmt]) -> bool:
    """A block that ends by raising or returning."""
    return bool(body) and isinstance(body[-1], ast.Raise | ast.Return)


def _stepped(ctx: FileContext, counter: str) -> bool:
    """Whether the module adds to the counter somewhere (`self.attempts += 1`)."""
    return any(
        isinstance(node, ast.AugAssign)
        and isinstance(node.op, ast.Add)
        and _name(node.target) == counter
        for node in ctx.nodes(ast.AugAssign)
    )
