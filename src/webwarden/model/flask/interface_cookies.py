"""The cookie flags a project's session interface passes itself: `save_session` writing
the session with `response.set_cookie(name, value, secure=..., samesite="Lax")` decides
those flags, whatever Flask's `SESSION_COOKIE_*` settings say; and an interface that
writes no session cookie at all (`should_set_cookie` answering False, a `save_session`
that does nothing: an API keeping no session between requests) leaves nothing for them
to protect."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import cast

from webwarden.model.caller_checks import after_docstring
from webwarden.model.flask.references import Namer
from webwarden.model.module import FileContext
from webwarden.model.tree import own_returns

_FLAGS = ("secure", "samesite")
EVERY_FLAG = frozenset(_FLAGS)
"""What an interface writing no cookie is judged to give it: every flag, since no cookie
it writes lacks one."""


def interface_cookie_flags(
    namer: Namer, classes: list[ast.ClassDef]
) -> Iterator[tuple[str, frozenset[str]]]:
    """For each class whose `save_session` writes cookies: the class and the flags every
    cookie it writes with a value is given on (`_sets`). A cookie it only expires
    (`set_cookie(name, expires=0)`) carries nothing to protect. A class that writes no
    session cookie (`writes_no_cookie`), and a function returning one of those made of
    it (`app.session_interface = no_cookie_sessions()`), give every flag."""
    cookieless: dict[str, ast.ClassDef] = {}
    for cls in classes:
        methods = {s.name: s for s in cls.body if isinstance(s, ast.FunctionDef)}
        if writes_no_cookie(methods):
            cookieless[cls.name] = cls
            yield namer.function_ref(cls), EVERY_FLAG
            continue
        save = methods.get("save_session")
        if save is None:
            continue
        writes = [call for call in ast.walk(save) if isinstance(call, ast.Call) and _writes(call)]
        if writes:
            ctx = namer.ctx
            flags = frozenset(f for f in _FLAGS if all(_sets(ctx, c, f) for c in writes))
            yield namer.function_ref(cls), flags
    if cookieless:
        yield from _factories(namer, cookieless)


def writes_no_cookie(methods: dict[str, ast.FunctionDef]) -> bool:
    """Whether a session interface class with these own methods never writes the session
    cookie: its `save_session` does nothing (`return`, `pass`), or it keeps Flask's
    `save_session`, which writes nothing when `should_set_cookie` says False, and that
    always does (`return False`)."""
    save = methods.get("save_session")
    if save is not None:
        return all(_idle(statement) for statement in after_docstring(save.body))
    should = methods.get("should_set_cookie")
    if should is None:
        return False
    body = after_docstring(should.body)
    return (
        len(body) == 1
        and isinstance(body[0], ast.Return)
        and isinstance(body[0].value, ast.Constant)
        and body[0].value.value is False
    )


def _idle(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.Pass):
        return True
    if isinstance(statement, ast.Return):
        value = statement.value
        return value is None or (isinstance(value, ast.Constant) and value.value is None)
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)


def _factories(
    namer: Namer, cookieless: dict[str, ast.ClassDef]
) -> Iterator[tuple[str, frozenset[str]]]:
    """The functions of the module whose every `return` makes an instance of a class
    writing no cookie (a class defined in them or beside them)."""
    for function in cast(list[ast.FunctionDef], namer.ctx.nodes(ast.FunctionDef)):
        returns = [node.value for node in own_returns(function)]
        if returns and all(
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in cookieless
            and not value.args
            and not value.keywords
            for value in returns
        ):
            yield namer.function_ref(function), EVERY_FLAG


def _writes(node: ast.Call) -> bool:
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
