"""Whether a Jinja expression, read from its tokens, can only give the author's constants.

`(mine and 'data-own="true"' or '')` and `('active' if current else '')` read variables
to choose, yet what they give is one of the string literals written there, or the
falsy value a test gave (`false`, `none`, `''`, which write nothing harmful).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from webwarden.parse.templates.jinja_expr import RawToken

LITERAL_KINDS = frozenset({"string", "integer", "float"})
CONSTANT_NAMES = frozenset({"true", "false", "none", "True", "False", "None"})
_DISPLAY_OPERATORS = frozenset({",", ":", "-", "(", ")", "[", "]", "{", "}"})
"""What separates, signs and nests the constants of a list, tuple or dict display."""
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_COMPARISONS = frozenset({"==", "!=", "<", ">", "<=", ">="})
_TEST_KEYWORDS = frozenset({"not", "in", "is"})
"""Keywords whose expression is a boolean (`not x`, `x in y`, `x is defined`)."""


def constant_part(token: RawToken) -> bool:
    """A token of a display written of constants only: a string or number literal,
    `true`, `false` or `none`, a comma, colon, minus sign or bracket."""
    if token.kind in LITERAL_KINDS:
        return True
    if token.kind == "name":
        return token.value in CONSTANT_NAMES
    return token.kind == "operator" and token.value in _DISPLAY_OPERATORS


def constant_valued(tokens: Sequence[RawToken]) -> bool:
    """Whether every value the expression may give is a constant written in it, a
    boolean, or a falsy value: an inline `if` whose arms are such (its test only
    chooses), or `and`/`or` whose operands each give such when they are what is given.
    In `a and b`, `a` is given only when falsy; in `a or b`, `a` is given when truthy,
    so the last `and` operand of each `or` operand must be such. A comparison or a test
    (`x == 1`, `not x`, `x is defined`) gives a boolean. Filters bind tighter than every
    operator, so `x|e == y` is still a comparison."""
    tokens = _unwrapped(tokens)
    if not tokens:
        return False
    if any(t.value == "," and d == 0 for t, d in zip(tokens, _depths(tokens), strict=True)):
        return all(constant_part(t) for t in tokens)  # NOTE: a tuple gives each of its items
    if (at := _top_keyword(tokens, "if")) is not None:
        otherwise = _top_keyword(tokens, "else", at + 1)
        arms = [tokens[:at], *([tokens[otherwise + 1 :]] if otherwise is not None else [])]
        return all(constant_valued(arm) for arm in arms)
    alternatives = _split(tokens, "or")
    if len(alternatives) > 1 or len(_split(tokens, "and")) > 1:
        return all(constant_valued(_split(part, "and")[-1]) for part in alternatives)
    return _boolean(tokens) or all(constant_part(t) for t in tokens)


def _depths(tokens: Sequence[RawToken]) -> list[int]:
    """The bracket depth at each token (an opening bracket is at the outer depth)."""
    depth, depths = 0, []
    for token in tokens:
        if token.kind == "operator" and token.value in (")", "]", "}"):
            depth -= 1
        depths.append(depth)
        if token.kind == "operator" and token.value in _OPENERS:
            depth += 1
    return depths


def _unwrapped(tokens: Sequence[RawToken]) -> Sequence[RawToken]:
    """The tokens inside the parentheses that enclose the whole expression, if any."""
    while (
        len(tokens) >= 2
        and tokens[0].kind == "operator"
        and tokens[0].value == "("
        and tokens[-1].value == ")"
        and all(d > 0 for d in _depths(tokens)[1:-1])
    ):
        tokens = tokens[1:-1]
    return tokens


def _top_keyword(tokens: Sequence[RawToken], keyword: str, start: int = 0) -> int | None:
    depths = _depths(tokens)
    for index in range(start, len(tokens)):
        token = tokens[index]
        if depths[index] == 0 and token.kind == "name" and token.value == keyword:
            return index
    return None


def _split(tokens: Sequence[RawToken], keyword: str) -> list[Sequence[RawToken]]:
    parts: list[Sequence[RawToken]] = []
    begin = 0
    while (at := _top_keyword(tokens, keyword, begin)) is not None:
        parts.append(tokens[begin:at])
        begin = at + 1
    parts.append(tokens[begin:])
    return parts


def _boolean(tokens: Sequence[RawToken]) -> bool:
    """A top-level comparison or test: its value is `true` or `false`."""
    depths = _depths(tokens)
    for token, depth in zip(tokens, depths, strict=True):
        if depth:
            continue
        if token.kind == "operator" and token.value in _COMPARISONS:
            return True
        if token.kind == "name" and token.value in _TEST_KEYWORDS:
            return True
    return False
