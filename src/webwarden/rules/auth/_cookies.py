"""Plain cookie values: which cookie an expression reads, as sent or decoded unsigned."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from webwarden.model.tree import item_read
from webwarden.rules.auth._request_headers import header_read
from webwarden.rules.context import FileContext

_COOKIE_MAPPINGS = frozenset({"COOKIES", "cookies"})
_REQUESTS = frozenset({"request", "req"})
_PRIVILEGE_COOKIES = frozenset(
    {
        *("admin", "isadmin", "superuser", "issuperuser", "superadmin", "staff", "isstaff"),
        *("role", "roles", "userrole", "privilege", "privileges", "permission", "permissions"),
        *("accesslevel", "userlevel", "usertype", "accounttype", "authenticated"),
        *("isauthenticated", "authorized", "isauthorized", "authorised", "isauthorised"),
    }
)
"""Cookie names (lower case, without `_` or `-`) whose value is the user's privilege."""
_DECODERS = frozenset(
    {
        *("base64.b64decode", "base64.urlsafe_b64decode", "base64.standard_b64decode"),
        *("json.loads", "urllib.parse.unquote", "urllib.parse.unquote_plus"),
        *("int", "str", "bool"),
    }
)
"""Calls that turn the cookie's text into a value without checking who wrote it."""
DEPTH = 6
_IDENTITY_COOKIES = frozenset(
    {"userid", "uid", "username", "user", "useremail", "email", "login", "loginid", "accountid"}
)
"""Cookie names (as in `_PRIVILEGE_COOKIES`) whose value says who the user is."""


def _normal(cookie: str) -> str:
    return cookie.lower().replace("_", "").replace("-", "")


def privileged(cookie: str) -> bool:
    """Whether the cookie's name says its value is the user's privilege."""
    return _normal(cookie) in _PRIVILEGE_COOKIES


def names_user(cookie: str) -> bool:
    """Whether the cookie's name says its value is who the user is."""
    return _normal(cookie) in _IDENTITY_COOKIES


def cookie_read(ctx: FileContext, node: ast.expr, depth: int) -> str | None:
    """The name of the cookie `node` is the plain value of: read from the request, from a
    local holding it, or taken apart and decoded without a check of its signature."""
    if depth == 0:
        return None
    read = item_read(node)
    if read is not None and _cookie_mapping(ctx, read[0]):
        key = ctx.evaluate(read[1])
        return key if isinstance(key, str) else None
    match node:
        case ast.Name():
            values = ctx.scopes.values_of(node) or []
            found = {cookie_read(ctx, value, depth - 1) for value in values} - {None}
            return found.pop() if len(found) == 1 else None
        case ast.Subscript(value=held):
            return cookie_read(ctx, held, depth - 1)
        case ast.Call(func=ast.Attribute(value=held)) if ctx.call_name(node) not in _DECODERS:
            return cookie_read(ctx, held, depth - 1)
        case ast.Call(args=[argument, *_]) if ctx.call_name(node) in _DECODERS:
            return cookie_read(ctx, argument, depth - 1)
    return None


def privilege_header_read(ctx: FileContext, node: ast.expr, depth: int) -> str | None:
    """The name of the request header named for the user's privilege that `node` is the
    value of (`request.META["HTTP_ISADMIN"]`, `request.headers.get("X-User-Role")`),
    read from the request or from a local holding it, or decoded without a check."""
    if depth == 0:
        return None
    header = header_read(ctx, node)
    if header is not None:
        return header if _normal(header.removeprefix("x-")) in _PRIVILEGE_COOKIES else None
    match node:
        case ast.Name():
            values = ctx.scopes.values_of(node) or []
            found = {privilege_header_read(ctx, value, depth - 1) for value in values} - {None}
            return found.pop() if len(found) == 1 else None
        case ast.Call(func=ast.Attribute(value=held)) if ctx.call_name(node) not in _DECODERS:
            return privilege_header_read(ctx, held, depth - 1)
        case ast.Call(args=[argument, *_]) if ctx.call_name(node) in _DECODERS:
            return privilege_header_read(ctx, argument, depth - 1)
    return None


def _cookie_mapping(ctx: FileContext, node: ast.AST) -> bool:
    """`request.COOKIES`, `self.request.COOKIES`, Flask's or Starlette's `request.cookies`."""
    if not isinstance(node, ast.Attribute) or node.attr not in _COOKIE_MAPPINGS:
        return False
    holder = node.value
    if isinstance(holder, ast.Name):
        return holder.id in _REQUESTS or (ctx.qualified(holder) or "").endswith(".request")
    return isinstance(holder, ast.Attribute) and holder.attr in _REQUESTS


def decisions(
    test: ast.expr,
    read: Callable[[ast.expr], str | None],
    compared: Callable[[str, ast.expr], bool],
    alone: Callable[[str], bool],
) -> Iterator[tuple[ast.expr, str]]:
    """The parts of a condition that decide on a value the client sends (a cookie, a
    header: what `read` names), with its name: a comparison of it with what `compared`
    accepts, or the value tested alone when `alone` accepts its name; through `and`, `or`
    and `not`."""
    if isinstance(test, ast.BoolOp):
        for value in test.values:
            yield from decisions(value, read, compared, alone)
        return
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        yield from decisions(test.operand, read, compared, alone)
        return
    if isinstance(test, ast.Compare):
        if len(test.comparators) != 1:
            return
        left, right = test.left, test.comparators[0]
        for side, other in ((left, right), (right, left)):
            name = read(side)
            if name is not None and compared(name, other):
                yield test, name
                return
        return
    name = read(test)
    if name is not None and alone(name):
        yield test, name


def shown(node: ast.AST) -> str:
    """A node's text as a message shows it, cut at 60 characters."""
    text = ast.unparse(node)
    return text if len(text) <= 60 else text[:57] + "..."
