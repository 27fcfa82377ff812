"""Where a character of a string constant's value is written in the source.

A string written over several lines (a triple-quoted template, adjacent literals in
parentheses) holds its value's characters on different lines; a finding about a part of
the value (a URL, a token) belongs on the line of that part. The literal's source is read
token by token and its escapes decoded as Python decodes them; the answer is given only
when the decoded text is the constant's value, so a shape not understood (a line split
the parser's line list and Python's do not agree on) answers None rather than a wrong
line. f-strings answer None: their constant parts carry the whole f-string's position.
"""

from __future__ import annotations

import ast
import contextlib
import io
import tokenize
import warnings
from collections.abc import Sequence

_SIMPLE_ESCAPES = frozenset("\\'\"abfnrtv")
_OCTAL = frozenset("01234567")
_WIDE_ESCAPES = {"x": 4, "u": 6, "U": 10}
"""Escapes of a fixed length (the backslash included); `\\u`, `\\U` in str only."""

Position = tuple[int, int]
"""A 1-based line and a 1-based column counted in characters."""


def value_positions(
    lines: Sequence[str], node: ast.Constant, offsets: Sequence[int]
) -> list[Position] | None:
    """The source position of each of `offsets` (indexes into the value of `node`, a str
    or bytes constant; a bytes value read as Latin-1); None when any is not known for sure."""
    if not isinstance(node.value, str | bytes) or node.end_lineno is None:
        return None
    value = node.value.decode("latin-1") if isinstance(node.value, bytes) else node.value
    segment = _segment(lines, node)
    if segment is None:
        return None
    text, first_column = segment
    wanted = sorted(set(offsets))
    found: dict[int, Position] = {}
    produced: list[str] = []
    for token in _string_tokens(text):
        if token is None:
            return None
        start = len("".join(produced))
        decoded = _read_literal(token, start, wanted, found)
        if decoded is None:
            return None
        produced.append(decoded)
    if "".join(produced) != value or len(found) != len(wanted):
        return None
    return [_source_position(node, first_column, found[offset]) for offset in offsets]


def _segment(lines: Sequence[str], node: ast.Constant) -> tuple[str, int] | None:
    """The literal's source text and the character column it starts at on its line."""
    first, last = node.lineno, node.end_lineno or node.lineno
    if not 0 < first <= last <= len(lines) or node.end_col_offset is None:
        return None
    chosen = list(lines[first - 1 : last])
    start = _char_column(chosen[0], node.col_offset)
    chosen[-1] = chosen[-1][: _char_column(chosen[-1], node.end_col_offset)]
    chosen[0] = chosen[0][start:]
    return "\n".join(chosen), start


def _char_column(line: str, byte_offset: int) -> int:
    if line.isascii():
        return byte_offset
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


def _string_tokens(text: str) -> list[tokenize.TokenInfo | None]:
    """The string tokens of `text`, read inside parentheses (so that the lines between
    adjacent literals are no statements); a None in the list when it is no string."""
    skipped = {tokenize.COMMENT, tokenize.NL}
    tokens: list[tokenize.TokenInfo] = []
    with contextlib.suppress(tokenize.TokenError, SyntaxError):
        tokens = list(tokenize.generate_tokens(io.StringIO(f"({text})").readline))
    # NOTE: "(", the literal's tokens, ")", NEWLINE, ENDMARKER.
    if len(tokens) < 5 or tokens[-3].string != ")":
        return [None]
    return [
        token if token.type == tokenize.STRING else None
        for token in tokens[1:-3]
        if token.type not in skipped
    ]


def _read_literal(
    token: tokenize.TokenInfo,
    start: int,
    wanted: list[int],
    found: dict[int, Position],
) -> str | None:
    """Decode one literal token, noting in `found` the token-relative position of each
    wanted offset it produces (`start`: the value's length before it); its value, or None
    when the decoding disagrees with Python's."""
    source = token.string
    prefix = source[: len(source) - len(source.lstrip("rRbBuUfF"))].lower()
    if "f" in prefix:
        return None
    quote = 3 if source[len(prefix) : len(prefix) + 3] in ('"""', "'''") else 1
    body = source[len(prefix) + quote : len(source) - quote]
    row, column = token.start[0], token.start[1] + len(prefix) + quote
    count, index = start, 0
    pending = [offset for offset in wanted if offset >= start]
    while index < len(body):
        width, produced = _escape(body, index, prefix)
        while pending and pending[0] < count + produced:
            found[pending.pop(0)] = (row, column)
        count += produced
        for character in body[index : index + width]:
            row, column = (row + 1, 0) if character == "\n" else (row, column + 1)
        index += width
    try:
        with warnings.catch_warnings():
            # NOTE: an invalid escape (`"\\d"`) warns, as it did when the module was parsed.
            warnings.simplefilter("ignore")
            value = ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return None
    decoded = value.decode("latin-1") if isinstance(value, bytes) else value
    if not isinstance(decoded, str) or len(decoded) != count - start:
        return None
    return decoded


def _escape(body: str, index: int, prefix: str) -> tuple[int, int]:
    """How many source characters from `index` make one step of the decoding, and how
    many value characters they produce."""
    if body[index] != "\\" or "r" in prefix or index + 1 == len(body):
        return 1, 1
    after = body[index + 1]
    if after == "\n":
        return 2, 0
    if after in _SIMPLE_ESCAPES:
        return 2, 1
    if after in _OCTAL:
        digits = 1
        while digits < 3 and body[index + 1 + digits : index + 2 + digits] in _OCTAL:
            digits += 1
        return 1 + digits, 1
    if after in _WIDE_ESCAPES and (after == "x" or "b" not in prefix):
        return _WIDE_ESCAPES[after], 1
    if after == "N" and "b" not in prefix:
        end = body.find("}", index)
        return (end - index + 1, 1) if end != -1 else (1, 1)
    return 1, 1


def _source_position(node: ast.Constant, first_column: int, at: Position) -> Position:
    """A token-relative position (inside the added parenthesis) as a source position."""
    row, column = at
    if row == 1:
        return node.lineno, first_column + column
    return node.lineno + row - 1, column + 1
