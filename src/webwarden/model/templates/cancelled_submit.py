"""Whether a form's inline `onsubmit` handler always cancels the browser's submission."""

from __future__ import annotations

import re

_RETURN_FALSE = re.compile(r"return\s+false")
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_QUOTES = frozenset("'\"`")


def cancels_submission(handler: str) -> bool:
    """Whether the last statement of an inline handler, outside every block and
    parenthesis, is `return false` (`if (ok()) {send()}; return false`): a handler
    returning false cancels the default action, so the browser never posts the form
    itself and a script sends the fields its own way. Not a `return false` inside a
    block or an `if` (`if (!ok()) {return false}`), nor `return confirm(...)`."""
    statements = _top_level_statements(handler)
    return bool(statements) and _RETURN_FALSE.fullmatch(statements[-1]) is not None


def _top_level_statements(code: str) -> list[str]:
    """The statements of `code` split at `;` and after `}` at depth 0 (empty ones
    dropped), or [] when its brackets or quotes do not balance."""
    statements: list[str] = []
    closing: list[str] = []
    quote = ""
    start = 0
    index = 0
    while index < len(code):
        char = code[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in _QUOTES:
            quote = char
        elif char in _OPENERS:
            closing.append(_OPENERS[char])
        elif char in ")]}":
            if not closing or closing.pop() != char:
                return []
            if char == "}" and not closing:
                statements.append(code[start : index + 1])
                start = index + 1
        elif char == ";" and not closing:
            statements.append(code[start:index])
            start = index + 1
        index += 1
    if quote or closing:
        return []
    statements.append(code[start:])
    return [s.strip() for s in statements if s.strip()]
