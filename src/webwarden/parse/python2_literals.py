"""Python 2's plain string literals with `\\N`, `\\u` or `\\U` in them, read as Python 2 does.

In Python 2 a string literal with no prefix is bytes, and `\\N`, `\\u` and `\\U` are no
escapes there: `'\\N'` is a backslash and an `N` (RFC 5545's iCalendar escapes, a Windows
path `'C:\\Users'`). Python 3 decodes them and rejects the file when they do not form a
character (`malformed \\N character escape`, `truncated \\uXXXX escape`), so one such
literal would leave a whole Python 2 module unread that otherwise parses as Python 3.
webwarden reads the file with each of those backslashes replaced by a letter (the same
length, so every position stays where it is written), then gives each string the value
Python 2 gives it: the backslash kept.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

UNICODE_ESCAPE = "(unicode error) 'unicodeescape' codec can't decode"
"""The start of the message of the `SyntaxError` Python 3 raises for such a literal."""

_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_PREFIX = re.compile(r"^[A-Za-z]*")


def _python2_backslashes(literal: str) -> list[int]:
    """Offsets in a string token of the backslashes Python 2 keeps and Python 3 would
    decode (`\\N`, `\\u`, `\\U`), when the token is a plain literal Python 3 rejects."""
    prefix = _PREFIX.match(literal)
    if prefix is None or prefix.group(0):
        return []
    try:
        ast.literal_eval(literal)
    except (SyntaxError, ValueError):
        pass
    else:
        return []
    return [m.start() for m in _ESCAPE.finditer(literal) if m.group(1) in "NuU"]


def _tokens_with_backslashes(source: str) -> list[tuple[tokenize.TokenInfo, list[int]]]:
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.STRING:
                offsets = _python2_backslashes(token.string)
                if offsets:
                    found.append((token, offsets))
    except (tokenize.TokenError, SyntaxError):
        return []
    return found


def _as_python2(segment: str) -> str:
    """A literal's source with the backslashes Python 2 keeps doubled (Python 3 then
    reads the value Python 2 does)."""
    found = _tokens_with_backslashes(segment)
    starts = _line_starts(segment)
    doubled = sorted(
        starts[token.start[0] - 1] + token.start[1] + offset
        for token, offsets in found
        for offset in offsets
    )
    for at in reversed(doubled):
        segment = segment[:at] + "\\" + segment[at:]
    return segment


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def read_python2_literals(source: str) -> ast.Module | None:
    """The tree of `source` with its plain literals read as Python 2 reads them (positions
    as written); None when it has none or does not parse so either."""
    found = _tokens_with_backslashes(source)
    if not found:
        return None
    starts = _line_starts(source)
    text = list(source)
    for token, offsets in found:
        base = starts[token.start[0] - 1] + token.start[1]
        for offset in offsets:
            text[base + offset] = "x"
    placeholder = "".join(text)
    try:
        tree = ast.parse(placeholder)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        written = ast.get_source_segment(source, node)
        if written is None or written == ast.get_source_segment(placeholder, node):
            continue
        try:
            node.value = ast.literal_eval(_as_python2("(" + written + "\n)"))
        except (SyntaxError, ValueError):
            continue
    return tree
