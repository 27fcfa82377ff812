"""Resource tables: `for route in ROUTES: api.add_resource(*route)` (Flask-RESTful,
Flask-RESTX), with `ROUTES = [(NoteResource, "/notes/<int:id>"), ...]` in a module of its
own."""

from __future__ import annotations

import ast

from webwarden.model.flask.facts import ResourceTableFact, RouteFact, TableRouteFact
from webwarden.model.flask.references import Namer
from webwarden.model.flask.views import resource_routes


def resource_tables(namer: Namer) -> list[ResourceTableFact]:
    """Module-level lists of `(Resource, url, ...)` tuples."""
    tables = []
    for statement in namer.ctx.tree.body:
        if not (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and isinstance(statement.value, ast.List | ast.Tuple)
            and statement.value.elts
        ):
            continue
        entries: list[RouteFact] = []
        for entry in statement.value.elts:
            if not isinstance(entry, ast.Tuple | ast.List) or not _entry(namer, entry, entries):
                break
        else:
            ref = namer.ref(statement.targets[0])
            if ref is not None:
                tables.append(ResourceTableFact(ref, tuple(entries)))
    return tables


def _entry(namer: Namer, entry: ast.Tuple | ast.List, entries: list[RouteFact]) -> bool:
    """Add the routes of one `(Resource, url, url2, ...)` entry; False if it is not one."""
    if len(entry.elts) < 2 or not isinstance(entry.elts[0], ast.Name | ast.Attribute):
        return False
    view = namer.ref(entry.elts[0])
    values = [namer.ctx.evaluate(url) for url in entry.elts[1:]]
    urls = [url for url in values if isinstance(url, str)]
    if view is None or len(urls) != len(values):
        return False
    name = view.rsplit(".", 1)[-1]
    entries += resource_routes("", view, name, [*urls], None, namer.ctx.location(entry))
    return True


def table_route(namer: Namer, call: ast.Call, owner: str) -> TableRouteFact | None:
    """`api.add_resource(*route)` in `for route in ROUTES:`."""
    if len(call.args) != 1 or call.keywords:
        return None
    starred = call.args[0]
    if not isinstance(starred, ast.Starred) or not isinstance(starred.value, ast.Name):
        return None
    for holder in namer.ctx.ancestors(call):
        if (
            isinstance(holder, ast.For)
            and isinstance(holder.target, ast.Name)
            and holder.target.id == starred.value.id
        ):
            table = namer.ref(holder.iter)
            return None if table is None else TableRouteFact(owner, table, namer.ctx.location(call))
    return None
