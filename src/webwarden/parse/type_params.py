"""Python 3.12's type parameters and `type` aliases (PEP 695) on an older Python.

`def first[T](items: list[T]) -> T:`, `class Box[T]:` and `type Pairs[K] = dict[K, K]`
do not parse before Python 3.12. webwarden reads such a file with each type parameter
list blanked out and each `type` alias read as an assignment (`Pairs = dict[K, K]`):
every other node keeps the line and column it has in the file, and the type parameters
themselves hold nothing a rule judges.
"""

from __future__ import annotations

import ast
import io
import tokenize

_STAND_IN = "_=0;"
"""Written over the soft keyword `type` (as long as it): a statement of its own, so that
the alias keeps its indentation and columns; removed from the tree after parsing."""
_STATEMENT_START = frozenset({tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT})

Position = tuple[int, int]
"""(line, column) as `tokenize` gives it: 1-based line, 0-based character column."""


def without_type_parameters(source: str) -> ast.Module | None:
    """The tree of `source` read without its type parameter syntax, positions as in
    `source`; None when it has none, or reading it so does not make it parse."""
    found = _edits(source)
    if found is None:
        return None
    blanks, keywords = found
    if not blanks and not keywords:
        return None
    lines = source.splitlines(keepends=True)
    for start, end in blanks:
        _blank(lines, start, end)
    for line, column in keywords:
        text = lines[line - 1]
        lines[line - 1] = text[:column] + _STAND_IN + text[column + len(_STAND_IN) :]
    try:
        tree = ast.parse("".join(lines))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    _drop_stand_ins(tree, {(line, column) for line, column in keywords})
    return tree


def _edits(source: str) -> tuple[list[tuple[Position, Position]], list[Position]] | None:
    """The bracketed type parameter lists to blank, and where each alias's `type` is."""
    try:
        tokens = [
            t
            for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type != tokenize.COMMENT
        ]
    except (tokenize.TokenError, SyntaxError):
        return None
    blanks: list[tuple[Position, Position]] = []
    keywords: list[Position] = []
    for index, token in enumerate(tokens[:-2]):
        name, after = tokens[index + 1], tokens[index + 2]
        if token.type != tokenize.NAME or name.type != tokenize.NAME:
            continue
        opens = after.type == tokenize.OP and after.string == "["
        if token.string in ("def", "class") and opens:
            blanks.append((after.start, _closing(tokens, index + 2)))
        elif token.string == "type" and _starts_statement(tokens, index):
            if opens:
                blanks.append((after.start, _closing(tokens, index + 2)))
            elif not (after.type == tokenize.OP and after.string == "="):
                continue
            keywords.append(token.start)
    return blanks, keywords


def _starts_statement(tokens: list[tokenize.TokenInfo], index: int) -> bool:
    if index == 0:
        return True
    before = tokens[index - 1]
    return before.type in _STATEMENT_START or (before.type == tokenize.OP and before.string == ";")


def _closing(tokens: list[tokenize.TokenInfo], opening: int) -> Position:
    """The end of the bracket that matches the `[` at `opening`."""
    depth = 0
    for token in tokens[opening:]:
        if token.type == tokenize.OP and token.string in "([{":
            depth += 1
        elif token.type == tokenize.OP and token.string in ")]}":
            depth -= 1
            if depth == 0:
                return token.end
    return tokens[opening].end


def _blank(lines: list[str], start: Position, end: Position) -> None:
    """Spaces over the text from `start` to `end`, line breaks kept."""
    for line in range(start[0], end[0] + 1):
        text = lines[line - 1]
        body = len(text.rstrip("\r\n"))
        first = start[1] if line == start[0] else 0
        last = end[1] if line == end[0] else body
        lines[line - 1] = text[:first] + " " * (last - first) + text[last:]


def _drop_stand_ins(tree: ast.Module, where: set[Position]) -> None:
    """Remove the `_=0` statements written over the aliases' `type`."""
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            statements = getattr(node, field, None)
            if isinstance(statements, list) and any(_stand_in(s, where) for s in statements):
                setattr(node, field, [s for s in statements if not _stand_in(s, where)])


def _stand_in(node: object, where: set[Position]) -> bool:
    return (
        isinstance(node, ast.Assign)
        and (node.lineno, node.col_offset) in where
        and isinstance(node.value, ast.Constant)
        and node.value.value == 0
    )
