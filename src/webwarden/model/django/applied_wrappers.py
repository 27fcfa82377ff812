"""The wrappers a function of the project puts around a view it is given and returns.

`def admin_login_required(function): return user_passes_test(is_allowed)(function)`, or
`decorator = user_passes_test(...)` then `return decorator(function)`: a decorator
without an inner `def`, whose result is the view wrapped in Django's. Also one that
rebinds its parameter wrapper by wrapper before returning it (`view =
user_passes_test(is_agent)(view)`, then `return view`), one handing the view to another
such function with options (`return agents_only(view, login_url="/in/")`), and a
factory returning such a decorator (`def require(perms): def decorator(view): return
login_required(view)`, then `return decorator`), whose call names the factory. And a
URLconf helper, `def admin_url(pattern, view, name): return url(pattern,
admin_login_required(view), name=name)`, imported as `url` by a URLconf: every route it
makes serves the view so wrapped.
"""

from __future__ import annotations

import ast

from webwarden.model.django.extract_urls import DJANGO_ROUTE_FUNCTIONS
from webwarden.model.module import FileContext

_Function = ast.FunctionDef | ast.AsyncFunctionDef


def applied_wrappers(ctx: FileContext, function: _Function) -> list[ast.expr]:
    """The wrappers, outermost first, that the value `function` returns last applies to one
    of its parameters (for a route it returns, to the view it routes; for a decorator it
    defines and returns, to that decorator's parameter); empty when it returns anything
    else."""
    last = function.body[-1] if function.body else None
    if not isinstance(last, ast.Return) or last.value is None:
        return []
    value: ast.expr = last.value
    if isinstance(value, ast.Name):
        decorator = _returned_decorator(function, value.id)
        if decorator is not None:
            return applied_wrappers(ctx, decorator)
    if isinstance(value, ast.Call) and ctx.qualified(value.func) in DJANGO_ROUTE_FUNCTIONS:
        value = ctx.argument(value, 1, "view") or value
    parameters = _parameters(function)
    found = _wrappers(ctx, value, parameters)
    if found is None:
        return []
    parameter, outer = found
    inner = _rebinding(ctx, function, parameter, parameters)
    return [] if inner is None else outer + inner


def _wrappers(
    ctx: FileContext, value: ast.expr, parameters: set[str]
) -> tuple[str, list[ast.expr]] | None:
    """The parameter `value` wraps and the wrappers around it, outermost first: calls each
    given the view as their one positional argument (`login_required(view,
    login_url=...)` too); None when `value` wraps no parameter."""
    found: list[ast.expr] = []
    while isinstance(value, ast.Call) and len(value.args) == 1:
        wrapper = value.func
        if isinstance(wrapper, ast.Name) and wrapper.id not in parameters:
            wrapper = ctx.lookup(wrapper) or wrapper
        found.append(wrapper)
        value = value.args[0]
    if not (isinstance(value, ast.Name) and value.id in parameters):
        return None
    return value.id, found


def _rebinding(
    ctx: FileContext, function: _Function, parameter: str, parameters: set[str]
) -> list[ast.expr] | None:
    """The wrappers that statements of the body's top level (each runs) put around
    `parameter` by rebinding it (`view = login_required(view)`), the last one outermost;
    wrappers applied under a test or in a loop may not run and are left out. None when
    one binds the name to something else than the view."""
    found: list[ast.expr] = []
    for stmt in function.body[:-1]:
        if not (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id == parameter
        ):
            continue
        wrapped = _wrappers(ctx, stmt.value, parameters)
        if wrapped is None or wrapped[0] != parameter:
            return None
        found = wrapped[1] + found
    return found


def _returned_decorator(function: _Function, name: str) -> _Function | None:
    """The function of that name defined at the top level of `function`'s body, which it
    returns: a decorator a factory makes."""
    found = None
    for stmt in function.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and stmt.name == name:
            found = stmt
    return found


def _parameters(function: _Function) -> set[str]:
    arguments = function.args
    return {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
