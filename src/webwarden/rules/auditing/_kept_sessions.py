"""HTTP sessions an object keeps (`self.session = requests.Session()`) or a helper of the
module hands back (`with get_session() as session:`), and the wrappers that hand their
own `**kwargs` on to a session call (WW1187)."""

from __future__ import annotations

import ast

from webwarden.model.tree import walk
from webwarden.rules.auditing._common import HTTP_METHODS, REQUESTS_SESSIONS
from webwarden.rules.context import FileContext

_Function = ast.FunctionDef | ast.AsyncFunctionDef


def kept_session(ctx: FileContext, receiver: ast.expr) -> bool:
    """Whether `receiver` is `self.<attribute>` read in a method of a class that sets that
    attribute, in any of its methods, only to a new requests session
    (`self.session = requests.Session()` in `__init__`)."""
    if not (isinstance(receiver, ast.Attribute) and isinstance(receiver.value, ast.Name)):
        return False
    if not _makes_sessions(ctx):
        return False  # NOTE: asked once per module, before the class walks below
    method = ctx.scopes.enclosing_function(receiver)
    owner = ctx.parent(method) if method is not None else None
    if method is None or not isinstance(owner, ast.ClassDef):
        return False
    if _self_name(method) != receiver.value.id:
        return False
    values = list(_values_set(owner, receiver.attr))
    return bool(values) and all(
        isinstance(value, ast.Call) and ctx.call_name(value) in REQUESTS_SESSIONS
        for value in values
    )


def _makes_sessions(ctx: FileContext) -> bool:
    """Whether the module makes a requests session anywhere (most make none)."""
    key = (_makes_sessions,)
    found = ctx.memo.get(key)
    if not isinstance(found, bool):
        found = ctx.memo[key] = any(
            isinstance(call, ast.Call) and (ctx.call_name(call) or "") in REQUESTS_SESSIONS
            for call in ctx.nodes(ast.Call)
        )
    return found


def _self_name(method: _Function) -> str | None:
    """The name of a method's instance parameter (`self`); None for a static method."""
    for decorator in method.decorator_list:
        if isinstance(decorator, ast.Name) and decorator.id in ("staticmethod", "classmethod"):
            return None
    positional = [*method.args.posonlyargs, *method.args.args]
    return positional[0].arg if positional else None


def _values_set(owner: ast.ClassDef, attribute: str) -> list[ast.expr | None]:
    """What the class's methods set `self.<attribute>` to; None for a change that is no
    plain assignment (`self.session += ...`, a tuple unpacked into it, a method of its
    replaced, `self.session.request = partial(...)`, an adapter mounted); its headers or
    other settings changed (`self.session.headers[...] = ...`) leave it a session."""
    values: list[ast.expr | None] = []
    for method in owner.body:
        if not isinstance(method, _Function):
            continue
        name = _self_name(method)
        for node in walk(method):
            targets: list[ast.expr] = []
            value: ast.expr | None = None
            if _mounts_on(node, name, attribute):
                values.append(None)  # NOTE: an adapter mounted on it may set a timeout
            elif isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, ast.AnnAssign | ast.AugAssign):
                targets = [node.target]
                value = node.value if isinstance(node, ast.AnnAssign) else None
            for target in targets:
                if _is_kept(target, name, attribute):
                    values.append(value)
                elif _changed_otherwise(target, name, attribute):
                    values.append(None)
    return values


def _changed_otherwise(target: ast.expr, name: str | None, attribute: str) -> bool:
    """Whether assigning to `target` changes `<name>.<attribute>` other than by setting it
    to one value: unpacked into from a tuple, or a request method of it replaced."""
    if isinstance(target, ast.Tuple | ast.List):
        return any(_is_kept(part, name, attribute) for part in walk(target))
    return (
        isinstance(target, ast.Attribute)
        and target.attr in HTTP_METHODS
        and _is_kept(target.value, name, attribute)
    )


def _is_kept(node: ast.AST, name: str | None, attribute: str) -> bool:
    """Whether `node` is `<name>.<attribute>` (`self.session`)."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr == attribute
        and isinstance(node.value, ast.Name)
        and node.value.id == name
    )


def _mounts_on(node: ast.AST, name: str | None, attribute: str) -> bool:
    """Whether `node` is `<name>.<attribute>.mount(...)`: a transport adapter given to the
    session (`TimeoutHTTPAdapter(timeout=5)` is a common way to set a default timeout)."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "mount"
        and _is_kept(node.func.value, name, attribute)
    )


