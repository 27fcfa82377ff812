"""Branches of a Django module that run only with `settings.DEBUG` on.

`if settings.DEBUG:` in a URLconf adds the development server's routes (static files,
the debug toolbar, an admin kept off the deployed site): the project, deployed with
`DEBUG` off, does not serve them.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext


def served_under_debug(ctx: FileContext, node: ast.AST) -> bool:
    """Whether `node` sits in the branch of an `if` that runs only when `settings.DEBUG`
    is on (the body of `if settings.DEBUG:`, the `else` of `if not settings.DEBUG:`): a
    URL pattern added there is served by a development server, not where the project is
    deployed with `DEBUG` off."""
    child = node
    for parent in ctx.ancestors(node):
        if isinstance(parent, ast.If):
            on = debug_test(ctx, parent.test)
            if (on is True and child in parent.body) or (on is False and child in parent.orelse):
                return True
        child = parent
    return False


def debug_test(ctx: FileContext, test: ast.expr) -> bool | None:
    """True for a test that holds only with `DEBUG` on (`settings.DEBUG`, also joined by
    `and`), False for one that fails only then (`not settings.DEBUG`), else None."""
    match test:
        case ast.Attribute() | ast.Call():
            return True if _setting_read(ctx, test) == _SETTINGS + "DEBUG" else None
        case ast.BoolOp(op=ast.And(), values=values):
            return True if any(debug_test(ctx, v) is True for v in values) else None
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            return False if debug_test(ctx, operand) is True else None
    return None


_SETTINGS = "django.conf.settings."


def setting_guards(ctx: FileContext, test: ast.expr) -> tuple[str, ...]:
    """The settings other than `DEBUG` a test needs true (`settings.USE_SILK`, also
    joined by `and`): a branch it guards runs only with `DEBUG` on when one of them is
    the project's alias of `DEBUG` (see `webwarden.model.django.debug_flags`)."""
    match test:
        case ast.Attribute() | ast.Call():
            name = _setting_read(ctx, test) or ""
            if name.startswith(_SETTINGS) and name != _SETTINGS + "DEBUG":
                return (name.removeprefix(_SETTINGS),)
        case ast.BoolOp(op=ast.And(), values=values):
            return tuple(guard for value in values for guard in setting_guards(ctx, value))
    return ()


def _setting_read(ctx: FileContext, node: ast.expr) -> str | None:
    """The qualified name of the setting `node` reads: `settings.DEBUG`, or
    `getattr(settings, "DEBUG", False)` with no default or a false constant one (a true
    default would hold for a project that never sets it)."""
    if isinstance(node, ast.Attribute):
        return ctx.qualified(node)
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "getattr"
        and len(node.args) in {2, 3}
        and not node.keywords
    ):
        return None
    holder, name = node.args[0], node.args[1]
    default = node.args[2] if len(node.args) == 3 else None
    if default is not None and not (isinstance(default, ast.Constant) and not default.value):
        return None
    if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
        return None
    qualified = ctx.qualified(holder) if isinstance(holder, ast.Name | ast.Attribute) else None
    return f"{qualified}.{name.value}" if qualified == _SETTINGS.rstrip(".") else None
