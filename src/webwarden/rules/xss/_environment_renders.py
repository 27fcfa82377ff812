"""The renderings of the templates a Jinja2 environment loads in the scope it is made in.

WW540 leaves an environment without autoescape alone when what its templates render
provably goes where escaping is not wanted or not needed: cleaned as a whole, kept under
a name saying what other text it is, written to the terminal. Each such judgement asks the
same question first: every `render()` of a template the environment loads there.
"""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

LOADERS = frozenset({"get_template", "select_template", "from_string"})
SETUP_TABLES = frozenset({"filters", "globals", "tests", "policies"})
_BULK_SETUP = frozenset({"update", "setdefault"})


def environment_renders(
    environment: ast.Call, ctx: FileContext
) -> tuple[list[ast.Call], ast.AST] | None:
    """Every `render()` call of a template the environment, assigned to a name, loads in
    the scope it is made in (chained, `env.from_string(text).render()`, or through the
    name the template is assigned to), with that scope; None when the environment or a
    template it loads is used in any other way there (returned, passed on, streamed).
    Filling its setup tables (`env.filters["x"] = f`, `env.globals.update(...)`) is no
    use."""
    target = ctx.assigned_name(environment)
    if target is None:
        return None
    scope = ctx.scopes.enclosing_function(environment) or ctx.tree
    renders: list[ast.Call] = []
    for use in loads_of(target, scope):
        attribute = ctx.parent(use)
        if not isinstance(attribute, ast.Attribute):
            return None
        holder = ctx.parent(attribute)
        if attribute.attr in SETUP_TABLES and sets_up(holder, ctx):
            continue
        if attribute.attr not in LOADERS or not isinstance(holder, ast.Call):
            return None
        calls = _render_calls(holder, scope, ctx)
        if calls is None:
            return None
        renders += calls
    return renders, scope


def sets_up(holder: ast.AST | None, ctx: FileContext) -> bool:
    """Whether a setup table of the environment is filled: one item
    (`env.filters["x"] = f`) or many (`env.filters.update(filters)`)."""
    if isinstance(holder, ast.Subscript):
        return True
    return (
        isinstance(holder, ast.Attribute)
        and holder.attr in _BULK_SETUP
        and isinstance(ctx.parent(holder), ast.Call)
    )


def loads_of(name: str, scope: ast.AST) -> list[ast.Name]:
    """Every read of `name` in `scope`."""
    return [
        use
        for use in ast.walk(scope)
        if isinstance(use, ast.Name) and use.id == name and isinstance(use.ctx, ast.Load)
    ]


def _render_calls(loaded: ast.Call, scope: ast.AST, ctx: FileContext) -> list[ast.Call] | None:
    """The `render()` calls of the template a loader call gives; None when the template is
    used otherwise."""
    holder = ctx.parent(loaded)
    if isinstance(holder, ast.Attribute):
        call = ctx.parent(holder)
        if holder.attr == "render" and isinstance(call, ast.Call):
            return [call]
        return None
    name = ctx.assigned_name(loaded)
    if name is None:
        return None
    calls: list[ast.Call] = []
    for use in loads_of(name, scope):
        method = ctx.parent(use)
        call = ctx.parent(method) if isinstance(method, ast.Attribute) else None
        if not (isinstance(method, ast.Attribute) and method.attr == "render"):
            return None
        if not isinstance(call, ast.Call):
            return None
        calls.append(call)
    return calls
