"""WW756: a view checks a token, then acts for the user the request names."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._jwt import DECODE
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_SIMPLE_JWT = "rest_framework_simplejwt.tokens."
TOKEN_CHECKS = DECODE | {
    f"{_SIMPLE_JWT}{name}" for name in ("AccessToken", "UntypedToken", "SlidingToken")
}
"""Calls that raise unless a token is valid and give its claims: PyJWT's and
python-jose's `jwt.decode`, Simple JWT's token classes."""
_LOOKUPS = frozenset({"get", "filter", "get_or_create"})
_USER_KEYS = frozenset({"id", "pk", "user_id", "username", "email", "id__exact", "pk__exact"})
_REQUEST_DATA = frozenset({"POST", "GET", "data", "query_params", "COOKIES", "headers", "META"})
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


class RequestChosenUserAfterTokenCheck(PythonRule):
    """## What it does
    Finds a function that checks a token (`AccessToken(token)` of Simple JWT,
    `jwt.decode(...)`) and drops what the check gives, the token's claims, while it
    looks up the user model's row by a key the request sends
    (`User.objects.filter(id=request.POST.get("user"))`, also `get_user_model()`'s
    manager): the user it then acts for is the one the client named, not the one the
    token was issued to. A check whose result is kept in a name the function reads
    (`token["user_id"]`) is not reported.

    ## Why is this bad?
    The token proves only that the client holds some valid token. Anyone with an
    account, or a token of their own, sends another user's id and uploads, reads or
    changes data as that user (an insecure direct object reference).

    ## Example
    ```python
    from django.contrib.auth.models import User
    from django.http import HttpResponse, HttpResponseForbidden
    from rest_framework_simplejwt.exceptions import TokenError
    from rest_framework_simplejwt.tokens import AccessToken

    def upload(request):
        try:
            AccessToken(request.COOKIES.get("jwt"))
        except TokenError:
            return HttpResponseForbidden()
        owner = User.objects.filter(id=request.POST.get("user")).first()
        return HttpResponse(owner.username)
    ```

    ## Fix
    ```python
    from django.contrib.auth.models import User
    from django.http import HttpResponse, HttpResponseForbidden
    from rest_framework_simplejwt.exceptions import TokenError
    from rest_framework_simplejwt.tokens import AccessToken

    def upload(request):
        try:
            token = AccessToken(request.COOKIES.get("jwt"))
        except TokenError:
            return HttpResponseForbidden()
        owner = User.objects.filter(id=token["user_id"]).first()
        return HttpResponse(owner.username)
    ```
    Take the user from the token's claims (or from `request.user`, which DRF's
    authentication classes set from the token), never from the request's data.

    ## References
    - [CWE-639: Authorization Bypass Through User-Controlled Key](https://cwe.mitre.org/data/definitions/639.html)
    - [Simple JWT: token types](https://django-rest-framework-simplejwt.readthedocs.io/en/latest/token_types.html)
    - [OWASP: Insecure Direct Object Reference Prevention](https://cheatsheetseries.owasp.org/cheatsheets/Insecure_Direct_Object_Reference_Prevention_Cheat_Sheet.html)
    """

    code = "WW756"
    name = "request-chosen-user-after-token-check"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 639
    message = "`{lookup}` picks the user by request data after `{check}` whose claims are dropped"
    fix = "take the user from the token's claims (`token['user_id']`) or `request.user`"
    calls = frozenset(TOKEN_CHECKS)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        function = next((a for a in ctx.ancestors(node) if isinstance(a, _FUNCTIONS)), None)
        if function is None or not _claims_dropped(ctx, node, function):
            return
        check = f"{ast.unparse(node.func)}()"
        for lookup in ctx.subtree(function):
            if isinstance(lookup, ast.Call) and _user_by_request(ctx, lookup):
                yield self.finding(ctx, lookup, lookup=f"{ast.unparse(lookup.func)}()", check=check)


def _claims_dropped(ctx: FileContext, call: ast.Call, function: ast.AST) -> bool:
    """The check's result is thrown away, or kept in a name the function never reads."""
    parent = ctx.parent(call)
    if isinstance(parent, ast.Expr):
        return True
    if not (isinstance(parent, ast.Assign) and len(parent.targets) == 1):
        return False
    target = parent.targets[0]
    return isinstance(target, ast.Name) and not any(
        isinstance(n, ast.Name) and n.id == target.id and isinstance(n.ctx, ast.Load)
        for n in ctx.subtree(function)
    )


def _user_by_request(ctx: FileContext, call: ast.Call) -> bool:
    """`User.objects.get(id=<request data>)` (`filter`, `get_or_create`), also of
    `get_user_model()`."""
    func = call.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr in _LOOKUPS
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "objects"
        and _user_model(ctx, func.value.value)
    ):
        return False
    return any(k.arg in _USER_KEYS and _request_data(ctx, k.value) for k in call.keywords)


def _user_model(ctx: FileContext, node: ast.expr) -> bool:
    if isinstance(node, ast.Call):
        return (ctx.call_name(node) or "").endswith("get_user_model")
    return isinstance(node, ast.Name) and node.id.endswith("User")


def _request_data(ctx: FileContext, node: ast.expr, depth: int = 0) -> bool:
    """Whether `node` reads the request's data (`request.POST.get("user")`), itself or
    through a local assigned one."""
    for inner in ast.walk(node):
        if isinstance(inner, ast.Attribute) and inner.attr in _REQUEST_DATA:
            base = inner.value
            if isinstance(base, ast.Attribute) and base.attr == "request":
                return True
            if isinstance(base, ast.Name) and base.id == "request":
                return True
        if isinstance(inner, ast.Name) and depth == 0:
            value = ctx.lookup(inner)
            if value is not None and _request_data(ctx, value, depth + 1):
                return True
    return False
