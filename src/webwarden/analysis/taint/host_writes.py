"""Whether a module rewrites the Host a Django request holds (`request.META["HTTP_HOST"]
= request.META["HTTP_X_FORWARDED_HOST"]` in a middleware): past `CommonMiddleware`'s
check, such a value was never checked (see `entries.EntryPoint.host_checked`)."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_HOST_KEY = "HTTP_HOST"
_WRITERS = frozenset({"update", "setdefault", "__setitem__"})
"""Methods of a dict that may write a key their arguments name."""


def writes_host(ctx: FileContext) -> bool:
    """Whether the module writes `HTTP_HOST` into a mapping: a subscript assigned
    (`meta["HTTP_HOST"] = ...`) or a dict method handed the key (`META.update({
    "HTTP_HOST": host})`, `update(HTTP_HOST=host)`); whatever the mapping, as the
    request's `META` may be reached by any name."""
    if not ctx.mentions(_HOST_KEY):
        return False
    for node in ast.walk(ctx.tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_host_item(target) for target in targets):
                return True
        elif isinstance(node, ast.Call) and _dict_write(node):
            return True
    return False


def _host_item(target: ast.expr) -> bool:
    if isinstance(target, ast.Tuple | ast.List):
        return any(_host_item(element) for element in target.elts)
    return isinstance(target, ast.Subscript) and _is_host_key(target.slice)


def _dict_write(call: ast.Call) -> bool:
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in _WRITERS:
        return False
    if any(keyword.arg == _HOST_KEY for keyword in call.keywords):
        return True
    return any(_is_host_key(node) for arg in call.args for node in ast.walk(arg))


def _is_host_key(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value == _HOST_KEY
