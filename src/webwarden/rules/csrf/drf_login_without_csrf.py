"""WW613: a Django REST framework view that logs users in with no CSRF check."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.csrf._rest_framework_handoff import _rest_framework_classes

_CHECKS = frozenset({"csrf_protect", "enforce_csrf", "CSRFCheck", "CsrfViewMiddleware"})
"""What applies Django's CSRF check to a view REST framework exempted: the decorator
(`method_decorator(csrf_protect, name="dispatch")`), DRF's own check and its parts."""
_OAUTH_EXCHANGES = frozenset({"authorize_access_token", "fetch_token", "fetch_access_token"})
"""An OAuth client library's exchange of the callback's code (Authlib, requests-oauthlib),
which checks the `state` the login started with: the callback's CSRF defence."""


class DrfLoginWithoutCsrf(PythonRule):
    """## What it does
    Finds `django.contrib.auth.login()` called in a Django REST framework view (a
    method of a class of the module with a REST framework base, `APIView`,
    `GenericAPIView`, a viewset, a serializer such a view saves, or a function under
    `@api_view`) that nothing in the
    view subjects to a CSRF check: no `csrf_protect` (as `@method_decorator(csrf_protect,
    name="dispatch")` on the class, or on the method), no call of `enforce_csrf` or
    `CSRFCheck`. Not a view exchanging an OAuth callback's code through a client
    library (Authlib's `authorize_access_token()`, requests-oauthlib's `fetch_token()`),
    which checks the `state` the login started with, nor a login of the user the request
    already authenticates (`login(request, request.user)`, `self.context["request"].user`:
    a session made for a client that sent its own credentials in a header), which a
    forged request cannot choose; nor a login whose credential the view reads from the
    request's cookies alone (`request.COOKIES.get("sso_token")` checked with a single
    sign-on service), reading nothing the client submits (`request.data`, `POST`,
    `GET`, `query_params`, `body`, `FILES`): a page of another site makes the browser
    send the victim's own cookies, so it logs the victim in to their own account.

    ## Why is this bad?
    REST framework exempts its views from Django's CSRF middleware and checks the token
    itself, in `SessionAuthentication`, only for requests a session already
    authenticates. A login request comes from a visitor no session authenticates yet
    (and a login view often sets `authentication_classes = []`), so no token is checked:
    a page on another site can post the attacker's username and password to the view
    in the victim's browser, which is then logged in to the attacker's account (login
    CSRF) and files its searches, uploads and notes where the attacker reads them.
    REST framework's documentation says login views should always have CSRF validation
    applied.

    ## Known problems
    Only the view's own class and module are read: a base of another module that
    applies `csrf_protect` is not seen, nor is a custom authentication class that
    checks the token for anonymous requests too. Test code is not reported.

    ## Example
    ```python
    from django.contrib.auth import authenticate, login
    from rest_framework.response import Response
    from rest_framework.views import APIView


    class LoginView(APIView):
        authentication_classes = []
        permission_classes = []

        def post(self, request):
            user = authenticate(
                request, username=request.data["username"], password=request.data["password"]
            )
            if user is None:
                return Response(status=400)
            login(request, user)
            return Response()
    ```

    ## Fix
    ```python
    from django.contrib.auth import authenticate, login
    from django.utils.decorators import method_decorator
    from django.views.decorators.csrf import csrf_protect
    from rest_framework.response import Response
    from rest_framework.views import APIView


    @method_decorator(csrf_protect, name="dispatch")
    class LoginView(APIView):
        authentication_classes = []
        permission_classes = []

        def post(self, request):
            user = authenticate(
                request, username=request.data["username"], password=request.data["password"]
            )
            if user is None:
                return Response(status=400)
            login(request, user)
            return Response()
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery (CSRF)](https://cwe.mitre.org/data/definitions/352.html)
    - [Django REST framework: SessionAuthentication and CSRF](https://www.django-rest-framework.org/api-guide/authentication/#sessionauthentication)
    - [Django: csrf_protect](https://docs.djangoproject.com/en/stable/ref/csrf/#django.views.decorators.csrf.csrf_protect)
    """

    code = "WW613"
    name = "drf-login-without-csrf"
    practice = Practice.CSRF
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 352
    frameworks = frozenset({Framework.DJANGO})
    message = "`{view}` logs users in through REST framework with no CSRF check (login CSRF)"
    fix = 'apply `csrf_protect` to the view (`@method_decorator(csrf_protect, name="dispatch")`)'
    calls = frozenset({"django.contrib.auth.login"})

    in_tests = False

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if ctx.call_name(node) != "django.contrib.auth.login":
            return
        function = ctx.scopes.enclosing_function(node)
        if function is None:
            return
        if _request_user(ctx, ctx.argument(node, 1, "user")):
            return  # NOTE: the user the request already authenticates, not one it names
        if _cookie_credential(function):
            return  # NOTE: the browser's own cookie names the account, not the forger
        view = _rest_framework_view(ctx, function)
        if view is None or _checked(view):
            return
        yield self.finding(ctx, node, view=view.name)


def _request_user(ctx: FileContext, user: ast.expr | None) -> bool:
    """`request.user`, `self.request.user`, `self.context["request"].user`, also through
    a local bound to one: the user the request already authenticates (by a header or the
    session), logged in to keep a session; a forged request cannot choose another."""
    if isinstance(user, ast.Name):
        user = ctx.lookup(user)
    if not (isinstance(user, ast.Attribute) and user.attr == "user"):
        return False
    holder = user.value
    if isinstance(holder, ast.Subscript):
        key = holder.slice
        return isinstance(key, ast.Constant) and key.value == "request"
    return (isinstance(holder, ast.Name) and holder.id == "request") or (
        isinstance(holder, ast.Attribute) and holder.attr == "request"
    )


_SUBMITTED = frozenset({"data", "POST", "GET", "query_params", "body", "FILES", "stream"})
"""Attributes of a request holding what the client submits (a forged form's fields)."""


def _cookie_credential(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the function reads the request's cookies (`request.COOKIES`,
    `self.request.COOKIES`) and nothing the client submits: the credential the login
    rests on is one the browser holds, which a cross-site request cannot choose."""
    read: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Attribute) and _is_request(node.value):
            read.add(node.attr)
    return "COOKIES" in read and not read & _SUBMITTED


def _is_request(node: ast.expr) -> bool:
    """`request` or `self.request` (`self._request`)."""
    if isinstance(node, ast.Name):
        return node.id == "request"
    return (
        isinstance(node, ast.Attribute)
        and node.attr in {"request", "_request"}
        and isinstance(node.value, ast.Name)
    )


def _rest_framework_view(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The class of the module with a REST framework base that `function` is a method of,
    or `function` itself under `@api_view`; None for any other function."""
    owner = ctx.parent(function)
    if isinstance(owner, ast.ClassDef):
        return owner if owner.name in _rest_framework_classes(ctx) else None
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if ctx.qualified(target) == "rest_framework.decorators.api_view":
            return function
    return None


def _checked(view: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the view (its decorators included) names a CSRF check or an OAuth client's
    exchange of the callback's code."""
    names = _CHECKS | _OAUTH_EXCHANGES
    return any(
        (isinstance(node, ast.Name) and node.id in names)
        or (isinstance(node, ast.Attribute) and node.attr in names)
        for node in ast.walk(view)
    )
