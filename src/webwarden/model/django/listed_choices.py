"""URL pattern pieces that choose one of the values the application lists.

`state = r"({})".format("|".join(abbreviations))`, then `re_path(r"^(?P<state>{})/$"
.format(state), view)`: the route matches one of the listed values and nothing else,
whatever the values are. The values are the application's own (a module-level list,
built when the URLconf is imported), never text a client wrote, so the parameter
carries no payload of its own.
"""

from __future__ import annotations

import ast
import re

from webwarden.model.module import FileContext

LISTED_PIECE = "listed:"
"""How a pattern's piece choosing one listed value is written: `{listed:abbreviations}`."""
LISTED = re.compile(r"(?:\((?:\?:)?)*\{" + re.escape(LISTED_PIECE) + r"[\w.]*\}\)*")
"""A group's regex that is such a piece, maybe inside groups: `({listed:abbreviations})`."""

_GROUPING = frozenset({"({})", "(?:{})", "{}"})
_MAX_DEPTH = 4


def listed_choice(ctx: FileContext, node: ast.expr, depth: int = 0) -> str | None:
    """The piece `node` makes if it is `"|".join(values)`, maybe bound to a name or put
    in a group (`"(%s)" % ...`, `"(?:{})".format(...)`, `f"({...})"`), else None."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(node, ast.Name):
        bound = ctx.lookup(node)
        return None if bound is None else listed_choice(ctx, bound, depth + 1)
    joined = _joined(node)
    if joined is not None:
        return joined
    wrapped = _grouped(node)
    if wrapped is None:
        return None
    template, inner = wrapped
    choice = listed_choice(ctx, inner, depth + 1)
    return None if choice is None else template.replace("{}", choice)


def _joined(node: ast.expr) -> str | None:
    """`{listed:values}` for `"|".join(values)` (`{listed:}` when the values are not a
    name, as a comprehension)."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "join"
        and isinstance(node.func.value, ast.Constant)
        and node.func.value.value == "|"
        and len(node.args) == 1
        and not node.keywords
    ):
        return None
    values = node.args[0]
    named = ast.unparse(values) if isinstance(values, ast.Name | ast.Attribute) else ""
    return "{" + LISTED_PIECE + named + "}"


def _grouped(node: ast.expr) -> tuple[str, ast.expr] | None:
    """The grouping text (`({})`) around the one value `node` formats, and that value."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
        and node.func.value.value in _GROUPING
        and len(node.args) == 1
        and not node.keywords
    ):
        return str(node.func.value.value), node.args[0]
    if (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Mod)
        and isinstance(node.left, ast.Constant)
        and isinstance(node.left.value, str)
        and node.left.value.replace("%s", "{}") in _GROUPING
    ):
        return node.left.value.replace("%s", "{}"), node.right
    if isinstance(node, ast.JoinedStr):
        texts = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
        values = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
        if "".join(map(str, texts)) in _GROUPING and len(values) == 1:
            formatted = node.values[texts.index("{}")]
            plain = (
                isinstance(formatted, ast.FormattedValue)
                and formatted.format_spec is None
                and formatted.conversion == -1
            )
            return ("".join(map(str, texts)), values[0]) if plain else None
    return None
