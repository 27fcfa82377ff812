"""Decorators of the project that read the request and hand the view what they read.

A Flask API without webargs often writes its own: `@validate_args(LoginSchema)` loads
the query string or the JSON body through the schema it is given and calls the view
with the result first, `return func(arguments, *args, **kwargs)`, as webargs'
`@use_args(...)` would (see `objects._PARSING_DECORATORS`). The view's parameter then
holds what the client sent, though the view reads no `request` itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.specs import REQUEST_ATTRIBUTES, REQUEST_METHODS, REQUEST_OBJECTS
from webwarden.analysis.taint.wrappers import nested_functions

POSITIONAL = "#"
"""How a position the wrapper passes request data at is written (`#0`: the first);
keyword arguments are written by their name."""
NEEDS = "?"
"""Comes before a name that must be Flask's request for the view to be handed data."""
_Requests = tuple[str, ...]
_READS = REQUEST_ATTRIBUTES | REQUEST_METHODS
_PARSING_METHODS = frozenset(
    {"load", "loads", "parse", "parse_obj", "parse_raw", "model_validate"}
    | {"model_validate_json", "deserialize", "from_dict", "from_json"}
)
"""Methods that turn what they are given into data (a marshmallow schema's `load`,
webargs' `parser.parse(schema, request)`, pydantic's `parse_obj`), keeping what the
client sent. Not marshmallow's `validate`: it returns the errors, not the data."""
_PARSING_FUNCTIONS = frozenset(
    {"json.loads", "dict", "ujson.loads", "orjson.loads", "simplejson.loads"}
)


_Memo = dict[tuple[str, frozenset[str]], set[str]]


def handing_functions(
    by_name: Mapping[str, ir.Function], package: str = ""
) -> dict[str, tuple[str, ...]]:
    """The functions of a module (by qualified name) that are such decorators, or
    factories of one, with what they hand the view of the request: `#0` for its first
    positional argument, a name for a keyword argument (see `ir.Function.handed`). Read
    through a name of the module's own `package` that may be Flask's request, re-exported
    (`from shop.common import request`), what is handed ends with `NEEDS` and that name
    (`#0?shop.common.request`), which the project step confirms."""
    found: dict[str, tuple[str, ...]] = {}
    # NOTE: a factory's wrapper is reached from the factory and from its decorator.
    memo: _Memo = {}
    # NOTE: only a function defining another can be a decorator: a nested function's
    # name is its parent's and its own (`lower_stmt._qualname`), so no body is walked
    # for the others, most of a module's.
    parents = {name.rpartition(".")[0] for name in by_name}
    for name, function in by_name.items():
        if name not in parents or function.kind == "module":
            continue
        if handed := _hands_in(by_name, name, memo, package):
            found[name] = handed
    return found


def _hands_in(
    by_name: Mapping[str, ir.Function], qualname: str, memo: _Memo, package: str
) -> tuple[str, ...]:
    """What the wrappers `qualname` defines (or those of the decorators it defines) pass
    the function it was given of the request."""
    handed: set[str] = set()
    for function in nested_functions(by_name, qualname):
        wrapped = frozenset(p.name for p in function.params if p.kind == "pos")
        if not wrapped:
            continue
        for statement in ir.statements(function.body):
            inner = by_name.get(statement.ref) if isinstance(statement, ir.Define) else None
            if inner is None:
                continue
            key = (inner.qualname, wrapped)
            if key not in memo:
                memo[key] = _handed_by(inner, wrapped, package)
            handed |= memo[key]
    return tuple(sorted(handed))


def _handed_by(wrapper: ir.Function, wrapped: frozenset[str], package: str) -> set[str]:
    """The arguments at which `wrapper` calls a function of its decorator's parameters
    (`func(arguments, *args, **kwargs)`) with data it read of the request."""
    calls = [
        node
        for node in ir.walk(wrapper.body)
        if isinstance(node, ir.Call)
        and isinstance(node.func, ir.Free)
        and node.func.name in wrapped
    ]
    if not calls:
        return set()
    candidates = _request_candidates(wrapper, package)
    requests = (*REQUEST_OBJECTS, *candidates)
    tainted, parsers = _request_locals(wrapper.body, requests)
    handed: set[str] = set()
    for call in calls:
        for position, argument in enumerate(call.args):
            if isinstance(argument, ir.Star):
                break  # NOTE: past `*args`, the positions are the caller's
            if _reads(argument, tainted, parsers, requests):
                handed.add(f"{POSITIONAL}{position}")
        handed.update(
            key
            for key, value in call.keywords
            if key is not None and _reads(value, tainted, parsers, requests)
        )
    if handed and candidates:
        # NOTE: the project step hands the view these only when each candidate is Flask's
        # request (`objects.request_name`).
        needed = "".join(f"{NEEDS}{candidate}" for candidate in candidates)
        return {f"{given}{needed}" for given in handed}
    return handed


