"""WW782: a view that edits the account its URL names, with no check of who asks."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_FUNCTIONS = ast.FunctionDef | ast.AsyncFunctionDef
_HANDLERS = frozenset({"get", "post", "put", "patch", "form_valid"})
"""Methods of a class-based view that answer a request (`self, request, pk`)."""
_ACCOUNT_FIELDS = frozenset(
    {"email", "username", "password", "is_active", "is_staff", "is_superuser"}
)
"""Fields of Django's user that decide who can log in as the account, and with what rights."""
_OWNER_KEYS = {"user": "user", "user_id": "user", "user__pk": "user", "user__id": "user"}
"""Lookups of a row by the user it belongs to (`Profile.objects.get(user=pk)`): the
attribute the row reaches its user by."""
_USER_KEYS = frozenset({"pk", "id", "username"})
_USER_MODELS = frozenset({"User", "get_user_model", "AUTH_USER_MODEL"})
_GUARD_WORDS = ("permission", "staff", "superuser", "admin", "passes_test", "has_perm", "owner")
"""Words of a decorator, a base class or a read that restricts who may run the view."""
_SECRET_WORDS = ("token", "key", "code", "sign", "hash", "secret")
"""Words of a URL parameter carrying a secret: a link mailed to the account's owner
(`activate/<pk>/<token>/`), which proves who follows it once the view checks it."""


class RequestChosenAccountEdited(PythonRule):
    """## What it does
    Finds Django views that look up a user by a parameter of their URL (`User.objects.get(
    pk=pk)`, `get_object_or_404(User, pk=pk)`, or a row of the user's,
    `Profile.objects.get(user=pk)`) and change that account's email, user name, password,
    or its `is_active`, `is_staff` or `is_superuser` flag, without reading who asks: the
    view never reads `request.user`, and neither its decorators nor its class's bases
    are named for a permission, staff, superuser, admin or owner check (`@permission_required`,
    `UserPassesTestMixin`, `has_perm()`). Not a view whose URL also carries a secret (a
    parameter named for a token, key, code, signature or hash: an activation link mailed to
    the account's owner).

    ## Why is this bad?
    A login alone does not make an account the visitor's: any signed-in user can change
    the URL's number and rewrite another account. A new email address takes the account
    over through the password reset form; a cleared `is_active` locks its owner out.

    ## Known problems
    A check made elsewhere (a middleware, a URL prefix only staff can reach, a helper the
    view calls with `request`) is not seen.

    ## Example
    ```python
    from django.contrib.auth.decorators import login_required
    from django.contrib.auth.models import User
    from django.shortcuts import redirect


    @login_required
    def change_email(request, pk):
        user = User.objects.get(pk=pk)
        user.email = request.POST["email"]
        user.save()
        return redirect("/")
    ```

    ## Fix
    ```python
    from django.contrib.auth.decorators import login_required
    from django.shortcuts import redirect


    @login_required
    def change_email(request):
        user = request.user
        user.email = request.POST["email"]
        user.save()
        return redirect("/")
    ```
    Edit `request.user`, or compare the account looked up with it (or require a
    permission) before changing it.

    ## References
    - [CWE-639: Authorization Bypass Through User-Controlled Key](https://cwe.mitre.org/data/definitions/639.html)
    - [Django: limiting access to logged-in users that pass a test](https://docs.djangoproject.com/en/stable/topics/auth/default/#limiting-access-to-logged-in-users-that-pass-a-test)
    - [OWASP: Insecure Direct Object Reference Prevention](https://cheatsheetseries.owasp.org/cheatsheets/Insecure_Direct_Object_Reference_Prevention_Cheat_Sheet.html)
    """

    code = "WW782"
    name = "request-chosen-account-edited"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 639
    frameworks = frozenset({Framework.DJANGO})
    message = (
        "`{view}` changes `{field}` of the account its URL names (`{param}`) without "
        "checking it is the signed-in user's"
    )
    fix = "edit `request.user`, or compare the account with it (or require a permission) first"

    def visit_FunctionDef(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        owner = next(
            (a for a in ctx.ancestors(node) if isinstance(a, ast.ClassDef | _FUNCTIONS)), None
        )
        params = [a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)]
        if params[:1] == ["request"] and owner is None:
            url = params[1:]
        elif (
            isinstance(owner, ast.ClassDef)
            and params[:2] == ["self", "request"]
            and node.name in _HANDLERS
        ):
            url = params[2:]
        else:
            return
        if not url or _guarded(node, owner) or any(_secret(p) for p in url):
            return
        rows: dict[str, tuple[tuple[str, ...], str]] = {}
        for statement in ast.walk(node):
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target = statement.targets[0]
                found = _account_lookup(statement.value, url)
                if isinstance(target, ast.Name) and found is not None:
                    rows[target.id] = found
        if not rows:
            return
        for statement in ast.walk(node):
            edited = _edited(statement, rows)
            if edited is not None:
                field, param = edited
                view = f"{owner.name}.{node.name}" if isinstance(owner, ast.ClassDef) else node.name
                yield self.finding(ctx, statement, view=f"{view}()", field=field, param=param)
                return

    visit_AsyncFunctionDef = visit_FunctionDef


