"""Words of a shell command line, as a POSIX shell splits them before it runs them."""

from __future__ import annotations

import re
from collections.abc import Iterator

_SEPARATORS = frozenset(" \t;|&<>")
"""Characters that end an unquoted word: blanks and the control and redirection operators."""
_EXPANSION = re.compile(r"\$(?:[A-Za-z_{(]|\d)")
"""A variable, parameter or command substitution (`$KEY`, `${KEY}`, `$(cmd)`, `$1`)."""


def word_expands_after(line: str, column: int) -> bool:
    """Whether the shell word of `line` that holds `column` expands a variable or a
    command at or after `column`, outside single quotes. The shell joins quoted and
    unquoted parts written without a blank between them into one word
    (`'s#^KEY=#KEY='$KEY'#'`: the expanded `$KEY` is part of what precedes it), so a
    value that seems to end at a closing quote goes on with what the script fills in."""
    for index, char, quote in _read(line):
        if not quote and char in _SEPARATORS and index > column:
            return False
        if char == "$" and quote != "'" and index >= column and _EXPANSION.match(line, index):
            return True
    return False


def joined_rest(line: str, end: int) -> int:
    """Where the shell word of `line` that a value ending at `end` belongs to ends, when
    the word goes on past a closing quote with another quoted part
    (`'s#^KEY=#KEY='"literal"'#'`: the literal is part of the same word); `end` when
    it does not."""
    if end >= len(line) or line[end] not in "'\"":
        return end
    stop = next(
        (i for i, char, quote in _read(line) if not quote and char in _SEPARATORS and i > end),
        len(line),
    )
    rest = line[end + 1 : stop]
    return stop if "'" in rest or '"' in rest else end


def _read(line: str) -> Iterator[tuple[int, str, str]]:
    """(index, character, the quote open where it stands) of each character of `line`
    as the shell reads it; a character a backslash escapes (outside single quotes) is
    left out."""
    quote = ""
    index = 0
    while index < len(line):
        char = line[index]
        yield index, char, quote
        if quote == "'":
            quote = "" if char == "'" else quote
        elif char == "\\":
            index += 1
        elif quote == '"' and char == '"':
            quote = ""
        elif not quote and char in "'\"":
            quote = char
        index += 1
