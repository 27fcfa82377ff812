"""itsdangerous serializers and Django signers a module makes, and the tokens it loads
with them.

A token a view was sent (`request.json["token"]`, a URL's `<token>`) loaded by a
serializer is only as short-lived as the serializer makes it: the project may make the
serializer in a helper of another module (`def get_serializer(): return Serializer(key)`)
or keep one at module level (`ts = URLSafeTimedSerializer(key)`), so each module records
what its helpers return and its module-level objects hold, and where it loads a token
the request sent with which serializer; the project step joins the two.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from webwarden.model.django.caller_checks import is_request, request_name
from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext
from webwarden.model.project import ProjectModel

SIGNED_TOKEN_FACTS = "signed_tokens"  # noqa: S105 - a fact's name
_PACKAGES = ("itsdangerous.", "django.core.signing.")
UNTIMED = frozenset(
    {"itsdangerous.Serializer", "itsdangerous.URLSafeSerializer",
     "itsdangerous.serializer.Serializer", "itsdangerous.url_safe.URLSafeSerializer",
     "itsdangerous.JSONWebSignatureSerializer", "itsdangerous.jws.JSONWebSignatureSerializer",
     "itsdangerous.Signer", "itsdangerous.signer.Signer"}
)  # fmt: skip
"""itsdangerous classes whose signature carries no time: a token they signed is good for
as long as the key is. Not Django's plain `Signer`: a Django project signs with it values
handed back unchanged (a redirect's target, a form's state), and its expiring tokens with
`signing.dumps()` or a `TimestampSigner` (`TIMED`)."""
DJANGO_LOADS = "django.core.signing.loads"
"""Django's `signing.loads()`: its tokens carry the time (`signing.dumps()` signs with a
`TimestampSigner`), checked only when it is given `max_age`."""
DJANGO_SIGNED_COOKIE = "request.get_signed_cookie"
"""Django's `request.get_signed_cookie()`: `set_signed_cookie()` signs the value with a
`TimestampSigner`, whose time only `max_age` checks (the browser's expiry is the
client's to keep or not)."""
TIMED = frozenset(
    {"itsdangerous.TimedSerializer", "itsdangerous.URLSafeTimedSerializer",
     "itsdangerous.timed.TimedSerializer", "itsdangerous.url_safe.URLSafeTimedSerializer",
     "itsdangerous.TimestampSigner", "itsdangerous.timed.TimestampSigner",
     "django.core.signing.TimestampSigner", DJANGO_LOADS, DJANGO_SIGNED_COOKIE}
)  # fmt: skip
"""itsdangerous and Django classes that sign the time too, and check the token's age only
when `loads()` (or `unsign()`, `unsign_object()`) is given `max_age`."""
_COOKIE_MAX_AGE_POSITION = 3
"""`request.get_signed_cookie(key, default, salt, max_age)`."""
_LOADERS = frozenset({"loads", "unsign", "unsign_object"})
_DJANGO_MAX_AGE_POSITION = 4
"""`signing.loads(s, key, salt, serializer, max_age, ...)`."""
_DJANGO_REQUEST_DATA = frozenset(
    {"GET", "POST", "COOKIES", "body", "headers", "META", "data", "query_params"}
)
"""What a Django (or REST framework) request carries from its sender."""
_REQUEST_NAMES = frozenset({"request", "req", "_request", "http_request"})
_ROUTE_DECORATORS = frozenset({"route", "get", "post", "put", "patch", "delete"})
_MAX_DEPTH = 4


@dataclass(frozen=True, slots=True)
class TokenLoad:
    """A `loads()` (or `unsign()`) of a token the request sent: where, the qualified name
    of the serializer (the call that made it, or the module-level name holding it), and
    whether it was given a `max_age`."""

    line: int
    column: int
    end_line: int
    end_column: int
    serializer: str
    max_age: bool


@dataclass(frozen=True, slots=True)
class SignedTokenFacts:
    """The module's serializer classes by the top-level function returning one, or the
    module-level name holding one; and its loads of tokens the request sent."""

    makers: tuple[tuple[str, str], ...]
    loads: tuple[TokenLoad, ...]


def extract_signed_tokens(ctx: FileContext) -> SignedTokenFacts | None:
    """The serializers the module's helpers make or its names hold, and its loads."""
    makers = tuple(_makers(ctx)) if ctx.holds("itsdangerous") or ctx.holds("signing") else ()
    loads = (
        tuple(_loads(ctx))
        if ctx.holds("loads") or ctx.holds("unsign") or ctx.holds("get_signed_cookie")
        else ()
    )
    return SignedTokenFacts(makers, loads) if makers or loads else None


def serializer_class(project: ProjectModel, name: str) -> str | None:
    """The itsdangerous or Django class of the serializer `name` stands for: the class
    itself (or Django's `signing.loads`), a project function returning one, or a
    module-level name of the project holding one."""
    if name.startswith(_PACKAGES) or name == DJANGO_SIGNED_COOKIE:
        return name if name in UNTIMED or name in TIMED else None
    module, _, attr = name.rpartition(".")
    summary = project.modules_named(module) if module else None
    facts = summary.facts.get(SIGNED_TOKEN_FACTS) if summary is not None else None
    if not isinstance(facts, SignedTokenFacts):
        return None
    return dict(facts.makers).get(attr)


def _makers(ctx: FileContext) -> list[tuple[str, str]]:
    """Top-level functions whose returned serializers are all of one class, and top-level
    names bound to a serializer made there."""
    found: list[tuple[str, str]] = []
    for statement in ctx.tree.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            returned = (
                _made(ctx, r.value) for r in ast.walk(statement) if isinstance(r, ast.Return)
            )
            made = {kind for kind in returned if kind is not None}
            if len(made) == 1:
                found.append((statement.name, made.pop()))
        elif (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            made_here = _made(ctx, statement.value)
            if made_here is not None:
                found.append((statement.targets[0].id, made_here))
    return found


def _made(ctx: FileContext, value: ast.expr | None) -> str | None:
    """The itsdangerous class `value` makes (`Serializer(key)`), also through a local."""
    if isinstance(value, ast.Name):
        value = ctx.lookup(value)
    if not isinstance(value, ast.Call):
        return None
    name = ctx.call_name(value) or ""
    return name if name in UNTIMED or name in TIMED else None


def _loads(ctx: FileContext) -> list[TokenLoad]:
    found = []
    for call in ctx.nodes(ast.Call):
        if not (isinstance(call, ast.Call) and call.args):
            continue
        position = 1
        if ctx.call_name(call) == DJANGO_LOADS:
            serializer: str | None = DJANGO_LOADS
            position = _DJANGO_MAX_AGE_POSITION
        elif _signed_cookie_read(ctx, call):
            serializer = DJANGO_SIGNED_COOKIE
            position = _COOKIE_MAX_AGE_POSITION
        elif isinstance(call.func, ast.Attribute) and call.func.attr in _LOADERS:
            serializer = _serializer(ctx, call.func.value)
        else:
            continue
        if serializer is None:
            continue
        if serializer != DJANGO_SIGNED_COOKIE and not _sent(ctx, call.args[0], 0):
            continue
        # NOTE: a timed serializer's `loads(token, max_age)` and a timestamp signer's
        # `unsign(value, max_age)` take it second; an untimed one's second is the salt,
        # and its findings do not ask.
        max_age = ctx.keyword(call, "max_age") or (
            call.args[position] if len(call.args) > position else None
        )
        given = max_age is not None and not (
            isinstance(max_age, ast.Constant) and max_age.value is None
        )
        end = (call.end_lineno or call.lineno, call.end_col_offset or 0)
        found.append(TokenLoad(call.lineno, call.col_offset + 1, *end, serializer, given))
    return found


def _signed_cookie_read(ctx: FileContext, call: ast.Call) -> bool:
    """`request.get_signed_cookie(...)` (or `self.request....`) on the request a Django
    view (function or method) takes: a cookie the client sent back."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "get_signed_cookie"):
        return False
    function = ctx.scopes.enclosing_function(call)
    name = request_name(ctx, function)
    if isinstance(func.value, ast.Name) and not _takes(function, name):
        # NOTE: a request the function makes itself (a test's `request = HttpRequest()`)
        # carries the cookie the test put there, not one a client sent.
        return False
    return name in _REQUEST_NAMES and is_request(func.value, name)


def _takes(function: ast.AST | None, name: str) -> bool:
    """Whether `function` has a parameter `name`."""
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    arguments = function.args
    return any(
        a.arg == name for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)
    )


def _serializer(ctx: FileContext, receiver: ast.expr) -> str | None:
    """The call that made the receiver (`get_serializer()`, qualified), or the name
    holding it (`tokens.ts`), when the function does not make it."""
    value: ast.expr | None = receiver
    if isinstance(receiver, ast.Name):
        value = ctx.scopes.made_by(receiver, past_none=True) or receiver
    if isinstance(value, ast.Call):
        func = value.func
        if isinstance(func, ast.Name) and ctx.module_function(func.id) is not None:
            return f"{ctx.module}.{func.id}"
        return ctx.call_name(value)
    if isinstance(value, ast.Name | ast.Attribute):
        return ctx.qualified_here(value)
    return None


def _sent(ctx: FileContext, node: ast.expr, depth: int) -> bool:
    """Whether `node` reads what the request sent: Flask's `request`, what a Django
    view's request carries (`request.GET`, `request.COOKIES`), a local bound to such a
    read, or a parameter of a view (a URL's `<token>`)."""
    if depth > _MAX_DEPTH:
        return False
    for part in ast.walk(node):
        if not isinstance(part, ast.expr):
            continue
        if ctx.qualified(part) == "flask.request" or _django_request_data(ctx, part):
            return True
        if isinstance(part, ast.Name) and isinstance(part.ctx, ast.Load):
            bound = ctx.scopes.made_by(part)
            if bound is not None and _sent(ctx, bound, depth + 1):
                return True
            if bound is None and (_view_parameter(ctx, part) or _django_view_parameter(ctx, part)):
                return True
    return False


def _django_request_data(ctx: FileContext, node: ast.expr) -> bool:
    """`request.GET`, `self.request.COOKIES` ... of the request a Django view (function
    or method) takes."""
    if not (isinstance(node, ast.Attribute) and node.attr in _DJANGO_REQUEST_DATA):
        return False
    function = ctx.scopes.enclosing_function(node)
    name = request_name(ctx, function)
    return name in _REQUEST_NAMES and is_request(node.value, name)


def _django_view_parameter(ctx: FileContext, name: ast.Name) -> bool:
    """A parameter after the request of a function or method taking one (`def
    confirm(request, token)`): what Django hands a view from its URL."""
    function = ctx.scopes.enclosing_function(name)
    if function is None:
        return False
    request = request_name(ctx, function)
    parameters = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    if request not in _REQUEST_NAMES or request not in parameters:
        return False
    return name.id in parameters[parameters.index(request) + 1 :]


def _view_parameter(ctx: FileContext, name: ast.Name) -> bool:
    function = ctx.scopes.enclosing_function(name)
    if function is None:
        return False
    arguments = function.args
    if name.id not in {a.arg for a in (*arguments.posonlyargs, *arguments.args)}:
        return False
    return any(
        isinstance(d, ast.Call)
        and isinstance(d.func, ast.Attribute)
        and d.func.attr in _ROUTE_DECORATORS
        for d in function.decorator_list
    )


EXTRACTORS.append(FactExtractor(SIGNED_TOKEN_FACTS, extract_signed_tokens))
