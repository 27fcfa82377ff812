"""Django settings that hold a URL with a fixed scheme and host, as the code reading them
through `django.conf.settings` sees them."""

from __future__ import annotations

import ast

from webwarden.analysis.environment import DeployTime, evaluate_setting
from webwarden.analysis.taint.shapes import closed_template
from webwarden.model.module import FileContext


def settings_urls(ctx: FileContext) -> dict[str, bool]:
    """The settings a settings module binds (upper-case names) -> whether every value it
    gives the name is a URL with a fixed scheme and host: a literal
    (`API_URL = "https://api.example.com/v1/"`) or an environment read whose default is
    one (`config("API_URL", default="https://api.example.com/v1/")`). What the operator
    sets instead is a URL of the same kind, and what code appends to it is in its path.
    Any other binding of the name (a computed value, in a function, augmented) leaves it
    open. Empty for a module that is not a settings module."""
    if not ctx.is_settings_module:
        return {}
    found: dict[str, bool] = {}
    for node in ctx.nodes(ast.Name):
        assert isinstance(node, ast.Name)  # noqa: S101 - asked by type
        if not isinstance(node.ctx, ast.Store) or not node.id.isupper():
            continue
        closed = _closed_binding(ctx, node)
        found[node.id] = found.get(node.id, True) and closed
    return found


def _closed_binding(ctx: FileContext, target: ast.Name) -> bool:
    """Whether `target` is the only target of a module-level assignment of a URL with a
    fixed scheme and host."""
    statement = ctx.parent(target)
    if not (
        isinstance(statement, ast.Assign)
        and statement.targets == [target]
        and ctx.scopes.enclosing_scope(statement) is ctx.tree
    ):
        return False
    value = evaluate_setting(ctx, statement.value)
    if isinstance(value, DeployTime):
        value = value.if_unset
    return isinstance(value, str) and closed_template(value)
