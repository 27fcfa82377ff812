"""Template names the code puts together (`f"letters/{layout}.html"`), as patterns of the
templates they may load."""

from __future__ import annotations

import ast
import glob
import re
from fnmatch import fnmatchcase

from webwarden.model.module import FileContext

WILDCARD = "*"
_SLOT = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[sdr]|\{[^{}]*\}")
_EXTENSION = re.compile(r"\.\w+$")
_MIN_FIXED = 3
"""Fixed characters a pattern needs beyond its extension: `f"{name}.html"` could be any
template of the project, which tells nothing."""
MAX_MATCHES = 40
"""More templates than this fitting a pattern tells nothing either."""


def name_pattern(ctx: FileContext, node: ast.expr | None) -> str:
    """`letters/*.html` for a template name built with an f-string, `+`, `%` or
    `.format()` around fixed text, each filled-in part a `*`; "" when too little of the
    name is fixed, or for any other value."""
    parts = _parts(ctx, node)
    if parts is None or not any(p is None for p in parts):
        return ""
    pattern = "".join(WILDCARD if p is None else glob.escape(p) for p in parts)
    fixed = "".join(p for p in parts if p is not None)
    if len(_EXTENSION.sub("", fixed).strip("/")) < _MIN_FIXED:
        return ""
    return re.sub(r"\*+", WILDCARD, pattern)


def is_pattern(name: str) -> bool:
    """Whether a template name is a pattern `name_pattern` made."""
    return WILDCARD in name


def matched_tail(pattern: str, relpath: str) -> str:
    """The part of a template's path a pattern matches: the whole path or a tail of it
    starting after a `/`; "" when none does."""
    start = 0
    while True:
        if fnmatchcase(relpath[start:], pattern):
            return relpath[start:]
        start = relpath.find("/", start) + 1
        if start == 0:
            return ""


def _parts(ctx: FileContext, node: ast.expr | None) -> list[str | None] | None:
    """The fixed texts of a built string, None for each part filled in."""
    if isinstance(node, ast.JoinedStr):
        return [
            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else None
            for v in node.values
        ]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _parts(ctx, node.left), _parts(ctx, node.right)
        if left is None or right is None:
            return None
        return left + right
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _slotted(node.left)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        return _slotted(node.func.value)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if node is None:
        return None
    value = ctx.evaluate(node)
    return [value] if isinstance(value, str) else [None]


def _slotted(template: ast.expr) -> list[str | None] | None:
    """`"letters/%s.html"`, `"letters/{}.html"`: the fixed text around each slot."""
    if not (isinstance(template, ast.Constant) and isinstance(template.value, str)):
        return None
    texts = _SLOT.split(template.value)
    found: list[str | None] = [texts[0]]
    for text in texts[1:]:
        found += [None, text]
    return found
