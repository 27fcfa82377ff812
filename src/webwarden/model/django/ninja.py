"""Django Ninja APIs, routers and operations, and the authentication each one sets.

Ninja marks every view it makes exempt from Django's CSRF middleware and checks the token
itself only in cookie authentication (`django_auth`, any `APIKeyCookie`). An operation
takes its `auth` from its decorator, else from its router (as made, or as `add_router`
mounts it), else from its `NinjaAPI`; `auth=None` on any of them means none. The facts
are per module; the project step joins operations to the routers and APIs of other
modules by qualified name.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from enum import StrEnum

from webwarden.model.module import FileContext

NINJA_FACTS = "django.ninja"

_APIS = frozenset(
    {
        "ninja.NinjaAPI",
        "ninja.main.NinjaAPI",
        "ninja_extra.NinjaExtraAPI",
        "ninja_extra.main.NinjaExtraAPI",
    }
)
_ROUTERS = frozenset({"ninja.Router", "ninja.router.Router"})
OPERATIONS = frozenset({"get", "post", "put", "patch", "delete", "api_operation"})
"""The decorator methods of a `NinjaAPI` or `Router` that make a function an operation."""
_NOT_SET = frozenset({"ninja.constants.NOT_SET", "ninja.NOT_SET"})
COOKIE_AUTHENTICATORS = frozenset(
    f"ninja.security.{module}{name}"
    for module in ("", "session.", "apikey.")
    for name in (
        "APIKeyCookie", "SessionAuth", "SessionAuthSuperUser", "SessionAuthIsStaff",
        "django_auth", "django_auth_superuser", "django_auth_is_staff",
    )
)  # fmt: skip
"""Ninja's cookie authentication: the session cookie a browser sends by itself, with the
CSRF token checked on unsafe requests only."""
_AUTHORITY = frozenset({"user", "auser", "session"})
"""What of the request names the user its cookies log in (Django's middleware fills
`request.user` and `request.session` whatever Ninja authenticates)."""


class Auth(StrEnum):
    """What an `auth=` argument says."""

    UNSET = "unset"
    """No `auth=` (or `NOT_SET`): inherited."""
    NONE = "none"
    """`auth=None`: no authentication, whatever the router or API sets."""
    SET = "set"
    """Some authentication (or an argument webwarden cannot read)."""


SESSION_LAMBDA = "<lambda>"
"""The authenticator name of a lambda that reads the request's user or session."""


@dataclass(frozen=True, slots=True)
class AuthArg:
    """An `auth=` argument: what it says, and the classes or functions it names."""

    state: Auth
    authenticators: tuple[str, ...] = ()
    """For `SET`: the qualified names of the classes and functions given (each of a
    list), or `SESSION_LAMBDA`; () when they cannot be read."""


@dataclass(frozen=True, slots=True)
class NinjaHolder:
    """A `NinjaAPI` or `Router` bound to a module-level name."""

    name: str
    is_api: bool
    auth: AuthArg
    checks_csrf: bool
    """`NinjaAPI(csrf=True)`: Ninja before 1.0 then checked every unsafe request."""


@dataclass(frozen=True, slots=True)
class NinjaMount:
    """`parent.add_router(prefix, router, auth=...)`."""

    parent: str
    router: str
    """The router's qualified name, or the dotted path Ninja imports it from."""
    auth: AuthArg


@dataclass(frozen=True, slots=True)
class NinjaOperation:
    """A module-level function decorated as an operation of some holder (which the project
    step tells to be Ninja's or not)."""

    function: str
    holder: str
    methods: frozenset[str]
    path: str
    auth: AuthArg
    line: int
    column: int
    authority_line: int
    """The first line reading the request's `user` or `session` (0: none)."""


@dataclass(frozen=True, slots=True)
class NinjaFacts:
    """A module's Ninja holders (local names), mounts and operations."""

    holders: tuple[NinjaHolder, ...]
    mounts: tuple[NinjaMount, ...]
    operations: tuple[NinjaOperation, ...]
    authenticators: tuple[str, ...] = ()
    """The module-level functions and classes (local names) that authenticate by the
    user or session the request's cookies name, checking no CSRF token: a function
    reading its request's `user`, or a class deriving from none of Ninja's whose
    `authenticate` or `__call__` does."""
    cookie_authenticators: tuple[str, ...] = ()
    """The module's classes (local names) deriving from Ninja's cookie authentication."""


def extract_ninja(ctx: FileContext) -> NinjaFacts | None:
    """The module's Ninja facts (None: none)."""
    operations = tuple(_operations(ctx))
    if not operations and not ctx.names.imports("ninja") and not ctx.names.imports("ninja_extra"):
        return None
    holders = tuple(_holders(ctx))
    mounts = tuple(_mounts(ctx))
    authenticators = tuple(_authenticators(ctx))
    cookies = tuple(sorted(_subclasses(ctx, COOKIE_AUTHENTICATORS) - COOKIE_AUTHENTICATORS))
    if not (holders or mounts or operations or authenticators or cookies):
        return None
    return NinjaFacts(holders, mounts, operations, authenticators, cookies)


def _authenticators(ctx: FileContext) -> list[str]:
    found = []
    for statement in ctx.tree.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            if _authority_line(statement):
                found.append(statement.name)
        elif isinstance(statement, ast.ClassDef) and not any(
            (ctx.qualified(base) or "").startswith("ninja") for base in statement.bases
        ):
            methods = [
                m
                for m in statement.body
                if isinstance(m, ast.FunctionDef | ast.AsyncFunctionDef)
                and m.name in {"authenticate", "__call__"}
            ]
            if any(_authority_line(m, 1) for m in methods):
                found.append(statement.name)
    return found


