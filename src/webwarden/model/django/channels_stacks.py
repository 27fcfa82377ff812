"""What wraps a Django Channels WebSocket application: the layers between the ASGI server
and the consumers, read from `ProtocolTypeRouter({"websocket": ...})`.

    application = ProtocolTypeRouter({
        "http": get_asgi_application(),
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(routes))),
    })

Each layer is a call handed the application it wraps (first argument). Layers the project
defines are read through: a function or lambda returning layers (`def
TokenAuthStack(inner): return TokenAuthMiddleware(AuthMiddlewareStack(inner))`, also in
another module of the project), a middleware class (which may set the socket's user
itself), a name bound to a stack. What the stack tells: whether the session cookie is read
(Channels' cookie, session or auth middleware), which origins are let through (Channels'
`OriginValidator`, `AllowedHostsOriginValidator`), and whether a middleware of the project
sets `scope["user"]` on every handshake (a token's user, whatever the cookie says). A
stack not read down to its routing (a library's factory, a name bound where it cannot be
read) is taken as checked: a validator may hide in what was not read.
"""

from __future__ import annotations

import ast
import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from webwarden.analysis.constants import UNKNOWN
from webwarden.model.module import FileContext

ROUTER = "channels.routing.ProtocolTypeRouter"
COOKIE_LAYERS = frozenset(
    {
        "channels.auth.AuthMiddlewareStack",
        "channels.auth.AuthMiddleware",
        "channels.sessions.SessionMiddlewareStack",
        "channels.sessions.SessionMiddleware",
        "channels.sessions.CookieMiddleware",
    }
)
_ALLOWED_HOSTS_VALIDATOR = "channels.security.websocket.AllowedHostsOriginValidator"
_ORIGIN_VALIDATOR = "channels.security.websocket.OriginValidator"
_VALIDATORS = frozenset({_ALLOWED_HOSTS_VALIDATOR, _ORIGIN_VALIDATOR})
_ROUTERS = frozenset({"channels.routing.URLRouter", "channels.routing.ChannelNameRouter"})
_ANY = "*"
_COOKIE_WORDS = ("cookie", "session")
_ORIGIN_HEADERS = frozenset({"origin", b"origin", "http_origin"})
_MAX_DEPTH = 16

ModuleReader = Callable[[str], FileContext | None]


class Origins(enum.StrEnum):
    """The origins a WebSocket stack lets open a socket."""

    UNCHECKED = "unchecked"
    """No validator: any origin, and none."""
    ANY = "any"
    """`OriginValidator(app, ["*"])`."""
    ALLOWED_HOSTS = "allowed-hosts"
    """`AllowedHostsOriginValidator`: those `ALLOWED_HOSTS` names (any, with `"*"`)."""
    LISTED = "listed"
    """`OriginValidator` with origins of the project's choosing (or not readable)."""


@dataclass(frozen=True, slots=True)
class WebsocketStack:
    """The layers of one WebSocket application, outermost first, as far as they are read."""

    branch: ast.expr
    """The `"websocket"` value of the router."""
    origins: Origins
    cookie: bool
    """A Channels layer reads the session cookie (`AuthMiddlewareStack` and the like)."""
    token_user: str
    """A middleware class of the project that sets `scope["user"]` on every handshake
    (its name), or ""."""


def websocket_stacks(
    ctx: FileContext, read_module: ModuleReader | None
) -> Iterator[WebsocketStack]:
    """The WebSocket stack of every `ProtocolTypeRouter` of the module."""
    for call in ctx.nodes(ast.Call):
        if not isinstance(call, ast.Call) or ctx.call_name(call) != ROUTER or not call.args:
            continue
        branch = _websocket_branch(ctx, call.args[0])
        if branch is not None:
            yield _read_stack(ctx, branch, read_module)