def _secret(param: str) -> bool:
    return any(word in param.lower() for word in _SECRET_WORDS)


def _dotted(node: ast.expr) -> list[str]:
    """`profile.user.email` -> profile, user, email; [] for anything but names."""
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return [*inner, node.attr] if inner else []
    return [node.id] if isinstance(node, ast.Name) else []


def _guarded(function: ast.FunctionDef | ast.AsyncFunctionDef, owner: ast.AST | None) -> bool:
    """Whether the view reads who asks (`request.user`, `self.request.user`, a permission
    test), or a decorator or base class restricts who may run it."""
    marks = [*function.decorator_list]
    if isinstance(owner, ast.ClassDef):
        marks += [*owner.bases, *owner.decorator_list]
    if any(word in ast.unparse(m).lower() for m in marks for word in _GUARD_WORDS):
        return True
    for node in ast.walk(function):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            if node.attr == "user" and _dotted(node.value)[-1:] == ["request"]:
                return True
            if any(word in node.attr.lower() for word in _GUARD_WORDS):
                return True
    return False


def _account_lookup(value: ast.expr, url: list[str]) -> tuple[tuple[str, ...], str] | None:
    """(the path from the row to its user, the URL parameter) when `value` looks one row
    up by a URL parameter: a user (`User.objects.get(pk=pk)`: no path) or a row of the
    user's (`Profile.objects.get(user=pk)`: `user`)."""
    if not isinstance(value, ast.Call):
        return None
    func = value.func
    if isinstance(func, ast.Attribute) and func.attr in {"first", "last"}:
        inner = func.value
        if not (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute)):
            return None
        value, func = inner, inner.func
        if func.attr != "filter":
            return None
    if isinstance(func, ast.Name) and func.id == "get_object_or_404" and value.args:
        model: ast.expr = value.args[0]
    elif isinstance(func, ast.Attribute) and func.attr in {"get", "filter"}:
        manager = func.value
        if not (isinstance(manager, ast.Attribute) and manager.attr == "objects"):
            return None
        model = manager.value
    else:
        return None
    names = _dotted(model.func if isinstance(model, ast.Call) else model)
    for keyword in value.keywords:
        if not (isinstance(keyword.value, ast.Name) and keyword.value.id in url):
            continue
        if keyword.arg in _OWNER_KEYS:
            return (_OWNER_KEYS[keyword.arg],), keyword.value.id
        if keyword.arg in _USER_KEYS and names[-1:] and names[-1] in _USER_MODELS:
            return (), keyword.value.id
    return None


def _edited(
    statement: ast.AST, rows: dict[str, tuple[tuple[str, ...], str]]
) -> tuple[str, str] | None:
    """(the account field, the URL parameter) when the statement sets an account field of
    a looked-up user (`user.email = ...`, `profile.user.is_active = ...`) or its password
    (`user.set_password(...)`)."""
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = list(statement.targets)
    elif isinstance(statement, ast.AugAssign | ast.AnnAssign):
        targets = [statement.target]
    elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        call = statement.value.func
        if isinstance(call, ast.Attribute) and call.attr == "set_password":
            targets = [ast.Attribute(value=call.value, attr="password", ctx=ast.Store())]
    for target in targets:
        chain = _dotted(target)
        if len(chain) < 2 or chain[0] not in rows or chain[-1] not in _ACCOUNT_FIELDS:
            continue
        path, param = rows[chain[0]]
        if tuple(chain[1:-1]) == path:
            return chain[-1], param
    return None
