"""Modules that may hold Flask views without importing Flask or an extension themselves.

A view module may take all it needs from the project's own modules: the blueprint it
routes on (`from app.api import bp`, then `@bp.route(...)`), and the request
(`from app.common import request`, where `app/common.py` imports Flask's). The per-file
step cannot tell what those names stand for (the project step resolves them), so it
screens by the shapes alone: a function routed on an imported object's route decorator,
or a name of a request imported from a module of the project's own package. Such a
module's facts are kept as a Flask module's are (its functions' decorators and bodies),
and the project step attaches a route only to an object it knows for an app or a
blueprint.
"""

from __future__ import annotations

import ast

from webwarden.model.flask.request_names import request_candidates
from webwarden.model.flask.views import ROUTE_DECORATORS
from webwarden.model.module import FileContext

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def may_hold_views(ctx: FileContext) -> bool:
    """Whether the module routes a function on an object it imports, or imports a
    request from its own package (see the module docstring)."""
    return _routes_on_imported(ctx) or _imports_own_request(ctx)


def _routes_on_imported(ctx: FileContext) -> bool:
    """`@bp.route("/x")` (or `@bp.get(...)` and the like) with `bp` imported."""
    names = ctx.names
    for kind in _FUNCTIONS:
        for node in ctx.nodes(kind):
            assert isinstance(node, _FUNCTIONS)  # noqa: S101 - nodes of that kind
            for decorator in node.decorator_list:
                func = decorator.func if isinstance(decorator, ast.Call) else None
                if (
                    isinstance(func, ast.Attribute)
                    and func.attr in ROUTE_DECORATORS
                    and isinstance(func.value, ast.Name)
                    and names.binds_import(func.value.id)
                ):
                    return True
    return False


def _imports_own_request(ctx: FileContext) -> bool:
    """`from app.common import request` (or a relative import of it, or `flask_request`)
    in a module of the `app` package: a request, imported from the project itself (a
    candidate the project step confirms, see `request_names`)."""
    return bool(request_candidates(ctx))
