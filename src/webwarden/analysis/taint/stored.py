"""Request data kept in the session for a later request.

A login that sends the user to an identity provider first keeps where to go afterwards:

    session["next"] = request.args.get("next")       # /login
    ...
    return redirect(session.pop("next", "/"))         # /callback, another request

The callback's redirect target is the first request's data, though no flow within one
request joins them. Each module's step lists the session keys it stores request data
under (`stored_session_keys`: `session[key] = ...`, `setdefault`, and `update()` with a
dict or keywords; a key spelled as a constant string, or as a library's constant whose
value is not read, `REDIRECT_FIELD_NAME`, by its qualified name), read as written: a
key set from an expression reading the
request, from a local one of whose values does, from a dict the function puts request
data in (`filters[key] = {"value": request.POST["value"]}`), or from a call of a module function
returning such data, not under a test of that value (`if is_safe_url(target):`: the
check the redirect needs was made before keeping it; a test of whether it was given at
all, `if target is None:`, or of another part of the request, `if request.method ==
"POST":`, is no such check). The
analysis then reads those keys of the session as request data (`TaintOptions.session_keys`).

A value that reaches the key only as what a method of another object answers when
handed request data (`session["user"] = api.authenticate(email, password)["user"]`,
`client.update_account(fields)`) is the service's answer, which holds that data only as
far as the service hands it back: such a key is read as approximate request data
(`TaintOptions.session_relayed`), as the answer of a call the analysis does not model is.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from typing import Final

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.specs import REQUEST_ATTRIBUTES, REQUEST_OBJECTS, SOURCE_CLEANSED
from webwarden.model.django.caller_checks import is_request, request_name
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


StoredKey = tuple[str, frozenset[str], bool]
"""A session key, what the request data stored under it is safe for, and whether it got
there only as the answer of another object's method (relayed)."""
_Reads = dict[str, bool]
"""The request's attributes a value reads, each with whether only through an answer."""


def stored_session_keys(ctx: FileContext) -> tuple[StoredKey, ...]:
    """The session keys the module stores request data under, each with what the data
    stored there is safe for (`SOURCE_CLEANSED`): the request's own URL kept to come back
    to after logging in (`session["next"] = request.url`) is safe as a redirect target,
    as `redirect(request.url)` is; a key stored twice, what both writes are safe for; and
    whether every write of it stores only what another object answered (see above)."""
    if not ctx.mentions("session"):
        return ()
    found: dict[str, tuple[frozenset[str], bool]] = {}
    for key, value, statement in _session_writes(ctx):
        kept = [(value, statement)]
        if isinstance(value, ast.Name):
            kept.extend(_items_stored(ctx, value))
        read: _Reads = {}
        for each, where in kept:
            if not _tested(ctx, each, where):
                _merge(read, _request_reads(ctx, each, where))
        if read:
            cleansed = frozenset.intersection(
                *(SOURCE_CLEANSED.get(attribute, frozenset()) for attribute in read)
            )
            _narrow(found, key, cleansed, all(read.values()))
    return tuple((key, cleansed, relayed) for key, (cleansed, relayed) in found.items())


def stored_keys(
    modules: Iterable[tuple[StoredKey, ...]],
) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """The keys every module stores request data under, each with what all its writes
    are safe for; and those of them every write stores only an answer to."""
    found: dict[str, tuple[frozenset[str], bool]] = {}
    for keys in modules:
        for key, cleansed, relayed in keys:
            _narrow(found, key, cleansed, relayed)
    relayed_keys = frozenset(key for key, (_, relayed) in found.items() if relayed)
    return {key: cleansed for key, (cleansed, _) in found.items()}, relayed_keys


def _narrow(
    found: dict[str, tuple[frozenset[str], bool]],
    key: str,
    cleansed: frozenset[str],
    relayed: bool,
) -> None:
    """Keep under `key` what every write of it is safe for, and whether every write
    relays an answer."""
    if key in found:
        cleansed, relayed = found[key][0] & cleansed, found[key][1] and relayed
    found[key] = (cleansed, relayed)


def _merge(read: _Reads, more: _Reads, relayed: bool = False) -> None:
    """Add `more` to `read` (through an answer if `relayed`): an attribute read directly
    anywhere is read directly."""
    for attribute, through in more.items():
        read[attribute] = read.get(attribute, True) and (through or relayed)


def session_key(name: str) -> str:
    """The key a library's constant stands for when its value is not known
    (`REDIRECT_FIELD_NAME` of `django.contrib.auth`): its qualified name, marked so that
    no string key is spelled the same."""
    return f"<{name}>"


def session_item(kind: str, index: ir.Expr) -> str:
    """The part key of a session's item named by a constant whose value is not read
    (`request.session[keys.NEXT]`): what a view stores under one constant it reads back
    under that one, not under another (`request.session[keys.TOKEN] = token` leaves
    `keys.NEXT` as it was). "" for any other value or index."""
    if kind in SESSION_KINDS and isinstance(index, ir.Global):
        return f"[{session_key(index.name)}]"
    return ""


def _key(ctx: FileContext, node: ast.expr) -> str | None:
    """A session key: a constant string, or an imported constant by its qualified name
    (`session[REDIRECT_FIELD_NAME]`), as the taint IR names it."""
    key = ctx.evaluate(node)
    if isinstance(key, str):
        return key
    if isinstance(node, ast.Name | ast.Attribute) and (name := ctx.qualified(node)):
        return session_key(name) if "." in name and name.rpartition(".")[2].isupper() else None
    return None


