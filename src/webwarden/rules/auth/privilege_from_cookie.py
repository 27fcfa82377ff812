"""WW765: a role or admin flag read from a plain cookie decides what the request may do."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.tree import item_read
from webwarden.rules.base import PythonRule
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
_PRIVILEGED_VALUES = frozenset({"admin", "administrator", "superuser", "superadmin", "root"})
_DECODERS = frozenset(
    {
        *("base64.b64decode", "base64.urlsafe_b64decode", "base64.standard_b64decode"),
        *("json.loads", "urllib.parse.unquote", "urllib.parse.unquote_plus"),
        *("int", "str", "bool"),
    }
)
"""Calls that turn the cookie's text into a value without checking who wrote it."""
_DEPTH = 6


class PrivilegeFromCookie(PythonRule):
    """## What it does
    Finds a condition that grants or refuses on a cookie's plain value: a cookie named
    for the user's privilege (`admin`, `is_admin`, `role`, `user_type`, `access_level`,
    `is_authenticated`) read from Django's `request.COOKIES` or Flask's (or Starlette's)
    `request.cookies` and compared with a literal or tested for truth
    (`if request.COOKIES.get("admin") == "1":`), or any cookie whose value, as read or
    after unsigned decoding (`.split("|")[0]`, `base64.b64decode`, `json.loads`), is
    compared with `"admin"`, `"superuser"` or `"root"`. A local the cookie was read into
    is followed.

    ## Why is this bad?
    A cookie is whatever the browser sends: anyone can set `admin=1` or `role=admin` in
    the developer tools or with `curl -b` and pass the check, whatever the server wrote
    into it at login. Deciding access on it hands every privilege to whoever asks
    (CWE-784).

    ## Known problems
    A cookie read through a helper of the project, or one whose name says nothing of a
    privilege and whose value is compared with a variable, is not followed. Signed
    cookies (`request.get_signed_cookie`, itsdangerous, a JWT verified with
    `jwt.decode`) are not reported: their value cannot be changed without the key.

    ## Example
    ```python
    from django.http import HttpResponseForbidden


    def admin_panel(request):
        if request.COOKIES.get("is_admin") == "true":
            return render_admin_panel(request)
        return HttpResponseForbidden()
    ```

    ## Fix
    ```python
    from django.contrib.admin.views.decorators import staff_member_required


    @staff_member_required
    def admin_panel(request):
        return render_admin_panel(request)
    ```

    ## References
    - [CWE-784: Reliance on Cookies without Validation and Integrity Checking in a Security Decision](https://cwe.mitre.org/data/definitions/784.html)
    - [OWASP: Testing for Bypassing Authorization Schema](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/05-Authorization_Testing/02-Testing_for_Bypassing_Authorization_Schema)
    - [Django: Using the Django authentication system, limiting access](https://docs.djangoproject.com/en/stable/topics/auth/default/#limiting-access-to-logged-in-users)
    """

    code = "WW765"
    name = "privilege-from-cookie"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 784
    message = "`{shown}` decides access on the `{cookie}` cookie, which the client can set"
    fix = "keep the user's role on the server (`request.user`, the session) or sign the cookie"

    def visit_Module(self, node: ast.Module, ctx: FileContext) -> Iterator[Finding]:
        if not (ctx.mentions("COOKIES") or ctx.mentions("cookies")):
            return
        for statement in ctx.nodes(ast.If, ast.IfExp, ast.While, ast.Assert):
            if not isinstance(statement, ast.If | ast.IfExp | ast.While | ast.Assert):
                continue
            for part, cookie in _decisions(ctx, statement.test):
                yield self.finding(ctx, part, shown=_shown(part), cookie=cookie)


def _decisions(ctx: FileContext, test: ast.expr) -> Iterator[tuple[ast.expr, str]]:
    """The parts of a condition that decide on a cookie, with the cookie's name."""
    if isinstance(test, ast.BoolOp):
        for value in test.values:
            yield from _decisions(ctx, value)
        return
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        yield from _decisions(ctx, test.operand)
        return
    if isinstance(test, ast.Compare):
        if len(test.comparators) != 1:
            return
        left, right = test.left, test.comparators[0]
        for side, other in ((left, right), (right, left)):
            cookie = _cookie(ctx, side, _DEPTH)
            if cookie is not None and _decides(cookie, other):
                yield test, cookie
                return
        return
    cookie = _cookie(ctx, test, _DEPTH)
    if cookie is not None and _privileged(cookie):
        yield test, cookie


def _decides(cookie: str, other: ast.expr) -> bool:
    """A privilege cookie compared with literals, or any cookie with an admin's name."""
    values = other.elts if isinstance(other, ast.Tuple | ast.List | ast.Set) else [other]
    if not values or not all(isinstance(v, ast.Constant) for v in values):
        return False
    if _privileged(cookie):
        return True
    return any(
        isinstance(v, ast.Constant)
        and isinstance(v.value, str)
        and v.value.lower() in _PRIVILEGED_VALUES
        for v in values
    )


def _privileged(cookie: str) -> bool:
    return cookie.lower().replace("_", "").replace("-", "") in _PRIVILEGE_COOKIES


def _cookie(ctx: FileContext, node: ast.expr, depth: int) -> str | None:
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
            found = {_cookie(ctx, value, depth - 1) for value in values} - {None}
            return found.pop() if len(found) == 1 else None
        case ast.Subscript(value=held):
            return _cookie(ctx, held, depth - 1)
        case ast.Call(func=ast.Attribute(value=held)) if ctx.call_name(node) not in _DECODERS:
            return _cookie(ctx, held, depth - 1)
        case ast.Call(args=[argument, *_]) if ctx.call_name(node) in _DECODERS:
            return _cookie(ctx, argument, depth - 1)
    return None


def _cookie_mapping(ctx: FileContext, node: ast.AST) -> bool:
    """`request.COOKIES`, `self.request.COOKIES`, Flask's or Starlette's `request.cookies`."""
    if not isinstance(node, ast.Attribute) or node.attr not in _COOKIE_MAPPINGS:
        return False
    holder = node.value
    if isinstance(holder, ast.Name):
        return holder.id in _REQUESTS or (ctx.qualified(holder) or "").endswith(".request")
    return isinstance(holder, ast.Attribute) and holder.attr in _REQUESTS


def _shown(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 60 else text[:57] + "..."
