"""The cookie flags a project's session interface passes itself: `save_session` writing
the session with `response.set_cookie(name, value, secure=..., samesite="Lax")` decides
those flags, whatever Flask's `SESSION_COOKIE_*` settings say."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.flask.references import Namer
from webwarden.model.module import FileContext

_FLAGS = ("secure", "samesite")


def interface_cookie_flags(
    namer: Namer, classes: list[ast.ClassDef]
) -> Iterator[tuple[str, frozenset[str]]]:
    """For each class whose `save_session` writes cookies: the class and the flags every
    cookie it writes with a value is given on (`_sets`). A cookie it only expires
    (`set_cookie(name, expires=0)`) carries nothing to protect."""
    for cls in classes:
        for statement in cls.body:
            if isinstance(statement, ast.FunctionDef) and statement.name == "save_session":
                writes = [
                    call
                    for call in ast.walk(statement)
                    if isinstance(call, ast.Call) and _writes_cookie(call)
                ]
                if writes:
                    ctx = namer.ctx
                    flags = frozenset(f for f in _FLAGS if all(_sets(ctx, c, f) for c in writes))
                    yield namer.function_ref(cls), flags


def _writes_cookie(node: ast.Call) -> bool:
    if not (isinstance(node.func, ast.Attribute) and node.func.attr == "set_cookie"):
        return False
    return len(node.args) > 1 or any(k.arg == "value" for k in node.keywords)


def _sets(ctx: FileContext, call: ast.Call, flag: str) -> bool:
    """Whether the cookie is given `flag` on: `secure=True`, `secure=request.is_secure`
    (on for every request over HTTPS), a setting read with that default
    (`config.get("SESSION_COOKIE_SECURE", True)`); `samesite="Lax"` or `"Strict"`, or a
    setting read with one of them as its default; also through a local the method binds
    once. A setting read with no default (`app.config["HTTPS"]`) may be off."""
    value = ctx.keyword(call, flag)
    if isinstance(value, ast.Name):
        value = ctx.lookup(value) or value
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "get"
        and len(value.args) == 2
    ):
        value = value.args[1]
    if flag == "secure" and isinstance(value, ast.Attribute):
        return value.attr == "is_secure"
    if not isinstance(value, ast.Constant):
        return False
    if flag == "samesite":
        return isinstance(value.value, str) and value.value.lower() in {"lax", "strict"}
    return value.value is True
