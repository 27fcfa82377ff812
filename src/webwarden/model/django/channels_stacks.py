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
sets `scope["user"]` on every handshake (a token's user, whatever the cookie says).
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
_ROUTERS = frozenset({"channels.routing.URLRouter", "channels.routing.ChannelNameRouter"})
_ANY = "*"
_COOKIE_WORDS = ("cookie", "session")
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
    _walk(ctx, branch, frozenset(), reading, 0)
    return WebsocketStack(branch, reading.origins, reading.cookie, reading.token_user)


def _walk(
    ctx: FileContext, node: ast.expr, inner: frozenset[str], reading: _Reading, depth: int
) -> None:
    """Read the layers of `node` down to the router, or to a name in `inner` (the
    parameter a project's stack function wraps)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(node, ast.Name):
        if node.id not in inner and (bound := ctx.lookup(node)) is not None:
            _walk(ctx, bound, inner, reading, depth + 1)
        return
    if not isinstance(node, ast.Call):
        return
    name = ctx.qualified_here(node.func) or ""
    if name in _ROUTERS:
        return
    wrapped = ctx.argument(node, 0, "application") or ctx.argument(node, 0, "inner")
    if name in COOKIE_LAYERS:
        reading.cookie = True
    elif name == _ALLOWED_HOSTS_VALIDATOR:
        reading.origins = _outer(reading.origins, Origins.ALLOWED_HOSTS)
    elif name == _ORIGIN_VALIDATOR:
        reading.origins = _outer(reading.origins, _listed(ctx, node))
    else:
        _read_project_layer(ctx, node, name, reading, depth)
    if wrapped is not None:
        _walk(ctx, wrapped, inner, reading, depth + 1)


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
) -> None:
    """Read through a layer the project defines: its stack function or middleware class."""
    found = _definition(ctx, call.func, name, reading.read_module)
    if found is None:
        return
    where, definition = found
    if isinstance(definition, ast.ClassDef):
        bases = {where.qualified(base) for base in definition.bases}
        reading.cookie = reading.cookie or bool(bases & COOKIE_LAYERS)
        if not reading.token_user and _sets_user_always(definition):
            reading.token_user = definition.name
        return
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
    for value in returned:
        _walk(where, value, names, reading, depth + 1)


_Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda


def _definition(
    ctx: FileContext, func: ast.expr, name: str, read_module: ModuleReader | None
) -> tuple[FileContext, _Definition] | None:
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


def _top_level(ctx: FileContext, name: str) -> _Definition | None:
    """The module-level `def`, `class` or assigned lambda of that name (the last one)."""
    found: _Definition | None = None
    for statement in ctx.tree.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found = statement if statement.name == name else found
        elif (
            isinstance(statement, ast.Assign)
            and isinstance(statement.value, ast.Lambda)
            and any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)
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
