"""What a Django view decorator applies, seen through `method_decorator`."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

METHOD_DECORATOR = "django.utils.decorators.method_decorator"


def applied(ctx: FileContext, decorator: ast.expr) -> list[ast.expr]:
    """The decorators `decorator` applies: those `method_decorator(...)` wraps (one or a
    list, `@method_decorator([csrf_exempt, never_cache], name="dispatch")`), or itself."""
    if (
        isinstance(decorator, ast.Call)
        and ctx.call_name(decorator) == METHOD_DECORATOR
        and decorator.args
    ):
        wrapped = decorator.args[0]
        return list(wrapped.elts) if isinstance(wrapped, ast.List | ast.Tuple) else [wrapped]
    return [decorator]
