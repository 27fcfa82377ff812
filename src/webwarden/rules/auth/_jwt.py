"""PyJWT and python-jose calls, shared by the JWT rules."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

DECODE = frozenset({"jwt.decode", "jwt.api_jwt.decode", "jose.jwt.decode", "jwt.PyJWT.decode"})
ENCODE = frozenset({"jwt.encode", "jwt.api_jwt.encode", "jose.jwt.encode", "jwt.PyJWT.encode"})


def jwt_call(ctx: FileContext, node: ast.Call) -> str | None:
    """`decode` or `encode` when `node` is a PyJWT / python-jose call."""
    name = ctx.call_name(node) or ""
    if name in DECODE:
        return "decode"
    if name in ENCODE:
        return "encode"
    return None


def options(ctx: FileContext, node: ast.Call) -> dict[str, object]:
    """The constant entries of the `options=` dict of a decode call."""
    value = ctx.keyword(node, "options")
    found: dict[str, object] = {}
    if isinstance(value, ast.Dict):
        for key, item in zip(value.keys, value.values, strict=True):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                found[key.value] = ctx.evaluate(item)
    return found
