"""Request data kept in the session for a later request.

A login that sends the user to an identity provider first keeps where to go afterwards:

    session["next"] = request.args.get("next")       # /login
    ...
    return redirect(session.pop("next", "/"))         # /callback, another request

The callback's redirect target is the first request's data, though no flow within one
request joins them. Each module's step lists the session keys it stores request data
under (`stored_session_keys`), read as written: a key set from an expression reading the
request, from a local one of whose values does, from a dict the function puts request
data in (`filters[key] = {"value": request.POST["value"]}`), or from a call of a module function
returning such data, not under a test of that value (`if is_safe_url(target):`: the
check the redirect needs was made before keeping it; a test of whether it was given at
all, `if target is None:`, or of another part of the request, `if request.method ==
"POST":`, is no such check). The
analysis then reads those keys of the session as request data (`TaintOptions.session_keys`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from typing import Final

from webwarden.analysis.taint.specs import REQUEST_ATTRIBUTES, REQUEST_OBJECTS, SOURCE_CLEANSED
from webwarden.model.django.caller_checks import is_request
from webwarden.model.module import FileContext

SESSION_GLOBALS: Final = frozenset({"flask.session", "flask.globals.session"})
"""Flask's session (Django's is `request.session`)."""
DJANGO_SESSION: Final = "<session>"
"""The kind of `request.session` while the project stores request data in it."""
SESSION_KINDS: Final = SESSION_GLOBALS | {DJANGO_SESSION}
SESSION_READS: Final = frozenset({"get", "pop"})
_DJANGO_REQUEST_DATA: Final = frozenset({"GET", "POST", "data", "query_params", "body", "META"})
_STORING_METHODS: Final = frozenset({"setdefault"})
_LOCAL_CHAIN: Final = 4
"""How many locals deep a stored value is followed to the request."""


def stored_session_keys(ctx: FileContext) -> tuple[tuple[str, frozenset[str]], ...]:
    """The session keys the module stores request data under, each with what the data
    stored there is safe for (`SOURCE_CLEANSED`): the request's own URL kept to come back
    to after logging in (`session["next"] = request.url`) is safe as a redirect target,
    as `redirect(request.url)` is; a key stored twice, what both writes are safe for."""
    if not ctx.mentions("session"):
        return ()
    found: dict[str, frozenset[str]] = {}
    for key, value, statement in _session_writes(ctx):
        kept = [(value, statement)]
        if isinstance(value, ast.Name):
            kept.extend(_items_stored(ctx, value))
        read = set[str]().union(
            *(
                _request_reads(ctx, each, where)
                for each, where in kept
                if not _tested(ctx, each, where)
            )
        )
        if read:
            cleansed = frozenset.intersection(
                *(SOURCE_CLEANSED.get(attribute, frozenset()) for attribute in read)
            )
            _narrow(found, key, cleansed)
    return tuple(found.items())


def stored_keys(
    modules: Iterable[tuple[tuple[str, frozenset[str]], ...]],
) -> dict[str, frozenset[str]]:
    """The keys every module stores request data under, each with what all its writes
    are safe for."""
    found: dict[str, frozenset[str]] = {}
    for keys in modules:
        for key, cleansed in keys:
            _narrow(found, key, cleansed)
    return found


def _narrow(found: dict[str, frozenset[str]], key: str, cleansed: frozenset[str]) -> None:
    """Keep under `key` what every write of it is safe for."""
    found[key] = found[key] & cleansed if key in found else cleansed


def _session_writes(ctx: FileContext) -> Iterator[tuple[str, ast.expr, ast.stmt]]:
    for node in ctx.nodes(ast.Assign):
        assert isinstance(node, ast.Assign)  # noqa: S101 - nodes() of that type
        for target in node.targets:
            if isinstance(target, ast.Subscript) and _is_session(ctx, target.value):
                key = ctx.evaluate(target.slice)
                if isinstance(key, str):
                    yield key, node.value, node
    for node in ctx.nodes(ast.Call):
        assert isinstance(node, ast.Call)  # noqa: S101 - nodes() of that type
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in _STORING_METHODS
            and len(node.args) == 2
            and _is_session(ctx, func.value)
            and isinstance(key := ctx.evaluate(node.args[0]), str)
        ):
            holder = ctx.parent(node)
            if isinstance(holder, ast.stmt):
                yield key, node.args[1], holder


def _is_session(ctx: FileContext, node: ast.expr) -> bool:
    """Flask's `session`, or a request's `.session` (`request.session`,
    `self.request.session`)."""
    if isinstance(node, ast.Attribute) and node.attr == "session":
        return is_request(node.value)
    return isinstance(node, ast.Name) and ctx.qualified(node) in SESSION_GLOBALS


def _request_reads(
    ctx: FileContext, value: ast.expr, statement: ast.stmt, depth: int = 0
) -> set[str]:
    """The attributes of the request `value` reads what the request submitted from
    (`request.args.get("next")`, `request.GET["next"]`), itself or through a local: the
    one stored, when one of its values does (`target = request.args["next"]` in one
    branch, `target = request.path` in the other), and the locals that value reads when
    assigned once, a few deep (`target = parsed.path`, `parsed = urlparse(raw)`, `raw =
    request.POST["next"]`)."""
    read: set[str] = set()
    for node in ast.walk(value):
        if isinstance(node, ast.Attribute) and _is_request_data(ctx, node):
            read.add(node.attr)
        if isinstance(node, ast.Name) and depth < _LOCAL_CHAIN and isinstance(node.ctx, ast.Load):
            # NOTE: deeper, a name assigned in branches is a form or an object made of
            # the request in one and not in another, which its later use may validate.
            if depth == 0:
                assigned = ctx.scopes.values_of(node) or []
            else:
                single = ctx.lookup(node)
                assigned = [single] if single is not None else []
            for other in assigned:
                if other is not value:
                    read |= _request_reads(ctx, other, statement, depth + 1)
        if isinstance(node, ast.Call) and depth < 2:
            read |= _returned_request_reads(ctx, node, depth)
    return read


def _items_stored(ctx: FileContext, name: ast.Name) -> list[tuple[ast.expr, ast.stmt]]:
    """What the function holding `name` stores into the items of the variable, at any
    depth, with each statement (`filters["select"][key] = {"value": value}`): a dict read
    from the session, filled with request data and written back, keeps that data; a test
    of the dict (`if filters.get("select") is None:`) checks none of it."""
    function = ctx.scopes.enclosing_function(name)
    if function is None:
        return []
    return [
        (node.value, node)
        for node in ast.walk(function)
        if isinstance(node, ast.Assign)
        and any(_item_of(target, name.id) for target in node.targets)
    ]


def _item_of(target: ast.expr, variable: str) -> bool:
    """Whether `target` is an item of `variable` (`variable[a]`, `variable[a][b]`)."""
    if not isinstance(target, ast.Subscript):
        return False
    while isinstance(target, ast.Subscript):
        target = target.value
    return isinstance(target, ast.Name) and target.id == variable


def _returned_request_reads(ctx: FileContext, call: ast.Call, depth: int) -> set[str]:
    """What `call` of a function of the module returns of the request untested
    (`def next_url(): return request.args.get("next")`; Flask's "redirect back" snippet
    returns its target only under `if is_safe_url(target):`)."""
    if not isinstance(call.func, ast.Name):
        return set()
    function = ctx.module_function(call.func.id)
    if function is None:
        return set()
    return set[str]().union(
        *(
            _request_reads(ctx, node.value, node, depth + 1)
            for node in ast.walk(function)
            if isinstance(node, ast.Return)
            and node.value is not None
            and not _tested(ctx, node.value, node)
        )
    )


def _is_request_data(ctx: FileContext, node: ast.Attribute) -> bool:
    inner = node.value
    if ctx.qualified(inner) in REQUEST_OBJECTS:
        return node.attr in REQUEST_ATTRIBUTES
    return is_request(inner) and node.attr in _DJANGO_REQUEST_DATA


def _tested(ctx: FileContext, value: ast.expr, statement: ast.stmt) -> bool:
    """Whether the function tests what the value reads before the write (an `if`
    around it, or an `if` or `assert` above it: `if not is_safe_url(target): abort(400)`):
    a local it reads, or the item of the request's data it reads
    (`is_safe_url(request.GET["next"])`). A test of whether the value was given at all
    (`if target is False:`, `if not target:`, `"next" in request.GET`) checks nothing of
    what it holds, nor does a test of another part of the request (`if request.method ==
    "POST":`)."""
    read = _read_keys(ctx, value)
    function = ctx.scopes.enclosing_function(statement)
    if not read or function is None:
        return False
    return any(
        isinstance(node, ast.If | ast.While | ast.Assert)
        and node.lineno <= statement.lineno
        and read & _checked_keys(ctx, node.test)
        for node in ast.walk(function)
    )


def _read_keys(ctx: FileContext, node: ast.expr) -> set[str]:
    """What `node` reads: its names other than the request's, and the request's data by
    attribute and item (`request.GET['next']` for `request.GET.get("next")` too)."""
    found: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and not _is_request_name(ctx, sub):
            found.add(sub.id)
        elif isinstance(sub, ast.Attribute) and _is_request_data(ctx, sub):
            found.add(_data_key(ctx, sub))
        elif (
            isinstance(sub, ast.Attribute)
            and isinstance(sub.value, ast.Name)
            and sub.value.id == "self"
            and not is_request(sub)
        ):
            found.add(f"self.{sub.attr}")
    return found


def _is_request_name(ctx: FileContext, node: ast.Name) -> bool:
    """The request (`request`, Flask's global), or `self` (its attributes are read
    apart: `self.request`, `self.next_url`)."""
    return is_request(node) or ctx.qualified(node) in REQUEST_OBJECTS or node.id == "self"


def _data_key(ctx: FileContext, data: ast.Attribute) -> str:
    """`request.GET['next']` for the item `data` is read at (`data["next"]`,
    `data.get("next")`), `request.GET` for the whole."""
    holder = ctx.parent(data)
    key: ast.expr | None = None
    if isinstance(holder, ast.Subscript) and holder.value is data:
        key = holder.slice
    elif isinstance(holder, ast.Attribute) and holder.attr in SESSION_READS | {"getlist"}:
        call = ctx.parent(holder)
        if isinstance(call, ast.Call) and call.func is holder and call.args:
            key = call.args[0]
    whole = ast.unparse(data)
    return f"{whole}[{key.value!r}]" if isinstance(key, ast.Constant) else whole


def _checked_keys(ctx: FileContext, test: ast.expr) -> set[str]:
    """What `test` checks the value of (as `_read_keys` names it): not what it only
    finds present or absent (a bare `target`, `not target`, `target is None`, `target !=
    ""`, `"next" in request.GET`)."""
    if isinstance(test, ast.BoolOp):
        return set[str]().union(*(_checked_keys(ctx, value) for value in test.values))
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _checked_keys(ctx, test.operand)
    if isinstance(test, ast.Name):
        return set()
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        op, sides = test.ops[0], (test.left, test.comparators[0])
        if isinstance(op, ast.Is | ast.IsNot | ast.Eq | ast.NotEq) and any(
            _absent(side) for side in sides
        ):
            return _checked_keys(ctx, sides[1] if _absent(sides[0]) else sides[0])
        if (
            isinstance(op, ast.In | ast.NotIn)
            and isinstance(test.left, ast.Constant)
            and isinstance(sides[1], ast.Attribute)
            and _is_request_data(ctx, sides[1])
        ):
            return set()  # NOTE: `"next" in request.GET`: the key is there (not `"//" in url`)
    if isinstance(test, ast.Subscript | ast.Call | ast.Attribute) and _presence_only(ctx, test):
        return set()
    return _read_keys(ctx, test)


def _presence_only(ctx: FileContext, test: ast.expr) -> bool:
    """A read of the request's data tested for truth alone (`if request.GET.get("next"):`)."""
    return any(
        isinstance(sub, ast.Attribute) and _is_request_data(ctx, sub) for sub in ast.walk(test)
    ) and not any(isinstance(sub, ast.Call) and _is_check_call(sub) for sub in ast.walk(test))


def _is_check_call(call: ast.Call) -> bool:
    """A call other than a read of the request's data (`is_safe_url(...)`)."""
    func = call.func
    return not (isinstance(func, ast.Attribute) and func.attr in SESSION_READS | {"getlist"})


def _absent(node: ast.expr) -> bool:
    """What a test of presence compares a value with (`is None`, `is False`, `== ""`)."""
    if not isinstance(node, ast.Constant):
        return False
    return node.value is None or isinstance(node.value, bool) or node.value == ""
