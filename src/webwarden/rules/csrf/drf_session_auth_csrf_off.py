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
_CLASS_TAG = "drf-auth-class:"
"""Tag naming the class's qualified name, for the project step."""
_USED_IN_MODULE = "drf-auth-class-used-in-module"
"""Tag of a class its own module names again (a view's `authentication_classes`)."""


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

    ## Known problems
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
                finding = self.finding(ctx, statement, auth_class=node.name)
                tags = [f"{_CLASS_TAG}{ctx.module}.{node.name}"]
                if _named_again(ctx, node):
                    tags.append(_USED_IN_MODULE)
                yield dataclasses.replace(finding, tags=(*finding.tags, *tags))

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