def _session_writes(ctx: FileContext) -> Iterator[tuple[str, ast.expr, ast.stmt]]:
    for node in ctx.nodes(ast.Assign):
        assert isinstance(node, ast.Assign)  # noqa: S101 - nodes() of that type
        for target in node.targets:
            if isinstance(target, ast.Subscript) and _is_session(ctx, target.value):
                key = _key(ctx, target.slice)
                if key is not None:
                    yield key, node.value, node
    for node in ctx.nodes(ast.Call):
        assert isinstance(node, ast.Call)  # noqa: S101 - nodes() of that type
        func = node.func
        if not isinstance(func, ast.Attribute) or not _is_session(ctx, func.value):
            continue
        holder = ctx.parent(node)
        if not isinstance(holder, ast.stmt):
            continue
        if (
            func.attr in _STORING_METHODS
            and len(node.args) == 2
            and (key := _key(ctx, node.args[0])) is not None
        ):
            yield key, node.args[1], holder
        elif func.attr == "update":
            yield from _updated(ctx, node, holder)


def _updated(
    ctx: FileContext, call: ast.Call, statement: ast.stmt
) -> Iterator[tuple[str, ast.expr, ast.stmt]]:
    """The keys `session.update({REDIRECT_FIELD_NAME: target})` (or `update(next=target)`)
    stores, each with its value."""
    if len(call.args) == 1 and isinstance(call.args[0], ast.Dict):
        for key_node, value in zip(call.args[0].keys, call.args[0].values, strict=True):
            if key_node is not None and (key := _key(ctx, key_node)) is not None:
                yield key, value, statement
    for keyword in call.keywords:
        if keyword.arg is not None:
            yield keyword.arg, keyword.value, statement


def _is_session(ctx: FileContext, node: ast.expr) -> bool:
    """Flask's `session`, or a request's `.session` (`request.session`,
    `self.request.session`)."""
    if isinstance(node, ast.Attribute) and node.attr == "session":
        return _is_request(ctx, node.value)
    return isinstance(node, ast.Name) and ctx.qualified(node) in SESSION_GLOBALS


def _is_request(ctx: FileContext, node: ast.expr) -> bool:
    """`request`, `self.request`, or the request of the function holding `node` under
    another name (`req.session`, `def login(req)`)."""
    if is_request(node):
        return True
    if not isinstance(node, ast.Name) or node.id == "self":
        return False
    return is_request(node, request_name(ctx, ctx.scopes.enclosing_function(node)))


def _request_reads(
    ctx: FileContext, value: ast.expr, statement: ast.stmt, depth: int = 0
) -> _Reads:
    """The attributes of the request `value` reads what the request submitted from
    (`request.args.get("next")`, `request.GET["next"]`), itself or through a local: the
    one stored, when one of its values does (`target = request.args["next"]` in one
    branch, `target = request.path` in the other), and the locals that value reads when
    assigned once, a few deep (`target = parsed.path`, `parsed = urlparse(raw)`, `raw =
    request.POST["next"]`); each with whether it reads them only through what another
    object answers (`_answer`)."""
    read: _Reads = {}
    pending: list[tuple[ast.AST, bool]] = [(value, False)]
    while pending:
        node, relayed = pending.pop()
        if isinstance(node, ast.Attribute) and _is_request_data(ctx, node):
            _merge(read, {node.attr: False}, relayed)
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
                    _merge(read, _request_reads(ctx, other, statement, depth + 1), relayed)
        if isinstance(node, ast.Call) and depth < 2:
            _merge(read, _returned_request_reads(ctx, node, depth), relayed)
        if isinstance(node, ast.Call) and _answer(ctx, node, statement, depth):
            given = [*node.args, *(keyword.value for keyword in node.keywords)]
            pending.append((node.func, relayed))
            pending.extend((argument, True) for argument in given)
            continue
        pending.extend((child, relayed) for child in ast.iter_child_nodes(node))
    return read


def _answer(ctx: FileContext, call: ast.Call, statement: ast.stmt, depth: int) -> bool:
    """A method call of an object the request's data did not make (`client.login(email,
    password)`, `self.api.update_user(fields)`, `Client(token).me()`): what it gives is
    that object's answer. Not a module's function (`json.loads(request.body)`), a
    string's method (`", ".join(...)`), nor a method of a value read from the request
    (`request.GET.get("next").strip()`, `form.cleaned_data.get("next")`)."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    receiver = func.value
    if isinstance(receiver, ast.Name) and receiver.id in ctx.names.aliases:
        return False
    if isinstance(receiver, ast.Constant) or isinstance(ctx.evaluate(receiver), str | bytes):
        return False
    if _is_request(ctx, receiver) or ctx.qualified(receiver) in REQUEST_OBJECTS:
        return False
    return not _request_reads(ctx, receiver, statement, depth + 1)


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


def _returned_request_reads(ctx: FileContext, call: ast.Call, depth: int) -> _Reads:
    """What `call` of a function of the module returns of the request untested
    (`def next_url(): return request.args.get("next")`; Flask's "redirect back" snippet
    returns its target only under `if is_safe_url(target):`)."""
    if not isinstance(call.func, ast.Name):
        return {}
    function = ctx.module_function(call.func.id)
    if function is None:
        return {}
    read: _Reads = {}
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Return)
            and node.value is not None
            and not _tested(ctx, node.value, node)
        ):
            _merge(read, _request_reads(ctx, node.value, node, depth + 1))
    return read


def _is_request_data(ctx: FileContext, node: ast.Attribute) -> bool:
    inner = node.value
    if ctx.qualified(inner) in REQUEST_OBJECTS:
        return node.attr in REQUEST_ATTRIBUTES
    return node.attr in _DJANGO_REQUEST_DATA and _is_request(ctx, inner)


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
    return node.id == "self" or _is_request(ctx, node) or ctx.qualified(node) in REQUEST_OBJECTS


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
