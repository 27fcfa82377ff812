"""Calls that give back the text of a value as it is (`str(token)`, Django's
`smart_str(token)`): a comparison of what they return compares the value itself."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_TEXT_CONVERSIONS = frozenset(
    {"smart_str", "force_str", "smart_bytes", "force_bytes", "smart_text", "force_text"}
)
"""Django's conversions to text or its bytes (`django.utils.encoding`), also a project's
own function so named wrapping them (`smart_str(row.secret_id)`): the same characters."""


def as_text(ctx: FileContext, node: ast.expr) -> ast.expr:
    """What `str(value)` (or Django's `smart_str(value)`, `force_bytes(value)`) is given
    (`str(token) == str(code)`): the same text, compared character by character as the
    value itself would be."""
    while (
        isinstance(node, ast.Call)
        and len(node.args) == 1
        and not node.keywords
        and not isinstance(node.args[0], ast.Starred)
        and _converts_to_text(ctx.call_name(node) or "")
    ):
        node = node.args[0]
    return node


def _converts_to_text(callee: str) -> bool:
    return callee in {"str", "builtins.str"} or callee.rpartition(".")[2] in _TEXT_CONVERSIONS
