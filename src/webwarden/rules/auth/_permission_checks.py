"""A value the client sends compared in the decision a permission check returns.

Django REST framework asks a permission class `has_permission(request, view)` and
`has_object_permission(request, view, obj)` whether to let the request through. A
`return` there comparing what the request carries (`request.query_params.get("key")`)
with a value of the server's (`obj.key`) makes that value the credential the client
must know, whatever its name: `key`, `code`, `pin`.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

PERMISSION_HOOKS = frozenset({"has_permission", "has_object_permission"})
"""REST framework's permission hooks, whose answer lets the request in or not."""
_REQUEST_PARTS = frozenset(
    {"query_params", "data", "GET", "POST", "headers", "META", "COOKIES", "args", "form"}
)
"""What of a request holds values the client chose."""


def permission_secret(ctx: FileContext, node: ast.Compare) -> str | None:
    """The server's side of `node` (`obj.key`) when `node` is part of what a permission
    hook of a class returns and its other side is read from the request; else None."""
    function = next(
        (a for a in ctx.ancestors(node) if isinstance(a, ast.FunctionDef | ast.AsyncFunctionDef)),
        None,
    )
    if function is None or function.name not in PERMISSION_HOOKS:
        return None
    if not isinstance(ctx.parent(function), ast.ClassDef) or not _returned(ctx, node, function):
        return None
    left, right = node.left, node.comparators[0]
    for sent, kept in ((left, right), (right, left)):
        if _sent(sent) and not _sent(kept) and not isinstance(kept, ast.Constant):
            return ast.unparse(kept)
    return None


_DIGEST_COMPARES = frozenset({"hmac.compare_digest", "secrets.compare_digest"})


def compared_in_decision(ctx: FileContext, node: ast.AST) -> list[ast.expr]:
    """The values `node` compares when it is part of what a permission hook returns: a
    comparison's sides (`request.query_params.get("key") == obj.key`) or the arguments
    of `hmac.compare_digest(...)`, the same check in constant time; else none."""
    if isinstance(node, ast.Compare):
        return [node.left, *node.comparators] if permission_secret(ctx, node) else []
    if not isinstance(node, ast.Call) or ctx.qualified(node.func) not in _DIGEST_COMPARES:
        return []
    function = next(
        (a for a in ctx.ancestors(node) if isinstance(a, ast.FunctionDef | ast.AsyncFunctionDef)),
        None,
    )
    if function is None or function.name not in PERMISSION_HOOKS:
        return []
    if not isinstance(ctx.parent(function), ast.ClassDef) or not _returned(ctx, node, function):
        return []
    sides = list(node.args[:2])
    return sides if len(sides) == 2 and any(_sent(s) for s in sides) else []


def _returned(ctx: FileContext, node: ast.AST, function: ast.AST) -> bool:
    """Whether `node` lies in the value of a `return` of `function` (through `and`,
    `or`, `not`), not in a call's arguments."""
    for holder in ctx.ancestors(node):
        if holder is function:
            return False
        if isinstance(holder, ast.Return):
            return True
        if not isinstance(holder, ast.BoolOp | ast.UnaryOp):
            return False
    return False


def _sent(node: ast.expr) -> bool:
    """`request.query_params.get("key")`, `request.data["pin"]`: a value the client sent."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr != "get":
            return False
        node = node.func.value
    elif isinstance(node, ast.Subscript):
        node = node.value
    else:
        return False
    if not isinstance(node, ast.Attribute) or node.attr not in _REQUEST_PARTS:
        return False
    holder = node.value
    return (isinstance(holder, ast.Name) and holder.id.endswith("request")) or (
        isinstance(holder, ast.Attribute) and holder.attr == "request"
    )
