"""Redirects to the HTTPS copy of a URL: the hand-written HTTP-to-HTTPS upgrade a
`before_request` hook makes (`redirect("https://" + request.url[7:], 301)`,
`redirect(request.url.replace("http://", "https://", 1))`)."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_SECURE = "https://"
_PLAIN = "http://"
_MAX_HOPS = 3


def redirects_to_https(ctx: FileContext, call: ast.Call) -> bool:
    """Whether a `redirect(...)` call's target is written to start with `https://`: a
    constant, an f-string, a `+`, a `%` or a `.format()` whose text starts so; the
    `replace("http://", "https://")` of a URL; a split URL given `scheme="https"`
    (`parts._replace(scheme="https").geturl()`, `urlunsplit(...)` of it); also kept in a
    local the function binds once."""
    target = call.args[0] if call.args else None
    for keyword in call.keywords:
        if keyword.arg == "location":
            target = keyword.value
    return target is not None and _secure(ctx, target, _MAX_HOPS)


def _secure(ctx: FileContext, node: ast.expr, hops: int) -> bool:
    match node:
        case ast.Constant(value=str() as text):
            return text.lower().startswith(_SECURE)
        case ast.JoinedStr(values=[first, *_]):
            return _secure(ctx, first, hops)
        case ast.BinOp(op=ast.Add() | ast.Mod(), left=left):
            return _secure(ctx, left, hops)
        case ast.Call(func=ast.Attribute(attr="format", value=template)):
            return _secure(ctx, template, hops)
        case ast.Call(func=ast.Attribute(attr="replace"), args=[old, new, *_]):
            return _constant(old) == _PLAIN and _constant(new) == _SECURE
        case ast.Call(func=ast.Attribute(attr="geturl", value=inner)):
            return _secure(ctx, inner, hops)
        case ast.Call(func=ast.Attribute(attr="_replace"), keywords=keywords):
            return any(k.arg == "scheme" and _constant(k.value) == "https" for k in keywords)
        case ast.Call(args=[inner]) if (ctx.call_name(node) or "").endswith(
            ("urlunsplit", "urlunparse")
        ):
            return _secure(ctx, inner, hops)
        case ast.Name(id=name) if hops > 0:
            scope = ctx.scopes.enclosing_function(node) or ctx.tree
            values = ctx.scopes.bindings(scope).get(name, [])
            return len(values) == 1 and _secure(ctx, values[0], hops - 1)
    return False


def _constant(node: ast.expr) -> object:
    return (
        node.value.lower()
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        else None
    )
