"""Environment variables a module sets for its own process: `os.environ.setdefault(
"DJANGO_SETTINGS_MODULE", "shop.settings")`, `os.environ["APP_SETTINGS"] = "app.config.
ProductionConfig"`. A `manage.py` or `wsgi.py` chooses the settings so; a Flask launcher
chooses the config object its factory loads."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Location
from webwarden.model.module import FileContext

_SETDEFAULT = frozenset({"os.environ.setdefault", "os.putenv"})


def set_variables(ctx: FileContext, stmt: ast.stmt) -> Iterator[tuple[str, str, Location]]:
    """(variable, value, where) of `os.environ.setdefault(variable, "value")`,
    `os.putenv(variable, "value")` or `os.environ[variable] = "value"`."""
    if isinstance(stmt, ast.Expr) and isinstance(call := stmt.value, ast.Call):
        if ctx.call_name(call) in _SETDEFAULT and len(call.args) == 2:
            key, value = ctx.evaluate(call.args[0]), ctx.evaluate(call.args[1])
            if isinstance(key, str) and isinstance(value, str):
                yield key, value, ctx.location(call)
    elif isinstance(stmt, ast.Assign) and isinstance(target := stmt.targets[0], ast.Subscript):
        key, value = ctx.evaluate(target.slice), ctx.evaluate(stmt.value)
        if (
            ctx.qualified(target.value) == "os.environ"
            and isinstance(key, str)
            and isinstance(value, str)
        ):
            yield key, value, ctx.location(stmt)


def module_level_sets(ctx: FileContext) -> tuple[tuple[str, str], ...]:
    """(variable, value) of what the module body sets as it runs, also in its `if`, `try`
    and `with` blocks (`if not os.getenv("APP_SETTINGS"): os.environ[...] = ...`); not
    what a function sets, which runs only when something calls it."""
    if not (ctx.mentions("environ") or ctx.mentions("putenv")):
        return ()
    found: set[tuple[str, str]] = set()
    stack = list(ctx.tree.body)
    while stack:
        stmt = stack.pop()
        if isinstance(stmt, ast.If | ast.Try):
            stack += [*stmt.body, *stmt.orelse]
        elif isinstance(stmt, ast.With):
            stack += stmt.body
        else:
            found.update((key, value) for key, value, _ in set_variables(ctx, stmt))
    return tuple(sorted(found))
