"""Python 2's `print x` statements and `except E, e:` clauses, read as Python 3 writes them.

A module of a Python 2 app (a Django 1.x view, a management command) is often Python 3
but for a few `print x` statements left in for debugging and an `except E, e:`, and
Python 3 rejects the whole file for one of them, leaving its views and queries unread.
webwarden reads such a file with each `print x` written `print(x)`: the space after
`print` becomes the opening parenthesis and the closing one goes after the statement's
last token, so every position before it stays where it is written (`print >>sys.stderr,
x` has its `>>` blanked: `print(  sys.stderr, x)`); and with each `except E, e:` (or
`except E,e:`) that ends its line written `except E as e:`, which moves nothing but the
name and the `:`. Other Python 2
syntax (backquotes, `exec` statements, `<>`) still leaves the file unread.
"""

from __future__ import annotations

import io
import keyword
import tokenize
from dataclasses import dataclass

from webwarden.parse.except_lists import binding_name, nesting

PRINT_STATEMENT = "Missing parentheses in call to 'print'"
"""The start of the message of the `SyntaxError` Python 3 raises for such a statement."""

_STARTS = frozenset({tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT})
_SKIPPED = frozenset({tokenize.NL, tokenize.COMMENT})
_OPERAND_WORDS = frozenset({"not", "lambda", "None", "True", "False"})
"""Keywords that start an expression, so may follow `print` in a statement."""


@dataclass(frozen=True, slots=True)
class _Edit:
    """`text` in place of `length` characters at `column` of line `line` (1-based)."""

    line: int
    column: int
    length: int
    text: str


def as_python3(source: str) -> str | None:
    """`source` with each `print x` statement written `print(x)` (positions kept up to
    the closing parenthesis) and each `except E, e:` ending its line written `except E
    as e:`; None when it has neither or a `print` cannot be written so (`print"x"` with
    no space, a statement followed by another on its line after `;`)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    lines = source.splitlines(keepends=True)
    edits: list[_Edit] = []
    starts_statement = True
    depth = 0
    for index, token in enumerate(tokens):
        if token.type in _SKIPPED:
            continue
        if starts_statement and _is_print_statement(tokens, index):
            found = _statement_edits(tokens, index, lines)
            if found is None:
                return None
            edits.extend(found)
        elif starts_statement and token.type == tokenize.NAME and token.string == "except":
            edits.extend(_binding_edits(tokens, index))
        depth += nesting(token)
        # NOTE: a statement starts a line, or follows `;` or a compound statement's `:`
        # (`if debug: print x`); a `:` inside brackets is a slice's or a dict's.
        starts_statement = token.type in _STARTS or (
            token.type == tokenize.OP and token.string in (":", ";") and depth == 0
        )
    if not edits:
        return None
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        text = lines[edit.line - 1]
        lines[edit.line - 1] = text[: edit.column] + edit.text + text[edit.column + edit.length :]
    return "".join(lines)


def _is_print_statement(tokens: list[tokenize.TokenInfo], index: int) -> bool:
    token = tokens[index]
    if token.type != tokenize.NAME or token.string != "print" or index + 1 >= len(tokens):
        return False
    following = tokens[index + 1]
    if following.type == tokenize.NAME:
        return not keyword.iskeyword(following.string) or following.string in _OPERAND_WORDS
    if following.type == tokenize.OP:
        return following.string == ">>"
    return following.type in (tokenize.STRING, tokenize.NUMBER)


def _statement_edits(
    tokens: list[tokenize.TokenInfo], index: int, lines: list[str]
) -> list[_Edit] | None:
    """The edits that make the `print` statement at `tokens[index]` a call."""
    word = tokens[index]
    row, column = word.end
    if lines[row - 1][column : column + 1] not in (" ", "\t"):
        return None
    edits = [_Edit(row, column, 1, "(")]
    following = tokens[index + 1]
    if following.type == tokenize.OP and following.string == ">>":
        edits.append(_Edit(following.start[0], following.start[1], 2, "  "))
    depth = 0
    last = following
    for token in tokens[index + 1 :]:
        if token.type in _SKIPPED:
            continue
        if depth == 0 and token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            break
        if depth == 0 and token.type == tokenize.OP and token.string == ";":
            return None  # NOTE: the `)` would move the next statement's positions
        depth += nesting(token)
        last = token
    edits.append(_Edit(last.end[0], last.end[1], 0, ")"))
    return edits


def _binding_edits(tokens: list[tokenize.TokenInfo], index: int) -> list[_Edit]:
    """`except E, e:` (or `except (A, B), e:`) ending its line: its comma made ` as`."""
    clause: list[tokenize.TokenInfo] = []
    depth = 0
    for position, token in enumerate(tokens[index + 1 :], start=index + 1):
        if token.type == tokenize.OP and token.string == ":" and depth == 0:
            after = tokens[position + 1] if position + 1 < len(tokens) else token
            if after.type not in (tokenize.NEWLINE, tokenize.COMMENT):
                return []  # NOTE: ` as` would move the positions of a body on this line
            break
        if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            return []
        depth += nesting(token)
        clause.append(token)
    commas = [
        i
        for i, t in enumerate(clause)
        if t.type == tokenize.OP and t.string == "," and sum(nesting(u) for u in clause[:i]) == 0
    ]
    if len(commas) != 1 or commas[0] != len(clause) - 2 or commas[0] == 0:
        return []
    if not binding_name(clause[-1]):
        return []  # NOTE: `except A, B:` naming a class is Python 3.14's list of two
    comma, name = clause[commas[0]], clause[-1]
    # NOTE: `except E,e:` has no space before the name: ` as ` moves only the name and
    # the `:` after it, neither of which the tree gives a position.
    spaced = " as" if name.start != comma.end else " as "
    return [_Edit(comma.start[0], comma.start[1], 1, spaced)]
