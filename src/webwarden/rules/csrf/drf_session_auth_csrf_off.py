"""WW605: a DRF session authentication class that skips the CSRF check."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_SESSION_AUTH = "rest_framework.authentication.SessionAuthentication"
_AUTH_BASES = frozenset({_SESSION_AUTH, "rest_framework.authentication.BaseAuthentication"})
_CLASS_TAG = "drf-auth-class:"
"""Tag naming the class's qualified name, for the project step."""
_USED_IN_MODULE = "drf-auth-class-used-in-module"
"""Tag of a class its own module names again (a view's `authentication_classes`)."""


class DrfSessionAuthCsrfOff(PythonRule):
    """## What it does
    Finds subclasses of Django REST framework's `SessionAuthentication` whose
    `enforce_csrf()` checks nothing (it returns at once, or only passes): the well-known
    `CsrfExemptSessionAuthentication` snippet. Also finds subclasses of it or of
    `BaseAuthentication` whose own `authenticate()` returns the user Django's middleware
    attached to the request (`(request._request.user, None)`, also through a name bound
    to it, `if user := getattr(request._request, "user", None): return (user, None)`) and
    never calls `enforce_csrf()`: the user of the session cookie, or of a header a
    sign-on proxy sets from its own cookie, accepted without the CSRF check that DRF's
    `SessionAuthentication.authenticate()` makes.

    ## Why is this bad?
    DRF exempts its views from Django's CSRF middleware and checks the token itself, in
    `SessionAuthentication.enforce_csrf()`, for requests the session cookie
    authenticates. Overridden to do nothing, every API view using the class (all of them,
    when it is in `DEFAULT_AUTHENTICATION_CLASSES`) accepts requests any site a logged-in
    user visits can send with their cookie: a form on another site posts to the API in
    their name.

    ## Known problems
    An `authenticate()` returning the request's user is reported with medium confidence:
    when every middleware that sets that user reads it from a header the client sends
    itself (an API token, not a cookie or a proxy's login), no other site can make the
    browser send it, and the missing check costs nothing.
    A class that only development or test settings modules name, in
    `REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]`, and that no other module
    imports nor its own module names again (a developer's settings letting an API client
    post without a token), is reported low: production never authenticates with it.

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
        "`{auth_class}.{method}()` {problem}: API views it authenticates by session accept"
        " requests forged by other sites"
    )
    fix = (
        "delete the override (DRF checks the CSRF token for session-authenticated requests);"
        " give other clients token authentication"
    )
    frameworks = frozenset({Framework.DJANGO})

    def visit_ClassDef(self, node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
        bases = {ctx.qualified(base) for base in node.bases}
        if not bases & _AUTH_BASES:
            return
        for statement in node.body:
            if not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if (
                _SESSION_AUTH in bases
                and statement.name == "enforce_csrf"
                and _does_nothing(statement.body)
            ):
                finding = self.finding(
                    ctx,
                    statement,
                    auth_class=node.name,
                    method="enforce_csrf",
                    problem="checks nothing",
                )
                yield _tagged(finding, ctx, node)
            elif statement.name == "authenticate" and _returns_middleware_user_unchecked(statement):
                finding = self.finding(
                    ctx,
                    statement,
                    auth_class=node.name,
                    confidence=Confidence.MEDIUM,
                    method="authenticate",
                    problem="returns the request's user without `enforce_csrf()`",
                )
                yield _tagged(finding, ctx, node)

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low when only development or test settings modules authenticate with the
        class, and no code of the project names it."""
        named = [t.removeprefix(_CLASS_TAG) for t in finding.tags if t.startswith(_CLASS_TAG)]
        django = project.django
        if not named or _USED_IN_MODULE in finding.tags or django is None:
            return finding
        qualified = named[0]
        defining = qualified.rpartition(".")[0]
        for summary in project.modules.values():
            imported = summary.imports.values()
            if (
                summary.module != defining
                and not summary.is_test
                and (qualified in imported or defining in imported)
            ):
                return finding  # NOTE: the class, or its module (`auth.TheClass`)
        naming = {
            settings.relpath
            for settings in django.settings.values()
            if _names_class(project, settings.module, qualified)
        }
        users = [settings for settings in django.judged if naming & set(settings.chain)]
        if not users or not all(settings.role.is_development for settings in users):
            return finding
        where = ", ".join(sorted(settings.relpath for settings in users))
        return lower_for_context(finding, Severity.LOW, f"only settings module {where} uses it")


def _tagged(finding: Finding, ctx: FileContext, node: ast.ClassDef) -> Finding:
    """The finding tagged with the class's qualified name, and whether its own module
    names it again, for `reassessed`."""
    tags = [f"{_CLASS_TAG}{ctx.module}.{node.name}"]
    if _named_again(ctx, node):
        tags.append(_USED_IN_MODULE)
    return dataclasses.replace(finding, tags=(*finding.tags, *tags))


def _named_again(ctx: FileContext, node: ast.ClassDef) -> bool:
    """Whether the module names the class anywhere but its definition."""
    return any(isinstance(name, ast.Name) and name.id == node.name for name in ctx.nodes(ast.Name))


def _names_class(project: ProjectModel, module: str, qualified: str) -> bool:
    """Whether a settings module names the class by its dotted path (in
    `DEFAULT_AUTHENTICATION_CLASSES`, however the list is built)."""
    ctx = project.read_module(module) if project.read_module is not None else None
    if ctx is None:
        return False
    return any(
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and (node.value == qualified or qualified.endswith(f".{node.value}"))
        and "." in node.value
        for node in ctx.nodes(ast.Constant)
    )


def _returns_middleware_user_unchecked(method: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether `authenticate(self, request)` calls no `enforce_csrf()` and returns a pair
    whose first item is the user Django's middleware attached to the request
    (`request._request.user`), or a name bound to it."""
    parameters = method.args.posonlyargs + method.args.args
    if len(parameters) < 2:
        return False
    request = parameters[1].arg
    nodes = list(ast.walk(method))
    if any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "enforce_csrf"
        for node in nodes
    ):
        return False
    bound = {
        target.id
        for node in nodes
        if isinstance(node, ast.Assign | ast.NamedExpr) and _middleware_user(node.value, request)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    return any(
        isinstance(node, ast.Return)
        and isinstance(node.value, ast.Tuple)
        and len(node.value.elts) == 2
        and (
            _middleware_user(node.value.elts[0], request)
            or (isinstance(node.value.elts[0], ast.Name) and node.value.elts[0].id in bound)
        )
        for node in nodes
    )


def _middleware_user(node: ast.expr, request: str) -> bool:
    """`request._request.user`, or `getattr(request._request, "user", ...)`."""
    if isinstance(node, ast.Attribute) and node.attr == "user":
        return _django_request(node.value, request)
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "getattr"
        and len(node.args) >= 2
        and _django_request(node.args[0], request)
        and isinstance(node.args[1], ast.Constant)
        and node.args[1].value == "user"
    )


def _django_request(node: ast.expr, request: str) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "_request"
        and isinstance(node.value, ast.Name)
        and node.value.id == request
    )


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
