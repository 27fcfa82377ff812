"""Values a Jinja template escapes by hand for a JavaScript string or template literal."""

from __future__ import annotations

import ast

from webwarden.parse.templates import Dialect, Expression, NodeKind, ParsedTemplate
from webwarden.parse.templates.nodes import Node

_BACKSLASH = ("\\", "\\\\")
_BACKTICK = ("`", "\\`")
_PLACEHOLDERS = frozenset({("${", "\\${"), ("$", "\\$")})


def literal_escaped(
    template: ParsedTemplate, node: Node, expression: Expression, quote: str = "`"
) -> bool:
    """Whether the output is escaped by `replace` filters alone for the JavaScript string
    `quote` delimits: for a template literal, backslashes doubled first, then the
    backtick and `${` (or `$`) escaped
    (`{{ body|replace("\\\\", "\\\\\\\\")|replace("`", "\\\\`")|replace("${", "\\\\${") }}`);
    for a `'` or `"` string, backslashes doubled first, then that quote escaped, no later
    replacement writing a backslash or that quote
    (`{{ name|replace("\\\\", "\\\\\\\\")|replace("'", "\\\\'") }}`); on the output itself
    or on every `{% set %}` that binds the bare name it writes, one before it. With HTML
    escaping on too, nothing in it can end the string or start code (a line break in it
    ends none: it is a syntax error)."""
    if template.dialect is not Dialect.JINJA:
        return False
    if _escapes(node.content, quote):
        return True
    name = expression.text.strip()
    if not name.isidentifier():
        return False
    bindings = [
        n
        for n in template.nodes
        if n.kind is NodeKind.TAG and n.tag == "set" and n.args[:2] == (name, "=")
    ]
    return any(b.start < node.start for b in bindings) and all(
        _escapes(b.content.partition("=")[2], quote) for b in bindings
    )


def _escapes(text: str, quote: str) -> bool:
    """`value|replace("\\\\", "\\\\\\\\")|replace("`", "\\\\`")|replace("${", "\\\\${")`:
    a chain of `replace` filters of string literals that escapes as a string of `quote`
    needs (Jinja's filter syntax and string literals read as Python's here)."""
    try:
        tree = ast.parse(f"({text.strip()})", mode="eval")  # NOTE: may span lines
    except SyntaxError:
        return False
    steps: list[ast.expr] = []
    value = tree.body
    while isinstance(value, ast.BinOp) and isinstance(value.op, ast.BitOr):
        steps.insert(0, value.right)
        value = value.left
    pairs = [pair for step in steps if (pair := _replacement(step)) is not None]
    if not pairs or len(pairs) != len(steps) or pairs[0] != _BACKSLASH:
        return False
    if quote == "`":
        return _BACKTICK in pairs[1:] and not _PLACEHOLDERS.isdisjoint(pairs[1:])
    escaped = (quote, "\\" + quote)
    # NOTE: a backslash written after the doubling would escape the quote's own.
    return escaped in pairs[1:] and all(
        pair == escaped or not {"\\", quote} & set(pair[1]) for pair in pairs[1:]
    )


def _replacement(step: ast.expr) -> tuple[str, str] | None:
    if not (
        isinstance(step, ast.Call)
        and isinstance(step.func, ast.Name)
        and step.func.id == "replace"
        and len(step.args) == 2
        and not step.keywords
    ):
        return None
    old, new = step.args
    if (
        isinstance(old, ast.Constant)
        and isinstance(old.value, str)
        and isinstance(new, ast.Constant)
        and isinstance(new.value, str)
    ):
        return old.value, new.value
    return None
