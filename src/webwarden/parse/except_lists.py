"""Python 3.14's `except A, B:` (PEP 758) on an older Python: read as `except (A, B):`.

Python 3.14 lets an `except` clause without `as` list its exception types without
parentheses (and `ruff format` writes them so for 3.14 targets). Older Pythons reject the
file; webwarden parses it with the parentheses added, then moves every position on those
lines back to where it is in the file as written, so findings point at the real text.
"""

from __future__ import annotations

import ast
import io
import keyword
import tokenize
from dataclasses import dataclass

UNPARENTHESIZED = "multiple exception types must be parenthesized"
"""The message of the `SyntaxError` older Pythons raise for such a clause."""


@dataclass(frozen=True, slots=True)
class _Insertion:
    """Parentheses added on one line: `(` before column `start`, `)` before `end` (both
    columns of the line as written, in characters)."""

    line: int
    start: int
    end: int


def parenthesized(source: str) -> ast.Module | None:
    """The tree of `source` read with each unparenthesized `except` list parenthesized,
    positions as in `source`; None when that does not make it parse."""
    insertions = _insertions(source)
    if not insertions:
        return None
    lines = source.splitlines(keepends=True)
    for insertion in insertions:
        text = lines[insertion.line - 1]
        lines[insertion.line - 1] = (
            text[: insertion.start]
            + "("
            + text[insertion.start : insertion.end]
            + ")"
            + text[insertion.end :]
        )
    try:
        tree = ast.parse("".join(lines))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    _restore_positions(tree, {i.line: i for i in insertions})
    return tree


def _insertions(source: str) -> list[_Insertion]:
    """Where each `except` clause without `as` lists several types on its own line."""
    found = []
    clause: list[tokenize.TokenInfo] = []
    depth = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.NAME and token.string == "except" and not clause:
                clause, depth = [token], 0
            elif clause:
                if token.type == tokenize.OP and token.string == ":" and depth == 0:
                    insertion = _listed(clause)
                    if insertion is not None:
                        found.append(insertion)
                    clause = []
                else:
                    clause.append(token)
                    depth += nesting(token)
    except (tokenize.TokenError, SyntaxError):
        return []
    return found


def nesting(token: tokenize.TokenInfo) -> int:
    """How a token changes the bracket depth: 1 opens, -1 closes, 0 neither."""
    if token.type != tokenize.OP:
        return 0
    return 1 if token.string in "([{" else -1 if token.string in ")]}" else 0


def _listed(clause: list[tokenize.TokenInfo]) -> _Insertion | None:
    """The parentheses a clause `except [*] A, B` (on one line, no `as`) needs."""
    types = clause[1:]
    if types and types[0].string == "*":
        types = types[1:]
    if not types or any(t.type == tokenize.NAME and t.string == "as" for t in types):
        return None
    first, last = types[0], types[-1]
    if first.start[0] != last.end[0] or first.start[0] != clause[0].start[0]:
        return None
    depth = 0
    commas = 0
    for token in types:
        depth += nesting(token)
        commas += depth == 0 and token.type == tokenize.OP and token.string == ","
    if not commas or _binds_name(types):
        return None
    return _Insertion(first.start[0], first.start[1], last.end[1])


def _binds_name(types: list[tokenize.TokenInfo]) -> bool:
    """Python 2's `except ValueError, error:`, which binds the exception to a name: two
    items, the second a lower-case name where PEP 758 lists would name a class."""
    names = [t for t in types if not (t.type == tokenize.OP and t.string == ",")]
    if len(types) != 3 or len(names) != 2:
        return False
    return binding_name(names[1])


def binding_name(token: tokenize.TokenInfo) -> bool:
    """Whether the token after an `except` list's last comma names the variable Python 2
    binds the exception to (`error`: a lower-case name, not a keyword), not one more class
    of a Python 3.14 list (`except A, B:`)."""
    return (
        token.type == tokenize.NAME
        and token.string[:1].islower()
        and not keyword.iskeyword(token.string)
    )


_POSITIONED = (
    ast.expr, ast.stmt, ast.excepthandler, ast.pattern, ast.arg, ast.keyword, ast.alias
)  # fmt: skip


def _restore_positions(tree: ast.Module, insertions: dict[int, _Insertion]) -> None:
    for node in ast.walk(tree):
        if not isinstance(node, _POSITIONED):
            continue
        if node.lineno in insertions:
            node.col_offset = _written(insertions[node.lineno], node.col_offset)
        end = node.end_lineno
        if end is not None and end in insertions and node.end_col_offset is not None:
            node.end_col_offset = _written(insertions[end], node.end_col_offset)


def _written(insertion: _Insertion, column: int) -> int:
    """A column of the parenthesized line as a column of the line as written.

    Columns of `ast` nodes count UTF-8 bytes, the tokenizer's characters; the two agree
    up to the `except` list, which is where the columns that move start."""
    if column > insertion.end + 1:
        return column - 2
    if column > insertion.start:
        return column - 1
    return column