def forwarded_kwargs(ctx: FileContext, call: ast.Call) -> _Function | None:
    """The function whose own `**kwargs` parameter `call` hands on whole (its one splat
    whose keys cannot be read), the function reading that parameter nowhere else (no
    `kwargs.setdefault("timeout", 5)`, no `kwargs["timeout"] = ...`)."""
    splats = [k for k in call.keywords if k.arg is None and ctx.splat_entries(k.value) is None]
    if len(splats) != 1 or not isinstance(splats[0].value, ast.Name):
        return None
    function = ctx.scopes.enclosing_function(call)
    name = splats[0].value.id
    if function is None or function.args.kwarg is None or function.args.kwarg.arg != name:
        return None
    for node in walk(function):
        if isinstance(node, ast.Name) and node.id == name and node is not splats[0].value:
            return None
    return function


def module_callers(ctx: FileContext, function: _Function) -> list[ast.Call]:
    """The calls of `function` in its module: `name(...)` of a module-level function; of
    a method, `self.name(...)` in the class's own methods and `obj.name(...)` on an object
    the module makes of the class (`obj = Client(...)`)."""
    owner = ctx.parent(function)
    found: list[ast.Call] = []
    for node in ctx.nodes(ast.Call):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func
        if isinstance(owner, ast.Module):
            if isinstance(callee, ast.Name) and callee.id == function.name:
                found.append(node)
        elif (
            isinstance(owner, ast.ClassDef)
            and isinstance(callee, ast.Attribute)
            and callee.attr == function.name
            and _of_class(ctx, callee.value, owner)
        ):
            found.append(node)
    return sorted(found, key=lambda call: (call.lineno, call.col_offset))


def _of_class(ctx: FileContext, receiver: ast.expr, owner: ast.ClassDef) -> bool:
    """Whether `receiver` is an instance of `owner`: the `self` of one of its methods, or
    a name the module binds to `Owner(...)`."""
    if isinstance(receiver, ast.Name):
        method = ctx.scopes.enclosing_function(receiver)
        if method is not None and ctx.parent(method) is owner and _self_name(method) == receiver.id:
            return True
    made = ctx.origin(receiver)
    return made is not None and made in (owner.name, f"{ctx.module}.{owner.name}")


def helper_session(ctx: FileContext, receiver: ast.expr) -> bool:
    """Whether the receiver holds what a function of this module hands back, and that
    function only ever returns a plain `requests.Session()` it made (`with get_session()
    as session:`, where `get_session()` mounts retries on `session or requests.Session()`
    and returns it): the retry recipe's helper sets no timeout. Not one that mounts an
    adapter of its own or mentions a timeout at all (a `TimeoutHTTPAdapter` sets a
    default in its `send()`)."""
    made: ast.expr | None = receiver
    if isinstance(receiver, ast.Name):
        made = ctx.scopes.made_by(receiver, past_none=True) or ctx.scopes.entered_value(receiver)
    if not (isinstance(made, ast.Call) and isinstance(made.func, ast.Name)):
        return False
    helper = ctx.called_function(made.func)
    if helper is None:
        return False
    returns = [node for node in ctx.subtree(helper) if isinstance(node, ast.Return)]
    if not returns or any(ctx.scopes.enclosing_function(r) is not helper for r in returns):
        return False
    if any(_may_set_timeout(ctx, node) for node in ctx.subtree(helper)):
        return False
    return all(r.value is not None and _makes_session(ctx, r.value) for r in returns)


def _may_set_timeout(ctx: FileContext, node: ast.AST) -> bool:
    """A name, attribute or keyword naming a timeout, or an adapter other than requests'
    own made (a project's `TimeoutHTTPAdapter` sets a default in its `send()`)."""
    if isinstance(node, ast.keyword):
        return "timeout" in (node.arg or "")
    if isinstance(node, ast.Attribute | ast.Name):
        return "timeout" in (node.attr if isinstance(node, ast.Attribute) else node.id).lower()
    if isinstance(node, ast.Call):
        name = ctx.call_name(node) or ""
        return name.endswith("Adapter") and name not in _STOCK_ADAPTERS
    return False


_STOCK_ADAPTERS = frozenset({"requests.adapters.HTTPAdapter", "requests.HTTPAdapter"})
"""requests' own adapter, which retries (`max_retries=`) but sets no timeout."""


def _makes_session(ctx: FileContext, value: ast.expr) -> bool:
    """`requests.Session()`, `session or requests.Session()`, or a local bound to one."""
    if isinstance(value, ast.Name):
        made = ctx.reaching_value(value) or ctx.scopes.made_by(value)
        return made is not None and not isinstance(made, ast.Name) and _makes_session(ctx, made)
    if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or):
        return _makes_session(ctx, value.values[-1])
    return isinstance(value, ast.Call) and ctx.call_name(value) in REQUESTS_SESSIONS
