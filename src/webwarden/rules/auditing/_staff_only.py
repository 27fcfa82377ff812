"""Views only a site's staff reach: what they are shown is shown to its administrators."""

from __future__ import annotations

import ast

from webwarden.model.names import last_part
from webwarden.rules.context import FileContext, identifier_words

_STAFF_WORDS = frozenset(
    {"admin", "admins", "administrator", "administrators", "staff", "superuser"}
)
_OPEN_WORDS = frozenset(
    {"or", "not", "read", "readonly", "owner", "anonymous", "unauthenticated", "safe"}
)
"""Words of a permission class that lets others through as well (`IsAdminOrReadOnly`)."""
_STAFF_DECORATORS = frozenset({"staff_member_required", "superuser_required"})
_CHECK_WORDS = frozenset({"required", "requires", "require", "roles", "role", "permission"})
"""Words of a decorator that lets through only users passing a check it names or is given
(`@admin_required`, `@roles_required("admin")`, `@requires(Permissions.administrator)`)."""
_ADMIN_CLASSES = frozenset(
    {"django.contrib.admin.ModelAdmin", "django.contrib.admin.options.ModelAdmin"}
)
"""A `ModelAdmin`'s views are reached through the admin site, by active staff alone."""


def staff_only(ctx: FileContext, node: ast.AST) -> bool:
    """Whether `node` is in a view only staff reach: a method of a class whose REST framework
    `permission_classes` include one named for administrators (`IsAdminUser`; every class
    listed must pass), or of a Django `ModelAdmin`, or a function under
    `@staff_member_required` or REST framework's `@permission_classes([IsAdminUser])`, or
    a Flask view's check named for administrators (`@admin_required`) or given only
    roles or permissions so named (`@roles_required("admin")`,
    `@requires(Permissions.server_administrator)`; not `Permission.admin_read`)."""
    function = ctx.scopes.enclosing_function(node)
    while function is not None:
        if any(_staff_decorator(ctx, decorator) for decorator in function.decorator_list):
            return True
        holder = ctx.parent(function)
        if isinstance(holder, ast.ClassDef):
            return _staff_class(ctx, holder)
        function = ctx.scopes.enclosing_function(function)
    return False


def _staff_decorator(ctx: FileContext, decorator: ast.expr) -> bool:
    """`@staff_member_required`, `@staff_member_required(login_url=...)`, or
    `@permission_classes([IsAdminUser])`."""
    called = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = last_part(ctx.qualified(called) or "")
    if name in _STAFF_DECORATORS:
        return True
    words = set(identifier_words(name))
    if words & _CHECK_WORDS and _staff_named(name):
        return True
    if (
        isinstance(decorator, ast.Call)
        and words & _CHECK_WORDS
        and decorator.args
        and all(_staff_argument(ctx, argument) for argument in decorator.args)
    ):
        return True
    return (
        name == "permission_classes"
        and isinstance(decorator, ast.Call)
        and len(decorator.args) == 1
        and _lists_staff_permission(ctx, decorator.args[0])
    )


def _staff_class(ctx: FileContext, node: ast.ClassDef) -> bool:
    if any(ctx.qualified(base) in _ADMIN_CLASSES for base in node.bases):
        return True
    for statement in node.body:
        if (
            isinstance(statement, ast.Assign)
            and any(
                isinstance(t, ast.Name) and t.id == "permission_classes" for t in statement.targets
            )
            and _lists_staff_permission(ctx, statement.value)
        ):
            return True
    return False


def _lists_staff_permission(ctx: FileContext, value: ast.expr) -> bool:
    """A literal list or tuple of permission classes one of which is named for staff
    (not one composed with `|`, which lets either through)."""
    if not isinstance(value, ast.List | ast.Tuple):
        return False
    for item in value.elts:
        if not isinstance(item, ast.Name | ast.Attribute):
            continue
        words = set(identifier_words(last_part(ctx.qualified(item) or "")))
        if words & _STAFF_WORDS and not words & _OPEN_WORDS:
            return True
    return False


def _staff_named(name: str) -> bool:
    """A name of administrators alone (`server_administrator`, `ADMIN`), not one letting
    others through too (`admin_or_read_only`)."""
    words = set(identifier_words(name))
    return bool(words & _STAFF_WORDS) and not words & _OPEN_WORDS


def _staff_argument(ctx: FileContext, argument: ast.expr) -> bool:
    """`"admin"`, `Role.ADMIN`, `Permissions.server_administrator`."""
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return _staff_named(argument.value)
    if isinstance(argument, ast.Name | ast.Attribute):
        return _staff_named(last_part(ctx.qualified(argument) or ""))
    return False
