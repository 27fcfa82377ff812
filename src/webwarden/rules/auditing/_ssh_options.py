"""OpenSSH's `StrictHostKeyChecking` option turned off, as Python code writes it."""

from __future__ import annotations

import ast
import re

from webwarden.rules.context import FileContext

OPTION = "StrictHostKeyChecking"
_OFF = frozenset({"no", "off"})
_WRITTEN = re.compile(
    r"\bStrictHostKeyChecking(?:\s*=\s*|\s+)[\"']?(?P<value>no|off)\b(?![-=/.\w])", re.IGNORECASE
)
"""`-o StrictHostKeyChecking=no` on a command line, `StrictHostKeyChecking no` in a
config file's text (not `accept-new`, which still refuses a changed key)."""


def option_text_off(node: ast.Constant, ctx: FileContext) -> bool:
    """Whether a string (not a docstring) turns the option off."""
    if not isinstance(node.value, str) or OPTION.lower() not in node.value.lower():
        return False
    if isinstance(ctx.parent(node), ast.Expr):
        return False  # NOTE: a docstring or bare string says, it configures nothing
    return _WRITTEN.search(node.value) is not None


def option_entry_off(node: ast.Dict) -> ast.expr | None:
    """The key of an entry `{"StrictHostKeyChecking": "no"}` (options joined into `-o`
    arguments or an SSH config), else None."""
    for key, value in zip(node.keys, node.values, strict=True):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            continue
        if key.value.lower() != OPTION.lower() or not isinstance(value, ast.Constant):
            continue
        if value.value is False or str(value.value).lower() in _OFF:
            return key
    return None
