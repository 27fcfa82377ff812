"""Responses whose content type the function sets after making them.

`response = make_response(data)` makes an HTML response unless told otherwise, and
WW544 judges it where it is made. A view that then sets the type
(`response.headers["Content-Type"] = content_type`, Django's `response["Content-Type"] =
"text/calendar"`, `response.mimetype = "image/png"`)
serves something else: the lowering tells the call so, as if it had been given the type.
"""

from __future__ import annotations

import ast

from webwarden.analysis.taint import ir
from webwarden.model.tree import walk

_TYPE_ATTRIBUTES = frozenset({"mimetype", "content_type"})
_RESPONSE_MAKERS = ("make_response", "Response", "HttpResponse")
TYPED = ir.Const("application/octet-stream")
"""The type the lowering gives such a call (any type but HTML)."""


def typed_responses(body: list[ast.stmt]) -> frozenset[str]:
    """Local names whose response gets a content type that is not HTML in this body (not
    in functions nested in it)."""
    names: set[str] = set()
    for node in _own_nodes(body):
        if not isinstance(node, ast.Assign) or _html(node.value):
            continue
        for target in node.targets:
            holder = _typed_holder(target)
            if holder is not None:
                names.add(holder)
    return frozenset(names)


def makes_response(callee: str | None) -> bool:
    """Whether a callee makes a response (`make_response`, `Response(...)`)."""
    return callee is not None and callee.rsplit(".", 1)[-1] in _RESPONSE_MAKERS


def _typed_holder(target: ast.expr) -> str | None:
    """`r` for `r.headers["Content-Type"] = ...`, Django's `r["Content-Type"] = ...`,
    `r.mimetype = ...`, `r.content_type = ...`."""
    if isinstance(target, ast.Attribute) and target.attr in _TYPE_ATTRIBUTES:
        holder = target.value
    elif (
        isinstance(target, ast.Subscript)
        and isinstance(target.slice, ast.Constant)
        and str(target.slice.value).lower() == "content-type"
    ):
        holder = target.value
        if isinstance(holder, ast.Attribute) and holder.attr == "headers":
            holder = holder.value
    else:
        return None
    return holder.id if isinstance(holder, ast.Name) else None


def _html(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and "html" in str(value.value).lower()


def _own_nodes(body: list[ast.stmt]) -> list[ast.AST]:
    found: list[ast.AST] = []
    for statement in body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        found.extend(walk(statement))
    return found
