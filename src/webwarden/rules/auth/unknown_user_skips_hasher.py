"""WW787: a Django authentication backend that answers an unknown account without hashing."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.names import last_part
from webwarden.model.scopes import scope_statements
from webwarden.model.tree import walk
from webwarden.rules.auth._password_hooks import (
    BACKEND_BASES,
    hook_arguments,
    hook_parameters,
    keyword_password,
    library_base,
)
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_MISSING = frozenset({"DoesNotExist", "ObjectDoesNotExist"})
"""What a model's `get()` raises for no row: `User.DoesNotExist`, or its base
`django.core.exceptions.ObjectDoesNotExist`."""
_CHECKS = frozenset({"check_password"})
_HASHERS = frozenset({"set_password", "make_password", "check_password", "encode"})
"""Calls that run the password hasher: Django's `set_password(raw)` on a throwaway
user (what `ModelBackend` does), `make_password`, `check_password`, a hasher's `encode`."""
_LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "log"})


class UnknownUserSkipsHasher(PythonRule):
    """## What it does
    Finds a Django authentication backend's `authenticate()` (a subclass of
    `ModelBackend` or `BaseBackend`, or of a class of the module deriving from one, or a
    class of no such base that takes the request first and defines `get_user()` beside
    it, as Django's backend protocol asks) that checks the password it is given (`check_password(password, user.password)`,
    `user.check_password(password)`; also one taking the credentials as `**kwargs` and
    reading the password by its key, `password = kwargs.pop("password", None)`) only for
    an account its lookup found, and whose handler for no such account (`except
    User.DoesNotExist:`, `ObjectDoesNotExist`) answers without running the password
    hasher: it returns, passes or only logs. Only the handlers of a lookup the password
    check follows count (not those of a lookup by an e-mailed token in another branch). Not
    reported when the handler runs the hasher (`UserModel().set_password(password)`,
    as Django's `ModelBackend` does, `make_password(password)`), nor when the method
    runs it on the password before the lookup.

    ## Why is this bad?
    Django's hashers are slow on purpose (PBKDF2 with hundreds of thousands of
    iterations): a login for an existing account takes a noticeable time longer than
    one for an unknown name, so anyone timing the login form learns which e-mail
    addresses or user names have an account, the first step of credential stuffing and
    targeted phishing. Django's own `ModelBackend` runs the hasher once for an unknown
    user for this reason (ticket #20760); a custom backend loses that protection.

    ## Known problems
    Only a lookup that raises (`objects.get(...)` in a `try`) is followed; a backend
    that returns early when `filter(...).first()` gives `None` is not reported. Whether
    the backend is listed in `AUTHENTICATION_BACKENDS` is not checked.

    ## Example
    ```python
    from django.contrib.auth import get_user_model
    from django.contrib.auth.backends import ModelBackend

    User = get_user_model()


    class EmailBackend(ModelBackend):
        def authenticate(self, request, username=None, password=None, **kwargs):
            try:
                user = User.objects.get(email__iexact=username)
            except User.DoesNotExist:
                return None
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
    ```

    ## Fix
    ```python
    from django.contrib.auth import get_user_model
    from django.contrib.auth.backends import ModelBackend

    User = get_user_model()


    class EmailBackend(ModelBackend):
        def authenticate(self, request, username=None, password=None, **kwargs):
            try:
                user = User.objects.get(email__iexact=username)
            except User.DoesNotExist:
                User().set_password(password)  # as long as for an existing account
                return None
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
    ```

    ## References
    - [CWE-208: Observable Timing Discrepancy](https://cwe.mitre.org/data/definitions/208.html)
    - [Django: `ModelBackend.authenticate`](https://docs.djangoproject.com/en/stable/ref/contrib/auth/#django.contrib.auth.backends.ModelBackend.authenticate)
    - [Django ticket #20760: timing difference between existing and missing users](https://code.djangoproject.com/ticket/20760)
    - [OWASP: Authentication Cheat Sheet, authentication responses](https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#authentication-responses)
    """

    code = "WW787"
    name = "unknown-user-skips-hasher"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 208
    frameworks = frozenset({Framework.DJANGO})
    message = (
        "`{function}` answers an unknown account without running the password hasher: "
        "its timing tells which accounts exist"
    )
    fix = (
        "run the hasher for an unknown account too "
        "(`UserModel().set_password(password)`, as `ModelBackend` does)"
    )
    mentions = ("DoesNotExist",)

    def visit_ClassDef(self, node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
        library = library_base(node, ctx)
        if library is None and not _backend_protocol(node):
            return
        if library is not None and last_part(library) not in BACKEND_BASES:
            return
        for statement in node.body:
            if not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if statement.name != "authenticate":
                continue
            parameters = hook_parameters(statement, backend=True)
            password = keyword_password(statement) if parameters is None else parameters[1]
            if password is None:
                continue
            for handler in _unhashed_handlers(statement, password):
                yield self.finding(ctx, handler, function=f"{node.name}.authenticate()")


def _backend_protocol(node: ast.ClassDef) -> bool:
    """A class of no library base that defines both `authenticate(self, request, ...)`
    and `get_user()`: what Django's documentation asks of a backend, which
    `AUTHENTICATION_BACKENDS` may name whatever it derives from (`class EmailBackend:`,
    `(object)`).

    NOTE: not an `authenticate()` without the request first: Django (2.1 on) hands the
    request to every backend first and skips one whose signature cannot take it, so such
    a method is never called."""
    methods = {
        s.name: s for s in node.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    authenticate = methods.get("authenticate")
    if authenticate is None or "get_user" not in methods:
        return False
    params = hook_arguments(authenticate, backend=False)
    return bool(params) and params[0] == "request"


def _unhashed_handlers(
    function: ast.FunctionDef | ast.AsyncFunctionDef, password: str
) -> Iterator[ast.ExceptHandler]:
    """The handlers for a missing account that run no hasher, when the method checks
    `password` elsewhere and runs the hasher nowhere outside its checks."""
    checked = False
    handlers: list[ast.ExceptHandler] = []
    for node in scope_statements(function):
        if isinstance(node, ast.Call):
            called = _called(node)
            if called in _CHECKS and _passes(node, password):
                checked = True
            elif called in _HASHERS and _passes(node, password):
                return  # NOTE: the hasher runs on the password whatever the lookup found
        elif isinstance(node, ast.Try):
            handlers.extend(_lookup_handlers(function, node, password))
    if not checked:
        return
    for handler in handlers:
        if not any(_runs_code(node) for statement in handler.body for node in walk(statement)):
            yield handler


def _lookup_handlers(
    function: ast.FunctionDef | ast.AsyncFunctionDef, statement: ast.Try, password: str
) -> list[ast.ExceptHandler]:
    """The handlers for a missing account of a `try` whose lookup the password check
    follows (in its body, its `else` or after it): not those of a lookup by a token in
    another branch of the method (`uidb36` and `token` given instead of a password)."""
    after = [*statement.body, *statement.orelse, *_following(function, statement)]
    if not any(
        isinstance(node, ast.Call) and _called(node) in _CHECKS and _passes(node, password)
        for part in after
        for node in walk(part)
    ):
        return []
    return [h for h in statement.handlers if _catches_missing(h.type)]


def _following(
    function: ast.FunctionDef | ast.AsyncFunctionDef, statement: ast.stmt
) -> list[ast.stmt]:
    """The statements after `statement` in the block that holds it."""
    for node in walk(function):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and statement in block:
                return block[block.index(statement) + 1 :]
    return []


def _called(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _passes(call: ast.Call, name: str) -> bool:
    """Whether the call is given the variable `name` (positionally or by keyword)."""
    values = [*call.args, *(k.value for k in call.keywords)]
    return any(isinstance(v, ast.Name) and v.id == name for v in values)


def _catches_missing(caught: ast.expr | None) -> bool:
    if caught is None:
        return False
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    for name in names:
        last = name.attr if isinstance(name, ast.Attribute) else getattr(name, "id", "")
        if last in _MISSING:
            return True
    return False


def _runs_code(node: ast.AST) -> bool:
    """A call in a handler, but a log line's: it may run the hasher, or take as long."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return not (isinstance(func, ast.Attribute) and func.attr in _LOG_METHODS)
