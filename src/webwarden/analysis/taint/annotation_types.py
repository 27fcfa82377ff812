"""The one type an annotation names once its optional wrapping is taken off.

Both the return annotations (`annotated_returns`) and the parameter annotations
(`annotated_params`) are read through it: a string annotation is parsed (`"Entity"`),
`X | None`, `Optional[X]` and `Union[X, None]` are `X` (a caller handed None gets the same
treatment), and a union of two types names none.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

_OPTIONAL = frozenset({"Optional", "typing.Optional", "typing_extensions.Optional"})
_UNION = frozenset({"Union", "typing.Union", "typing_extensions.Union"})
_MAX_DEPTH = 3


def single_type(
    node: ast.expr | None, qualify: Callable[[ast.expr], str | None], depth: int = 0
) -> ast.expr | None:
    """The annotation's one type without `None` beside it, or None (a union of types, a
    string that does not parse). `qualify` gives the qualified name of a name or
    attribute the module reads."""
    if node is None or depth > _MAX_DEPTH:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            parsed = ast.parse(node.value.strip(), mode="eval").body
        except SyntaxError:
            return None
        return single_type(parsed, qualify, depth + 1)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _only(node.left, node.right, qualify=qualify, depth=depth)
    if isinstance(node, ast.Subscript):
        outer = qualify(node.value) or ""
        if outer in _OPTIONAL:
            return single_type(node.slice, qualify, depth + 1)
        if outer in _UNION and isinstance(node.slice, ast.Tuple):
            return _only(*node.slice.elts, qualify=qualify, depth=depth)
    return node


def _only(
    *sides: ast.expr, qualify: Callable[[ast.expr], str | None], depth: int
) -> ast.expr | None:
    kept = [s for s in sides if not (isinstance(s, ast.Constant) and s.value is None)]
    return single_type(kept[0], qualify, depth + 1) if len(kept) == 1 else None