def _websocket_branch(ctx: FileContext, mapping: ast.expr) -> ast.expr | None:
    """The value under `"websocket"` of the router's dict (a literal, or a name bound to one)."""
    if isinstance(mapping, ast.Name):
        bound = ctx.lookup(mapping)
        mapping = bound if bound is not None else mapping
    if not isinstance(mapping, ast.Dict):
        return None
    for key, value in zip(mapping.keys, mapping.values, strict=True):
        if isinstance(key, ast.Constant) and key.value == "websocket":
            return value
    return None


@dataclass(slots=True)
class _Reading:
    """What the walk down one stack has seen so far."""

    read_module: ModuleReader | None
    origins: Origins = Origins.UNCHECKED
    cookie: bool = False
    token_user: str = ""


def _read_stack(
    ctx: FileContext, branch: ast.expr, read_module: ModuleReader | None
) -> WebsocketStack:
    reading = _Reading(read_module)
    reached = _walk(ctx, branch, frozenset(), reading, 0)
    # NOTE: a stack not read down to its routing may hold a validator webwarden missed.
    origins = reading.origins if reached else _outer(reading.origins, Origins.LISTED)
    return WebsocketStack(branch, origins, reading.cookie, reading.token_user)


def _walk(
    ctx: FileContext, node: ast.expr, inner: frozenset[str], reading: _Reading, depth: int
) -> bool:
    """Read the layers of `node` down to the routing (a Channels router, a consumer), or
    to a name in `inner` (the parameter a project's stack function wraps); False when
    something on the way cannot be read."""
    if depth > _MAX_DEPTH:
        return False
    if isinstance(node, ast.Name) and node.id in inner:
        return True
    if isinstance(node, ast.Name | ast.Attribute):
        found = _bound(ctx, node, reading.read_module)
        if found is None:
            return False
        where, value = found
        if isinstance(value, ast.ClassDef):
            return True  # NOTE: a consumer class, routed as it is (Channels 2)
        return _walk(where, value, inner if where is ctx else frozenset(), reading, depth + 1)
    if not isinstance(node, ast.Call):
        return False
    name = ctx.qualified_here(node.func) or ""
    if name in _ROUTERS or (isinstance(node.func, ast.Attribute) and node.func.attr == "as_asgi"):
        return True
    wrapped = ctx.argument(node, 0, "application") or ctx.argument(node, 0, "inner")
    if name in COOKIE_LAYERS:
        reading.cookie = True
    elif name == _ALLOWED_HOSTS_VALIDATOR:
        reading.origins = _outer(reading.origins, Origins.ALLOWED_HOSTS)
    elif name == _ORIGIN_VALIDATOR:
        reading.origins = _outer(reading.origins, _listed(ctx, node))
    else:
        expanded = _read_project_layer(ctx, node, name, reading, depth)
        if wrapped is None or expanded is False:
            return bool(expanded)
    return wrapped is not None and _walk(ctx, wrapped, inner, reading, depth + 1)


