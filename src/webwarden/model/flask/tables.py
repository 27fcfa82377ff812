"""Resource tables: `for route in ROUTES: api.add_resource(*route)` (Flask-RESTful,
Flask-RESTX), with `ROUTES = [(NoteResource, "/notes/<int:id>"), ...]` in a module of its
own."""

from __future__ import annotations

import ast

from webwarden.model.flask.facts import (
    ResourceTableFact,
    RouteFact,
    TableCallFact,
    TableHelper,
    TableRouteFact,
)
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
    """Add the routes of one `(Resource, url, url2, ...)` or `(url, Resource)` entry;
    False if it is not one."""
    if len(entry.elts) < 2:
        return False
    first, *rest = entry.elts
    if (
        len(rest) == 1
        and isinstance(rest[0], ast.Name | ast.Attribute)
        and isinstance(namer.ctx.evaluate(first), str)
    ):
        first, rest = rest[0], [first]  # NOTE: `(url, Resource)`, as a helper unpacks it
    if not isinstance(first, ast.Name | ast.Attribute):
        return False
    view = namer.ref(first)
    values = [namer.ctx.evaluate(url) for url in rest]
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


_ADDERS = frozenset({"add_url_rule", "add_resource"})


def table_helper(function: ast.FunctionDef | ast.AsyncFunctionDef) -> TableHelper | None:
    """How a helper adds every entry of a table it is given to a blueprint or `Api` it is
    given (`def register(bp, routes, decorators=None): for path, resource in routes:
    ... bp.add_url_rule(path, view_func=view)`), and which parameter, if any, holds the
    decorators it wraps each view in (`for decorator in decorators or []: view =
    decorator(view)`)."""
    params = [a.arg for a in function.args.args]
    for loop in ast.walk(function):
        if not (isinstance(loop, ast.For) and _name_in(loop.iter, params)):
            continue
        for node in ast.walk(loop):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _ADDERS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in params
            ):
                assert isinstance(loop.iter, ast.Name)  # noqa: S101 - checked by _name_in
                owner, table = params.index(node.func.value.id), params.index(loop.iter.id)
                return TableHelper(owner, table, _wrappers(loop, params))
    return None


def _name_in(node: ast.expr, params: list[str]) -> bool:
    return isinstance(node, ast.Name) and node.id in params


def _wrappers(loop: ast.For, params: list[str]) -> tuple[int, str] | None:
    """The parameter whose members each view is passed to (`for d in decorators or []:
    view = d(view)`) inside the loop over the table."""
    for inner in ast.walk(loop):
        if not (isinstance(inner, ast.For) and isinstance(inner.target, ast.Name)):
            continue
        held = inner.iter
        if isinstance(held, ast.BoolOp) and isinstance(held.op, ast.Or):
            held = held.values[0]
        applied = any(
            isinstance(n, ast.Call) and _name_in(n.func, [inner.target.id]) for n in ast.walk(inner)
        )
        if isinstance(held, ast.Name) and held.id in params and applied:
            return params.index(held.id), held.id
    return None


def table_calls(namer: Namer, tables: list[ResourceTableFact]) -> list[TableCallFact]:
    """Module-level calls handing one of the module's resource tables to a function."""
    refs = {t.ref for t in tables}
    found = []
    for statement in namer.ctx.tree.body if refs else ():
        call = statement.value if isinstance(statement, ast.Assign | ast.Expr) else None
        if not isinstance(call, ast.Call):
            continue
        args = tuple(namer.ref(a) if isinstance(a, ast.Name) else None for a in call.args)
        callee = namer.ref(call.func)
        if callee is None or not refs.intersection(args):
            continue
        given: list[tuple[int | str, ast.expr]] = [*enumerate(call.args)]
        given += [(k.arg, k.value) for k in call.keywords if k.arg]
        listed = tuple(
            (place, tuple(namer.decorator(d) for d in value.elts))
            for place, value in given
            if isinstance(value, ast.List | ast.Tuple)
        )
        found.append(TableCallFact(callee, args, listed))
    return found
