"""`%`-formatting of a literal: which value each conversion writes, and which write only
digits (`'%d items' % count`, `'%.2f' % price`)."""

from __future__ import annotations

import ast
import re

_CONVERSION = re.compile(
    r"%(?:\((?P<key>\w+)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<kind>.)"
)
NUMERIC = frozenset("diouxXeEfFgG")
"""Conversions that write a number's digits (or raise for a value that is no number); not
`%c`, which writes the character a number codes (`'%c' % 60` is `<`)."""
_TRANSLATIONS = frozenset({"_", "gettext", "ngettext", "pgettext"})


def literal_text(node: ast.expr) -> str | None:
    """The text of a string literal, or of a translation of one (`_("...")`)."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _TRANSLATIONS
        and len(node.args) == 1
        and not node.keywords
    ):
        node = node.args[0]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def conversions(node: ast.AST) -> list[tuple[str, ast.expr | None]] | None:
    """(kind, value) of each conversion of `literal % values` (`d`, `s`, ...; the value
    None for a key the dict does not give), or None when `node` is no such format or its
    values cannot be matched to its conversions."""
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod)):
        return None
    text = literal_text(node.left)
    if text is None:
        return None
    found = [m for m in _CONVERSION.finditer(text) if m["kind"] != "%"]
    if isinstance(node.right, ast.Dict):
        given = {
            k.value: v
            for k, v in zip(node.right.keys, node.right.values, strict=True)
            if isinstance(k, ast.Constant)
        }
        return [(m["kind"], given.get(m["key"])) for m in found]
    if any(m["key"] for m in found):
        return None
    values = list(node.right.elts) if isinstance(node.right, ast.Tuple) else [node.right]
    if len(values) != len(found):
        return None
    return [(m["kind"], value) for m, value in zip(found, values, strict=True)]
