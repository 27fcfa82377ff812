"""Handlers of a class-based view that turn the anonymous away themselves."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_PLAIN_VIEWS = frozenset(
    {"django.views.View", "django.views.generic.View", "django.views.generic.base.View"}
)
"""Django's view class that defines no handler of its own: a subclass's are all in sight."""
_HANDLERS = frozenset({"get", "post", "put", "patch", "delete", "head", "trace"})
_MIXIN_MODULE = "django.contrib.auth.mixins."
_LOGIN_TESTS = frozenset({"is_authenticated", "is_anonymous"})


def handlers_refuse_anonymous(ctx: FileContext, node: ast.ClassDef, view: ast.expr) -> bool:
    """Whether the view class is Django's plain `View`, the class's other bases Django's
    access mixins (no base brings a handler out of sight), it defines handlers, and
    each starts by refusing the anonymous: `if not request.user.is_authenticated:` (or
    `if request.user.is_anonymous:`, or `if not logged_in(request):` of a module
    function testing it) whose body answers."""
    if ctx.qualified(view) not in _PLAIN_VIEWS or any(
        base is not view and not (ctx.qualified(base) or "").startswith(_MIXIN_MODULE)
        for base in node.bases
    ):
        return False
    handlers = [
        s
        for s in node.body
        if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) and s.name in _HANDLERS
    ]
    return bool(handlers) and all(_starts_refusing(ctx, h) for h in handlers)


def _starts_refusing(ctx: FileContext, handler: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    body = handler.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # NOTE: a docstring
    first = body[0] if body else None
    return (
        isinstance(first, ast.If)
        and isinstance(first.body[-1], ast.Return | ast.Raise)
        and _anonymous_test(ctx, first.test)
    )


def _anonymous_test(ctx: FileContext, test: ast.expr) -> bool:
    """True for the anonymous: `not <user>.is_authenticated`, `<user>.is_anonymous`,
    `not helper(request)` of a module function testing its argument's user so."""
    negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
    inner = test.operand if isinstance(test, ast.UnaryOp) and negated else test
    match inner:
        case ast.Attribute(attr="is_authenticated", value=ast.Attribute(attr="user")):
            return negated
        case ast.Attribute(attr="is_anonymous", value=ast.Attribute(attr="user")):
            return not negated
        case ast.Call(func=ast.Name(id=name), args=[ast.Name()]) if negated:
            helper = ctx.module_function(name)
            return helper is not None and _answers_login(helper)
    return False


def _answers_login(helper: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a function tests its first parameter's user for a login and returns only
    `True` or `False` (`def is_logged_in(request): if not
    request.user.is_authenticated: return False; return True`)."""
    if not helper.args.args:
        return False
    parameter = helper.args.args[0].arg
    tests = any(
        isinstance(n, ast.Attribute)
        and n.attr in _LOGIN_TESTS
        and isinstance(n.value, ast.Attribute)
        and n.value.attr == "user"
        and isinstance(n.value.value, ast.Name)
        and n.value.value.id == parameter
        for n in ast.walk(helper)
    )
    returns = [n for n in ast.walk(helper) if isinstance(n, ast.Return)]
    return (
        tests
        and bool(returns)
        and all(
            isinstance(r.value, ast.Constant) and isinstance(r.value.value, bool) for r in returns
        )
    )
