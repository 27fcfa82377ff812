"""The password checks of authentication libraries that a project overrides (WW786)."""

from __future__ import annotations

import ast

from webwarden.model.module import name_of, sounds_secret
from webwarden.model.names import last_part
from webwarden.model.tree import own_returns
from webwarden.rules.context import FileContext

_HOOKS = (
    ("authlib.", "ResourceOwnerPasswordCredentialsGrant", "authenticate_user"),
    ("oauthlib.", "RequestValidator", "validate_user"),
    ("oauth2_provider.", "OAuth2Validator", "validate_user"),
    ("rest_framework.", "BasicAuthentication", "authenticate_credentials"),
    ("flask_basicauth.", "BasicAuth", "check_credentials"),
)
"""(package, class, method): the method the library hands a user's name and password,
in this order, trusting the user (or truth) it returns."""
BACKEND_BASES = frozenset({"ModelBackend", "BaseBackend", "AllowAllUsersModelBackend"})
"""Django's authentication backends: `authenticate(request, username=..., password=...)`
on a subclass is called by `django.contrib.auth.authenticate()` with the login form's
credentials, and may take others by keyword."""
_PASSWORD_NAMES = frozenset({"password", "passwd", "raw_password"})


def hook_methods(qualified: str) -> frozenset[str]:
    """The password-checking methods of the library class `qualified` (empty: none)."""
    name = last_part(qualified)
    if qualified.startswith("django.contrib.auth.") and name in BACKEND_BASES:
        return frozenset({"authenticate"})
    return frozenset(
        method for package, cls, method in _HOOKS if qualified.startswith(package) and name == cls
    )


def hook_arguments(function: ast.FunctionDef | ast.AsyncFunctionDef, *, backend: bool) -> list[str]:
    """The names of the hook's parameters after `self` (or `cls`), in order, a Django
    backend's keyword-only ones too (it is called with keywords)."""
    params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    if params and params[0] in {"self", "cls"}:
        params = params[1:]
    if backend:
        params += [a.arg for a in function.args.kwonlyargs]
    return params


def hook_parameters(
    function: ast.FunctionDef | ast.AsyncFunctionDef, *, backend: bool
) -> tuple[str, str] | None:
    """The names the hook gives the account's name and the password: the first two
    parameters after `self`, or for a Django backend the one named `password` and the
    one before it (not the request)."""
    params = hook_arguments(function, backend=backend)
    if backend:
        index = next((i for i, p in enumerate(params) if p in _PASSWORD_NAMES), None)
        if index is None or index == 0 or params[index - 1] == "request":
            return None
        return params[index - 1], params[index]
    return (params[0], params[1]) if len(params) >= 2 else None


def keyword_password(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The local a Django backend taking its credentials as `**kwargs` binds the password
    to (`password = kwargs.pop("password", None)`, `kwargs.get("password")`,
    `kwargs["password"]`), or None."""
    if function.args.kwarg is None:
        return None
    given = function.args.kwarg.arg
    for node in ast.walk(function):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target, value = node.targets[0], node.value
        if not isinstance(target, ast.Name):
            continue
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
            read = value.func.value if value.func.attr in {"pop", "get"} else None
            key = value.args[0] if value.args else None
        elif isinstance(value, ast.Subscript):
            read, key = value.value, value.slice
        else:
            continue
        if (
            isinstance(read, ast.Name)
            and read.id == given
            and isinstance(key, ast.Constant)
            and key.value in _PASSWORD_NAMES
        ):
            return target.id
    return None


def reads(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The names the function's body reads."""
    return {
        node.id
        for statement in function.body
        for node in ast.walk(statement)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }


def accepts_someone(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether some `return` of the function itself (not of one nested in it) gives a
    value other than `None` or `False`."""
    return any(
        node.value is not None
        and not (isinstance(node.value, ast.Constant) and node.value.value in {None, False})
        for node in own_returns(function)
    )


def matched_as_secret(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """Whether the account's name is looked up or compared as a secret itself
    (`filter_by(api_key=username)`, `username == settings.API_TOKEN`): an API key sent
    as the user name of HTTP basic auth, the password left empty."""
    for node in ast.walk(function):
        if isinstance(node, ast.keyword) and _is_name(node.value, name):
            if node.arg is not None and sounds_secret(node.arg):
                return True
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_is_name(o, name) for o in operands) and any(
                (found := name_of(o)) is not None and sounds_secret(found) for o in operands
            ):
                return True
    return False


def _is_name(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def library_base(node: ast.ClassDef, ctx: FileContext) -> str | None:
    """The library class with a password check (`hook_methods`) the class derives from,
    directly or through a class of its module."""
    seen: set[str] = set()
    pending = list(node.bases)
    while pending:
        base = pending.pop()
        name = ctx.qualified(base)
        if name is None:
            continue
        if hook_methods(name):
            return name
        local = last_part(name)
        if isinstance(base, ast.Name) and local not in seen:
            seen.add(local)
            pending += [
                b
                for s in ctx.tree.body
                if isinstance(s, ast.ClassDef) and s.name == local
                for b in s.bases
            ]
    return None
