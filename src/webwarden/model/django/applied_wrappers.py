"""The wrappers a function of the project puts around a view it is given and returns.

`def admin_login_required(function): return user_passes_test(is_allowed)(function)`, or
`decorator = user_passes_test(...)` then `return decorator(function)`: a decorator
without an inner `def`, whose result is the view wrapped in Django's. And a URLconf
helper, `def admin_url(pattern, view, name): return url(pattern,
admin_login_required(view), name=name)`, imported as `url` by a URLconf: every route it
makes serves the view so wrapped.
"""

from __future__ import annotations

import ast

from webwarden.model.django.extract_urls import DJANGO_ROUTE_FUNCTIONS
from webwarden.model.module import FileContext


def applied_wrappers(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> list[ast.expr]:
    """The wrappers, outermost first, that the value `function` returns last applies to one
    of its parameters (for a route it returns, to the view it routes); empty when it
    returns anything else."""
    last = function.body[-1] if function.body else None
    if not isinstance(last, ast.Return) or not isinstance(last.value, ast.Call):
        return []
    value: ast.expr = last.value
    if isinstance(value, ast.Call) and ctx.qualified(value.func) in DJANGO_ROUTE_FUNCTIONS:
        value = ctx.argument(value, 1, "view") or value
    arguments = function.args
    parameters = {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
    found: list[ast.expr] = []
    while isinstance(value, ast.Call) and len(value.args) == 1 and not value.keywords:
        wrapper = value.func
        if isinstance(wrapper, ast.Name) and wrapper.id not in parameters:
            wrapper = ctx.lookup(wrapper) or wrapper
        found.append(wrapper)
        value = value.args[0]
    if not (isinstance(value, ast.Name) and value.id in parameters):
        return []
    return found
