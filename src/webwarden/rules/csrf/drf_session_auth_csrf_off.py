"""WW605: a DRF session authentication class that skips the CSRF check."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_SESSION_AUTH = "rest_framework.authentication.SessionAuthentication"


class DrfSessionAuthCsrfOff(PythonRule):
    """## What it does
    Finds subclasses of Django REST framework's `SessionAuthentication` whose
    `enforce_csrf()` checks nothing (it returns at once, or only passes): the well-known
    `CsrfExemptSessionAuthentication` snippet.

    ## Why is this bad?
    DRF exempts its views from Django's CSRF middleware and checks the token itself, in
    `SessionAuthentication.enforce_csrf()`, for requests the session cookie
    authenticates. Overridden to do nothing, every API view using the class (all of them,
    when it is in `DEFAULT_AUTHENTICATION_CLASSES`) accepts requests any site a logged-in
    user visits can send with their cookie: a form on another site posts to the API in
    their name.

    ## Example
    ```python
    from rest_framework.authentication import SessionAuthentication


    class CsrfExemptSessionAuthentication(SessionAuthentication):
        def enforce_csrf(self, request):
            return
    ```

    ## Fix
    ```python
    REST_FRAMEWORK = {
        "DEFAULT_AUTHENTICATION_CLASSES": [
            # DRF's own checks the CSRF token of requests its session authenticates;
            # clients on other origins get a token instead of the session cookie.
            "rest_framework.authentication.SessionAuthentication",
            "rest_framework.authentication.TokenAuthentication",
        ]
    }
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery](https://cwe.mitre.org/data/definitions/352.html)
    - [DRF: SessionAuthentication and CSRF](https://www.django-rest-framework.org/api-guide/authentication/#sessionauthentication)
    - [DRF: AJAX, CSRF & CORS](https://www.django-rest-framework.org/topics/ajax-csrf-cors/)
    """

    code = "WW605"
    name = "drf-session-auth-csrf-off"
    practice = Practice.CSRF
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 352
    message = (
        "`{auth_class}.enforce_csrf()` checks nothing: API views it authenticates by session accept"
        " requests forged by other sites"
    )
    fix = (
        "delete the override (DRF checks the CSRF token for session-authenticated requests);"
        " give other clients token authentication"
    )
    frameworks = frozenset({Framework.DJANGO})

    def visit_ClassDef(self, node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
        if not any(ctx.qualified(base) == _SESSION_AUTH for base in node.bases):
            return
        for statement in node.body:
            if (
                isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
                and statement.name == "enforce_csrf"
                and _does_nothing(statement.body)
            ):
                yield self.finding(ctx, statement, auth_class=node.name)


def _does_nothing(body: list[ast.stmt]) -> bool:
    """Only a docstring, `pass`, `...`, `return` or `return None`."""
    for statement in body:
        if isinstance(statement, ast.Pass):
            continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue
        return isinstance(statement, ast.Return) and (
            statement.value is None
            or (isinstance(statement.value, ast.Constant) and statement.value.value is None)
        )
    return True
