"""WW805: a cookie set by a Django response without Secure / HttpOnly / SameSite."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.sessions._set_cookie import (
    harmless_cookie,
    read_by_script,
    refuted_in_other_project,
    sets_cookie_for,
)

_METHODS = frozenset({"set_cookie", "set_signed_cookie"})
# (keyword, position in `HttpResponse.set_cookie(key, value, max_age, expires, path,
# domain, secure, httponly, samesite)`)
_SECURE = ("secure", 6)
_HTTPONLY = ("httponly", 7)
_SAMESITE = ("samesite", 8)


class DjangoSetCookieWithoutFlags(PythonRule):
    """## What it does
    Finds `response.set_cookie(...)` and `set_signed_cookie(...)` calls in Django code, or
    in a Django project's helper modules that import neither framework and are handed the
    response (the cookie named by a constant), that leave out `secure=True` or
    `httponly=True`, or pass `samesite="None"`. Unlike the
    session and CSRF cookies, these cookies get no flags from the settings: Django's
    defaults are off. Not reported: a cookie holding how the user wants pages shown (its
    name says language, theme, dark mode, time zone, the visitor's country, collapsed panels, a list's `sort` or `order`,
    a page's view or display mode (`show-mode`, `view_mode`),
    or the feature flags a visitor switched on from the query string, or the cookies
    they consent to, a consent banner's `cookie_consent`;
    Django's own language
    cookie has neither flag; or a module of the user's preferences, `preferences.py`,
    saves it under a name that is no secret's, nor one the module's calls of the
    setting's method hand it: `self.tokens.save("tokens", response)`), a marker set to a constant flag, number or word (`"seen"`, or words joined like
    an identifier, an event's name `"user_signed_up"`, under a name no secret's), also
    one of two such a test chooses between (`"1" if signed_in else "0"`, or a local the
    code sets to each in turn, or the truth of a value, `str(int(bool(x)))`), a time
    stamp read from the clock (`datetime.now(UTC)`,
    `int(time.time())`: when the visitor first came), a count stepped by a
    constant (`str(count + 1)`, `count` an `int()`: how many redirects so far), one named for a message the next
    page's script shows and clears (`user-message`, `flash_msg`, under a name no
    secret's: a redirect's "payment accepted"), or a cookie
    being cleared (an empty value, or `max_age=0` / `expires=0`). A flag read from a
    project setting with a default that leaves it off
    (`secure=getattr(settings, "APP_COOKIE_SECURE", False)`, as reusable apps write it)
    is reported with the setting's name: the flag is off unless the project sets it. A
    double-submit CSRF cookie (`csrftoken`, `XSRF-TOKEN`) is not asked for `httponly`:
    the page's script must read it; nor is a CSP nonce handed to a front-end app
    (`csp_nonce`), which the page's `<script nonce>` shows every script already. Nor is a
    test client's `set_cookie` (a `client`, WebTest's `TestApp` kept as `app` or
    `self.app`, also a fixture of `conftest.py`: a Django application has no
    `set_cookie`): it fills the jar of the requests the test sends.

    ## Why is this bad?
    A cookie without `Secure` also travels over plain HTTP, where it can be read on the
    network; without `HttpOnly` any script on the page (one XSS) can read it; with
    `SameSite=None` other sites' requests carry it. Cookies set by views often hold
    tokens, preferences used for access decisions or tracking ids.

    ## Known problems
    A cookie that front-end JavaScript must read cannot be `HttpOnly`; suppress the
    finding with that reason. Modules that import Flask are left to the Flask rules.

    ## Example
    ```python
    from django.http import HttpResponse


    def remember(request):
        response = HttpResponse("ok")
        response.set_cookie("last_report", request.GET["name"])
        return response
    ```

    ## Fix
    ```python
    from django.http import HttpResponse


    def remember(request):
        response = HttpResponse("ok")
        response.set_cookie(
            "last_report", request.GET["name"], secure=True, httponly=True, samesite="Lax"
        )
        return response
    ```

    ## References
    - [CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute](https://cwe.mitre.org/data/definitions/614.html)
    - [CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag](https://cwe.mitre.org/data/definitions/1004.html)
    - [Django: HttpResponse.set_cookie](https://docs.djangoproject.com/en/stable/ref/request-response/#django.http.HttpResponse.set_cookie)
    """

    code = "WW805"
    name = "django-set-cookie-without-flags"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 614
    message = "`{call}` sets a cookie {problems}"
    fix = 'pass `secure=True, httponly=True, samesite="Lax"` to `set_cookie`'
    frameworks = frozenset({Framework.DJANGO})
    calls = frozenset({".set_cookie", ".set_signed_cookie"})

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """A helper module's cookie (one that imports neither framework) in a project that
        is not of Django alone."""
        return refuted_in_other_project(finding, project, "django")

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr not in _METHODS:
            return
        if not sets_cookie_for(ctx, node, "django"):
            return
        if ctx.has_kwargs_splat(node) or any(isinstance(a, ast.Starred) for a in node.args):
            return
        if ctx.evaluate(ctx.argument(node, 2, "max_age")) == 0:
            return  # NOTE: max_age=0 deletes the cookie (what `delete_cookie` does).
        if harmless_cookie(ctx, node):
            return
        problems = []
        flags = [_SECURE] if read_by_script(ctx, node) else [_SECURE, _HTTPONLY]
        for flag, position in flags:
            given = ctx.argument(node, position, flag)
            if given is None or ctx.evaluate(given) is False:
                problems.append(f"without `{flag}=True`")
            elif (setting := _off_by_default(ctx, given)) is not None:
                problems.append(f"without `{flag}=True` unless `{setting}` is set")
        samesite = ctx.argument(node, _SAMESITE[1], _SAMESITE[0])
        if samesite is not None:
            mode = ctx.evaluate(samesite)
            if isinstance(mode, str) and mode.lower() == "none":
                problems.append('with `samesite="None"`')
        if problems:
            call = f"{ast.unparse(func.value)[:40]}.{func.attr}"
            yield self.finding(ctx, node, call=call, problems=" and ".join(problems))


def _off_by_default(ctx: FileContext, given: ast.expr) -> str | None:
    """`secure=getattr(settings, "APP_COOKIE_SECURE", False)`: the name of a project
    setting a reusable app reads with a default that leaves the flag off (what ships
    unless the project sets it)."""
    if not (isinstance(given, ast.Call) and ctx.call_name(given) == "getattr"):
        return None
    if len(given.args) != 3 or ctx.qualified(given.args[0]) != "django.conf.settings":
        return None
    name, default = ctx.evaluate(given.args[1]), ctx.evaluate(given.args[2])
    return name if isinstance(name, str) and default in (False, None) else None
