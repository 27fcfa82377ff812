"""WW765: a role or admin flag read from a plain cookie decides what the request may do."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._cookies import (
    DEPTH,
    cookie_read,
    decisions,
    names_user,
    privileged,
    shown,
)
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_PRIVILEGED_VALUES = frozenset({"admin", "administrator", "superuser", "superadmin", "root"})
_LOOKUPS = frozenset({"filter", "get", "filter_by", "get_or_404"})
_IDENTITY = "`{shown}` takes the user from the `{cookie}` cookie, which the client can set"


class PrivilegeFromCookie(PythonRule):
    """## What it does
    Finds a condition that grants or refuses on a cookie's plain value: a cookie named
    for the user's privilege (`admin`, `is_admin`, `role`, `user_type`, `access_level`,
    `is_authenticated`) read from Django's `request.COOKIES` or Flask's (or Starlette's)
    `request.cookies` and compared with a literal or tested for truth
    (`if request.COOKIES.get("admin") == "1":`), or any cookie whose value, as read or
    after unsigned decoding (`.split("|")[0]`, `base64.b64decode`, `json.loads`), is
    compared with `"admin"`, `"superuser"` or `"root"`. Also an ORM lookup of the user
    by a cookie naming them alone (`Account.objects.get(pk=request.COOKIES["user_id"])`,
    `.filter(userid=...)`, Flask-SQLAlchemy's `User.query.get(...)`, `.filter_by(
    username=...)`). A local the cookie was read into is followed.

    ## Why is this bad?
    A cookie is whatever the browser sends: anyone can set `admin=1` or `role=admin` in
    the developer tools or with `curl -b` and pass the check, whatever the server wrote
    into it at login. Deciding access on it, or on whose id or name it holds, hands
    every privilege and every account to whoever asks (CWE-784).

    ## Known problems
    A cookie read through a helper of the project, or one whose name says nothing of a
    privilege and whose value is compared with a variable, is not followed. A lookup
    that also matches another value the request sent (a one-time code, a password)
    checks it and is not reported, nor is a lookup by a random token. Signed
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
            tested = decisions(
                statement.test, lambda node: cookie_read(ctx, node, DEPTH), _decides, privileged
            )
            for part, cookie in tested:
                yield self.finding(ctx, part, shown=shown(part), cookie=cookie)
        for call in ctx.nodes(ast.Call):
            if isinstance(call, ast.Call):
                for part, cookie in _user_lookups(ctx, call):
                    shown_call = shown(call)
                    yield self.finding(
                        ctx, part, message=_IDENTITY, shown=shown_call, cookie=cookie
                    )


def _user_lookups(ctx: FileContext, call: ast.Call) -> Iterator[tuple[ast.expr, str]]:
    """The values of an ORM lookup (`.filter(userid=...)`, `.get(username=...)`, Flask-
    SQLAlchemy's `User.query.get(...)`) that are a cookie naming the user."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in _LOOKUPS:
        return
    values = [keyword.value for keyword in call.keywords if keyword.arg]
    if isinstance(func.value, ast.Attribute) and func.value.attr == "query":
        values.extend(call.args[:1])
    cookies = [(value, cookie_read(ctx, value, DEPTH)) for value in values]
    # NOTE: a lookup that also matches something else the request sent (a one-time code,
    # a password) checks it: the cookie only says who claims to log in.
    if any(cookie is None and not isinstance(v, ast.Constant) for v, cookie in cookies):
        return
    for value, cookie in cookies:
        if cookie is not None and names_user(cookie):
            yield value, cookie


def _decides(cookie: str, other: ast.expr) -> bool:
    """A privilege cookie compared with literals, or any cookie with an admin's name."""
    values = other.elts if isinstance(other, ast.Tuple | ast.List | ast.Set) else [other]
    if not values or not all(isinstance(v, ast.Constant) for v in values):
        return False
    if privileged(cookie):
        return True
    return any(
        isinstance(v, ast.Constant)
        and isinstance(v.value, str)
        and v.value.lower() in _PRIVILEGED_VALUES
        for v in values
    )