def _holders(ctx: FileContext) -> list[NinjaHolder]:
    apis, routers = _subclasses(ctx, _APIS), _subclasses(ctx, _ROUTERS)
    found = []
    for statement in ctx.tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            target, value = statement.target, statement.value
        else:
            continue
        if not (isinstance(target, ast.Name) and isinstance(value, ast.Call)):
            continue
        made = ctx.call_name(value)
        if made in apis or made in routers:
            csrf = ctx.keyword(value, "csrf")
            checks = isinstance(csrf, ast.Constant) and csrf.value is True
            found.append(NinjaHolder(target.id, made in apis, _auth(ctx, value), checks))
    return found


def _subclasses(ctx: FileContext, bases: frozenset[str]) -> frozenset[str]:
    """`bases` and the module's own classes deriving from one (an API class that records
    what its operations print)."""
    found = set(bases)
    for statement in ctx.tree.body:
        if isinstance(statement, ast.ClassDef) and any(
            ctx.qualified(base) in found for base in statement.bases
        ):
            found.add(statement.name)
    return frozenset(found)


def _mounts(ctx: FileContext) -> list[NinjaMount]:
    found = []
    for call in ctx.by_type.get(ast.Call, ()):
        func = getattr(call, "func", None)
        if not (isinstance(call, ast.Call) and isinstance(func, ast.Attribute)):
            continue
        if func.attr != "add_router":
            continue
        router = call.args[1] if len(call.args) > 1 else ctx.keyword(call, "router")
        parent, named = _named(ctx, func.value), _named(ctx, router)
        if parent and named:
            found.append(NinjaMount(parent, named, _auth(ctx, call)))
    return found


def _operations(ctx: FileContext) -> list[NinjaOperation]:
    found = []
    for statement in ctx.tree.body:
        if not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in statement.decorator_list:
            operation = _operation(ctx, statement, decorator)
            if operation is not None:
                found.append(operation)
    return found


def _operation(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef, decorator: ast.expr
) -> NinjaOperation | None:
    if not (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr in OPERATIONS
    ):
        return None
    holder = _named(ctx, decorator.func.value)
    methods = _methods(ctx, decorator, decorator.func.attr)
    if not holder or methods is None:
        return None
    path = decorator.args[-1] if decorator.args else ctx.keyword(decorator, "path")
    return NinjaOperation(
        function.name,
        holder,
        methods,
        path.value if isinstance(path, ast.Constant) and isinstance(path.value, str) else "",
        _auth(ctx, decorator),
        decorator.lineno,
        decorator.col_offset,
        _authority_line(function),
    )


def _methods(ctx: FileContext, decorator: ast.Call, verb: str) -> frozenset[str] | None:
    """The HTTP methods the operation answers (None: not known)."""
    if verb != "api_operation":
        return frozenset({verb.upper()})
    listed = decorator.args[0] if decorator.args else ctx.keyword(decorator, "methods")
    if not isinstance(listed, ast.List | ast.Tuple):
        return None
    names = [e.value for e in listed.elts if isinstance(e, ast.Constant)]
    if len(names) != len(listed.elts) or not all(isinstance(n, str) for n in names):
        return None
    return frozenset(str(n).upper() for n in names)


def _authority_line(
    function: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, index: int = 0
) -> int:
    """The first line reading the `user` or `session` of the request, the parameter at
    `index` (0: none)."""
    arguments = [*function.args.posonlyargs, *function.args.args]
    if len(arguments) <= index:
        return 0
    request = arguments[index].arg
    lines = [
        node.lineno
        for node in ast.walk(function)
        if isinstance(node, ast.expr) and _reads_authority(node, request)
    ]
    return min(lines, default=0)


def _reads_authority(node: ast.expr, request: str) -> bool:
    """`request.user`, `getattr(request, "user", None)`."""
    if isinstance(node, ast.Attribute):
        owner, name = node.value, node.attr
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "getattr"
        and len(node.args) >= 2
        and isinstance(node.args[1], ast.Constant)
    ):
        owner, name = node.args[0], str(node.args[1].value)
    else:
        return False
    return name in _AUTHORITY and isinstance(owner, ast.Name) and owner.id == request


def _auth(ctx: FileContext, call: ast.Call) -> AuthArg:
    if any(k.arg is None for k in call.keywords):
        return AuthArg(Auth.SET)  # NOTE: `**options` may pass one
    value = ctx.keyword(call, "auth")
    if value is None or ctx.qualified(value) in _NOT_SET:
        return AuthArg(Auth.UNSET)
    if isinstance(value, ast.Constant) and value.value is None:
        return AuthArg(Auth.NONE)
    given = value.elts if isinstance(value, ast.List | ast.Tuple) else [value]
    names = [_authenticator(ctx, item) for item in given]
    return AuthArg(Auth.SET, tuple(names) if all(names) else ())


def _authenticator(ctx: FileContext, given: ast.expr) -> str:
    if isinstance(given, ast.Lambda):
        return SESSION_LAMBDA if _authority_line(given) else ""
    return _named(ctx, given.func if isinstance(given, ast.Call) else given)


def _named(ctx: FileContext, node: ast.expr | None) -> str:
    """The qualified name of a holder expression (a module-level name of this module is
    named with the module), or the dotted path a string gives; "" for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and node.id not in ctx.names.aliases:
        return f"{ctx.module}.{node.id}" if ctx.module else node.id
    if isinstance(node, ast.Name | ast.Attribute):
        return ctx.qualified(node) or ""
    return ""
