"""PyJWT and python-jose calls, shared by the JWT rules."""

from __future__ import annotations

import ast
import re

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


_VALIDATOR_NAME = re.compile(r"(validate|verify)_?(jwt|(id_?|access_?)?token)$", re.IGNORECASE)
"""A function named for checking a JWT (`validate_jwt`, `verify_token`, `verifyIdToken`):
a library's or the project's own, whose decode webwarden judges where it is written."""


def validates_token(ctx: FileContext, node: ast.Call, token: str) -> bool:
    """Whether `node` calls a function named for checking a JWT and hands it `token` (as
    written), by position or keyword."""
    name = (ctx.call_name(node) or "").rpartition(".")[2]
    if not _VALIDATOR_NAME.fullmatch(name):
        return False
    given = [*node.args, *(keyword.value for keyword in node.keywords)]
    return any(ast.unparse(value) == token for value in given)
