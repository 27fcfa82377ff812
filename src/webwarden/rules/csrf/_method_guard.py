"""Function views that refuse every method but a few before they do anything."""

from __future__ import annotations

import ast

from webwarden.model.caller_checks import after_docstring

_Function = ast.FunctionDef | ast.AsyncFunctionDef


def refuses_post_first(node: ast.AST) -> bool:
    """The view's first statement refuses every request whose method is not among
    constants that leave POST out (`if request.method != "GET": return
    HttpResponse(status=405)`, `if request.method not in ("GET", "HEAD"): raise ...`):
    it answers no POST, as under `@require_GET`."""
    if not isinstance(node, _Function):
        return False
    params = [arg.arg for arg in node.args.posonlyargs + node.args.args]
    if params[:1] == ["self"]:
        params = params[1:]
    body = after_docstring(node.body)
    if not params or not body:
        return False
    first = body[0]
    if not isinstance(first, ast.If) or first.orelse:
        return False
    if not isinstance(first.body[-1], ast.Return | ast.Raise):
        return False
    allowed = _allowed_methods(first.test, params[0])
    return allowed is not None and "POST" not in allowed


def _allowed_methods(test: ast.expr, request: str) -> set[str] | None:
    """The methods `test` lets through when it is `request.method != "GET"` or
    `request.method not in (...)` with constants only; None for any other test."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    left = test.left
    if not (
        isinstance(left, ast.Attribute)
        and left.attr == "method"
        and isinstance(left.value, ast.Name)
        and left.value.id == request
    ):
        return None
    right, op = test.comparators[0], test.ops[0]
    if isinstance(op, ast.NotEq):
        items = [right]
    elif isinstance(op, ast.NotIn) and isinstance(right, ast.List | ast.Tuple | ast.Set):
        items = list(right.elts)
    else:
        return None
    names = {
        i.value.upper() for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)
    }
    return names if len(names) == len(items) else None
