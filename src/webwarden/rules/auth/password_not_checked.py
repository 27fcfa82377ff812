"""WW786: a library's password check overridden by one that never reads the password."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.names import last_part
from webwarden.rules.auth._password_hooks import (
    BACKEND_BASES,
    accepts_someone,
    hook_arguments,
    hook_methods,
    hook_parameters,
    library_base,
    matched_as_secret,
    reads,
)
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_VERIFY_DECORATOR = "verify_password"
_HTTPAUTH = frozenset({"flask_httpauth.HTTPBasicAuth", "flask_httpauth.MultiAuth"})
_NOT_A_NAME = ("token", "key")
"""Words of a first parameter that carries a credential itself (`username_or_token`)."""


class PasswordNotChecked(PythonRule):
    """## What it does
    Finds the password check of an authentication library overridden by a method that
    never reads the password it is given and may still return a user: Authlib's
    resource owner password grant (`authenticate_user(self, username, password)`),
    OAuthLib's and django-oauth-toolkit's `validate_user(...)`, Django REST framework's
    `BasicAuthentication.authenticate_credentials(...)`, Flask-BasicAuth's
    `check_credentials(...)`, Flask-HTTPAuth's `@auth.verify_password` callback, and a
    Django authentication backend's `authenticate(self, request, username=None,
    password=None)` (a subclass of `ModelBackend` or `BaseBackend`). A check that reads
    nothing but the account's name (in a Django backend, not the request, nor another
    argument that may carry another credential) is reported; not one whose first
    parameter is named for a token (`username_or_token`) or that looks it up or compares
    it as a secret (`filter_by(api_key=username)`: an API key sent as the user name), nor
    one that only ever returns `None` or `False`.

    ## Why is this bad?
    The library hands the override the password to check and trusts the user it returns:
    a method that looks the account up by name alone lets anyone in as anyone, with any
    password. Such overrides are often left over from development, the check commented
    out.

    ## Known problems
    Only overrides in a class whose base is the library's own class (or a class of the
    same module deriving from it) are found. A backend reading another argument is not
    reported, whatever that argument is.

    ## Example
    ```python
    from authlib.oauth2.rfc6749 import grants

    from app.models import User


    class PasswordGrant(grants.ResourceOwnerPasswordCredentialsGrant):
        def authenticate_user(self, username, password):
            return User.query.filter_by(name=username).first()
    ```

    ## Fix
    ```python
    from authlib.oauth2.rfc6749 import grants

    from app.models import User


    class PasswordGrant(grants.ResourceOwnerPasswordCredentialsGrant):
        def authenticate_user(self, username, password):
            user = User.query.filter_by(name=username).first()
            if user is not None and user.check_password(password):
                return user
            return None
    ```

    ## References
    - [CWE-287: Improper Authentication](https://cwe.mitre.org/data/definitions/287.html)
    - [Authlib: resource owner password credentials grant](https://docs.authlib.org/en/latest/specs/rfc6749.html#resource-owner-password-credentials-grant)
    - [Django: writing an authentication backend](https://docs.djangoproject.com/en/stable/topics/auth/customizing/#writing-an-authentication-backend)
    - [Flask-HTTPAuth: verify_password](https://flask-httpauth.readthedocs.io/en/latest/#flask_httpauth.HTTPBasicAuth.verify_password)
    """

    code = "WW786"
    name = "password-not-checked"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 287
    message = (
        "`{function}` is given the password to check and never reads it: any password "
        "logs in as the account named"
    )
    fix = "check the password (`user.check_password(password)`) before returning the user"
    mentions = ("password",)

    def visit_ClassDef(self, node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
        library = library_base(node, ctx)
        if library is None:
            return
        methods = hook_methods(library)
        backend = last_part(library) in BACKEND_BASES
        for statement in node.body:
            if not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if statement.name not in methods:
                continue
            found = hook_parameters(statement, backend=backend)
            if found is None or not _ignores_password(statement, *found, backend=backend):
                continue
            yield self.finding(
                ctx,
                statement,
                confidence=Confidence.MEDIUM if backend else None,
                function=f"{node.name}.{statement.name}()",
            )

    def visit_FunctionDef(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        if not any(_httpauth_callback(d, ctx) for d in node.decorator_list):
            return
        found = hook_parameters(node, backend=False)
        if found is None or any(word in found[0].lower() for word in _NOT_A_NAME):
            return
        if _ignores_password(node, *found, backend=False):
            yield self.finding(ctx, node, function=f"{node.name}()")

    visit_AsyncFunctionDef = visit_FunctionDef


def _httpauth_callback(decorator: ast.expr, ctx: FileContext) -> bool:
    """`@auth.verify_password` on an `HTTPBasicAuth()` (or `MultiAuth`) object."""
    if not isinstance(decorator, ast.Attribute) or decorator.attr != _VERIFY_DECORATOR:
        return False
    return ctx.origin(decorator.value) in _HTTPAUTH


def _ignores_password(
    function: ast.FunctionDef | ast.AsyncFunctionDef, username: str, password: str, *, backend: bool
) -> bool:
    """The body never reads `password` (nor, in a Django backend, any parameter but the
    account's name, which may carry another credential), and may return a user."""
    names = reads(function)
    if password in names or "locals" in names or matched_as_secret(function, username):
        return False
    if not backend:
        return username in names and accepts_someone(function)
    others = set(hook_arguments(function, backend=True)) - {username, password}
    for splat in (function.args.vararg, function.args.kwarg):
        if splat is not None:
            others.add(splat.arg)
    return not others & names and username in names and accepts_someone(function)