def _request_candidates(wrapper: ir.Function, package: str) -> tuple[str, ...]:
    """The names of the module's own package the wrapper reads a request attribute of,
    that may be Flask's request re-exported (`shop.common.request` of
    `shop.common.request.args`): the per-file step cannot tell."""
    if not package:
        return ()
    found: set[str] = set()
    for node in ir.walk(wrapper.body):
        if not isinstance(node, ir.Global) or not node.name.startswith(package + "."):
            continue
        parts = node.name.split(".")
        for cut, part in enumerate(parts[1:-1], start=1):
            if part == "request" and parts[cut + 1] in _READS:
                found.add(".".join(parts[: cut + 1]))
    return tuple(sorted(found))


def _request_locals(body: ir.Block, requests: _Requests) -> tuple[set[str], set[str]]:
    """The locals holding data read of the request (`request_data = request.args`,
    `arguments = load(request_data)`), and those holding a parsing method
    (`load = schema_cls().loads`)."""
    tainted: set[str] = set()
    parsers: set[str] = set()
    assigned = [s for s in ir.statements(body) if isinstance(s, ir.Assign)]
    for statement in assigned:
        value = statement.value
        if isinstance(value, ir.Attr) and value.attr in _PARSING_METHODS:
            parsers.update(_names(statement.targets))
    changed = True
    while changed:
        changed = False
        for statement in assigned:
            names = _names(statement.targets) - tainted
            if names and _reads(statement.value, tainted, parsers, requests):
                tainted |= names
                changed = True
    return tainted, parsers


def _names(targets: Iterable[ir.Target]) -> set[str]:
    return {name for target in targets for name in ir.target_names(target)}


def _reads(expr: ir.Expr, tainted: set[str], parsers: set[str], requests: _Requests) -> bool:
    """Whether `expr` holds data read of the request: an attribute or method of it
    (`request.args`, `request.get_json()`), a local holding some, a part or method of
    such data (`data["name"]`, `data.decode()`), or what a parser makes of it."""
    match expr:
        case ir.Global(name=name):
            return _request_read(name, requests)
        case ir.Local(name=name):
            return name in tainted
        case ir.Attr(value=value) | ir.Sub(value=value) | ir.Star(value=value):
            return _reads(value, tainted, parsers, requests)
        case ir.Walrus(value=value):
            return _reads(value, tainted, parsers, requests)
        case ir.Call():
            return _call_reads(expr, tainted, parsers, requests)
        case ir.Fmt(parts=parts) | ir.Union(values=parts) | ir.Seq(elts=parts):
            return any(_reads(part, tainted, parsers, requests) for part in parts)
        case ir.DictE(values=values):
            return any(_reads(value, tainted, parsers, requests) for value in values)
    return False


def _call_reads(call: ir.Call, tainted: set[str], parsers: set[str], requests: _Requests) -> bool:
    func = call.func
    if isinstance(func, ir.Global) and _request_read(func.name, requests):
        return True  # NOTE: `request.get_json()`, `request.args.get("q")`
    if isinstance(func, ir.Attr) and _reads(func.value, tainted, parsers, requests):
        return True  # NOTE: a method of the data keeps it: `data.get("q")`
    parsing = (
        (isinstance(func, ir.Attr) and func.attr in _PARSING_METHODS)
        or (isinstance(func, ir.Local) and func.name in parsers)
        or call.callee in _PARSING_FUNCTIONS
        or (call.callee or "").rpartition(".")[2] in _PARSING_METHODS
    )
    if not parsing:
        return False
    given = [*call.args, *(value for _, value in call.keywords)]
    return any(
        _reads(argument, tainted, parsers, requests)
        or (isinstance(argument, ir.Global) and argument.name in requests)
        for argument in given
    )


def _request_read(name: str, requests: _Requests) -> bool:
    """`flask.request.args`, `flask.request.get_json`, `flask.request.data.decode`."""
    for request in requests:
        if name.startswith(f"{request}."):
            return name[len(request) + 1 :].partition(".")[0] in _READS
    return False