def _bound(
    ctx: FileContext, node: ast.Name | ast.Attribute, read_module: ModuleReader | None
) -> tuple[FileContext, ast.expr | ast.ClassDef] | None:
    """The value a name holds where it is read (the one assignment, else the last on the
    straight path), or the module-level value or class of the project module it is
    imported from."""
    if isinstance(node, ast.Name):
        value = ctx.lookup(node) or ctx.reaching_value(node)
        if value is not None:
            return ctx, value
        if (local := _top_level(ctx, node.id)) is not None:
            return (ctx, local) if isinstance(local, ast.ClassDef) else None
    found = _definition(ctx, node, ctx.qualified_here(node) or "", read_module)
    if found is None:
        return None
    where, definition = found
    if isinstance(definition, ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    return where, definition


def _outer(seen: Origins, found: Origins) -> Origins:
    """The origins let through when a validator wraps another: the outer one's."""
    return found if seen is Origins.UNCHECKED else seen


def _listed(ctx: FileContext, validator: ast.Call) -> Origins:
    """`ANY` when `OriginValidator`'s list holds `"*"`, else `LISTED` (also when unread)."""
    value = ctx.evaluate(ctx.argument(validator, 1, "allowed_origins"))
    if value is UNKNOWN or not isinstance(value, list | tuple):
        return Origins.LISTED
    return Origins.ANY if _ANY in value else Origins.LISTED


def _read_project_layer(
    ctx: FileContext, call: ast.Call, name: str, reading: _Reading, depth: int
) -> bool | None:
    """Read through a layer the project defines: whether its stack function's layers were
    read down to what it wraps; None for a middleware class, or a layer of a library."""
    found = _definition(ctx, call.func, name, reading.read_module)
    if found is None:
        return None
    where, definition = found
    if not isinstance(definition, _Definition):
        return None
    if isinstance(definition, ast.ClassDef):
        bases = {where.qualified(base) for base in definition.bases}
        reading.cookie = reading.cookie or bool(bases & COOKIE_LAYERS)
        if bases & _VALIDATORS or _reads_origin(definition):
            reading.origins = _outer(reading.origins, Origins.LISTED)
        if not reading.token_user and _sets_user_always(definition):
            reading.token_user = definition.name
        return None
    if isinstance(definition, ast.Lambda):
        params, returned = definition.args, [definition.body]
    else:
        params = definition.args
        returned = [
            n.value
            for n in ast.walk(definition)
            if isinstance(n, ast.Return) and n.value is not None
        ]
    names = frozenset(a.arg for a in (*params.posonlyargs, *params.args, *params.kwonlyargs))
    reached = [_walk(where, value, names, reading, depth + 1) for value in returned]
    return bool(reached) and all(reached)


_Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda


def _definition(
    ctx: FileContext, func: ast.expr, name: str, read_module: ModuleReader | None
) -> tuple[FileContext, _Definition | ast.expr] | None:
    """The `def`, `class` or lambda a layer's call runs, with the module defining it: this
    module's own, or the project module its qualified name points into."""
    if isinstance(func, ast.Name) and (local := _top_level(ctx, func.id)) is not None:
        return ctx, local
    module, _, attribute = name.rpartition(".")
    if not module or read_module is None or module == ctx.module:
        return None
    other = read_module(module)
    if other is None:
        return None
    found = _top_level(other, attribute)
    return None if found is None else (other, found)


def _top_level(ctx: FileContext, name: str) -> _Definition | ast.expr | None:
    """The module-level `def`, `class` or assigned value (a lambda, a stack) of that
    name (the last one)."""
    found: _Definition | ast.expr | None = None
    for statement in ctx.tree.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found = statement if statement.name == name else found
        elif isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in statement.targets
        ):
            found = statement.value
    return found


def _sets_user_always(cls: ast.ClassDef) -> bool:
    """Whether a method of the middleware class sets `scope["user"]` as a statement of its
    own body (not under an `if`): the socket's user is then the middleware's, on every
    handshake, whatever a cookie layer it wraps would have found. Not a class that names
    the cookie or the session itself: its user may be the cookie's."""
    if any(word in ast.unparse(cls).lower() for word in _COOKIE_WORDS):
        return False
    for method in cls.body:
        if not isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for statement in method.body:
            if isinstance(statement, ast.Assign | ast.AnnAssign) and _targets_user(statement):
                return True
    return False


def _reads_origin(cls: ast.ClassDef) -> bool:
    """Whether the middleware class names the `Origin` header (`b"origin"` among the
    scope's headers): it checks the origin its own way."""
    return any(
        isinstance(node, ast.Constant)
        and isinstance(node.value, str | bytes)
        and node.value.lower() in _ORIGIN_HEADERS
        for node in ast.walk(cls)
    )


def _targets_user(statement: ast.Assign | ast.AnnAssign) -> bool:
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    return any(
        isinstance(t, ast.Subscript)
        and isinstance(t.slice, ast.Constant)
        and t.slice.value == "user"
        and isinstance(t.value, ast.Name)
        and t.value.id == "scope"
        for t in targets
    )
