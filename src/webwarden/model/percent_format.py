"""`%`-formatting and `str.format` of a literal: which value each conversion writes, and
which write only digits (`'%d items' % count`, `'%.2f' % price`, `"{:d}".format(n)`)."""

from __future__ import annotations

import ast
import re
import string

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


FORMAT_NUMERIC = NUMERIC | frozenset("bn%")
"""The presentation types of `str.format` and of `%` that write only a number's digits
(and its sign, point, exponent or `%`); not `c`."""


def format_fields(node: ast.AST) -> list[tuple[str, ast.expr | None]] | None:
    """(presentation type, value) of each replacement field of `literal.format(...)`
    (`"{} of {:.1f}".format(a, b)` gives `("", a)`, `("f", b)`; the value None for a
    field reading an attribute or item of an argument, or one the call does not give),
    or None when `node` is no such call or its fields cannot be read."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and not any(isinstance(a, ast.Starred) for a in node.args)
        and all(k.arg for k in node.keywords)
    ):
        return None
    text = literal_text(node.func.value)
    if text is None:
        return None
    keywords = {k.arg: k.value for k in node.keywords if k.arg}
    found: list[tuple[str, ast.expr | None]] = []
    automatic = 0
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    for _, name, written, _ in parsed:
        if name is None:
            continue
        spec = written or ""
        if "{" in spec:
            return None  # NOTE: a nested field (`{:{width}}`): its kind is not written
        kind = spec[-1:] if spec[-1:].isalpha() or spec[-1:] == "%" else ""
        if name == "":
            name = str(automatic)
            automatic += 1
        value: ast.expr | None = None
        if name.isdigit():
            index = int(name)
            value = node.args[index] if index < len(node.args) else None
        elif name.isidentifier():
            value = keywords.get(name)
        found.append((kind, value))
    return found
