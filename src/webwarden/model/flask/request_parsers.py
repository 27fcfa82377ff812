"""Flask-RESTful, Flask-RESTX and Flask-RESTPlus request parsers a module defines, and
what of the request each one's `parse_args()` reads."""

from __future__ import annotations

import ast

from webwarden.model.flask.references import Namer

_TOP_LEVEL_PARSERS = frozenset(
    f"{package}.RequestParser" for package in ("flask_restful", "flask_restx", "flask_restplus")
)
"""The libraries' `RequestParser` as their package re-exports it (`reqparse`'s own is any
`...reqparse.RequestParser`, `_parser_class`)."""

_DEFAULT_LOCATIONS = ("json", "values")
"""Where an argument is looked for when `add_argument()` names no `location`."""

_READS = frozenset({"json", "values", "form", "args", "files", "headers", "cookies", "data"})


def request_parsers(namer: Namer) -> tuple[tuple[str, frozenset[str]], ...]:
    """(parser, reads) of each parser the module's top level makes (`login_req =
    reqparse.RequestParser()`, or `patch_req = login_req.copy()`), with the attributes
    of `flask.request` its arguments are read from (`add_argument("name",
    location="json")`; `json` and `values` when no location is named). An argument made
    some other way (an `Argument` object, a location not written out) counts as any body
    (`data`), so its parser is never taken for JSON only."""
    ctx = namer.ctx
    if not ctx.mentions("RequestParser"):
        return ()
    parsers: dict[str, set[str]] = {}
    for statement in ctx.tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            _made(namer, statement.targets[0], statement.value, parsers)
        elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
            call = statement.value
            func = call.func
            if not (
                isinstance(func, ast.Attribute)
                and func.attr in {"add_argument", "replace_argument"}
                and (owner := namer.ref(func.value)) in parsers
            ):
                continue
            parsers[owner].update(_locations(call))
    return tuple((ref, frozenset(reads)) for ref, reads in parsers.items())


def _made(namer: Namer, target: ast.expr, value: ast.expr, parsers: dict[str, set[str]]) -> None:
    """Record `target` when `value` makes a new parser or copies a known one."""
    ref = namer.ref(target)
    if ref is None or not isinstance(value, ast.Call):
        return
    func = value.func
    if _parser_class(namer.ctx.call_name(value) or ""):
        parsers[ref] = set()
    elif (
        isinstance(func, ast.Attribute)
        and func.attr == "copy"
        and (copied := namer.ref(func.value)) in parsers
    ):
        parsers[ref] = set(parsers[copied])


def _parser_class(name: str) -> bool:
    """The libraries' `RequestParser`, or the class of a project's copy of their
    `reqparse` module (`api/reqparse.py`: Flask-RESTPlus is no longer maintained, and
    projects keep its parser)."""
    return name in _TOP_LEVEL_PARSERS or name.endswith(".reqparse.RequestParser")


def _locations(call: ast.Call) -> set[str]:
    """The `request` attributes one `add_argument()` reads."""
    if call.args and not isinstance(call.args[0], ast.Constant):
        return {"data"}  # NOTE: `add_argument(Argument(...))`: its location is not shown.
    given = next((k.value for k in call.keywords if k.arg == "location"), None)
    if any(k.arg is None for k in call.keywords):
        return {"data"}
    if given is None:
        return set(_DEFAULT_LOCATIONS)
    items = given.elts if isinstance(given, ast.Tuple | ast.List) else [given]
    names = {i.value if isinstance(i, ast.Constant) else None for i in items}
    if not names or not names <= _READS:
        return {"data"}
    return {str(name) for name in names}
