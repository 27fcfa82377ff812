"""itsdangerous serializers and signers a module makes, and the tokens it loads with them.

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

from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext
from webwarden.model.project import ProjectModel

SIGNED_TOKEN_FACTS = "signed_tokens"  # noqa: S105 - a fact's name
_PACKAGE = "itsdangerous."
UNTIMED = frozenset(
    {"itsdangerous.Serializer", "itsdangerous.URLSafeSerializer",
     "itsdangerous.serializer.Serializer", "itsdangerous.url_safe.URLSafeSerializer",
     "itsdangerous.JSONWebSignatureSerializer", "itsdangerous.jws.JSONWebSignatureSerializer",
     "itsdangerous.Signer", "itsdangerous.signer.Signer"}
)  # fmt: skip
"""itsdangerous classes whose signature carries no time: a token they signed is good for
as long as the key is."""
TIMED = frozenset(
    {"itsdangerous.TimedSerializer", "itsdangerous.URLSafeTimedSerializer",
     "itsdangerous.timed.TimedSerializer", "itsdangerous.url_safe.URLSafeTimedSerializer",
     "itsdangerous.TimestampSigner", "itsdangerous.timed.TimestampSigner"}
)  # fmt: skip
"""itsdangerous classes that sign the time too, and check the token's age only when
`loads()` (or `unsign()`) is given `max_age`."""
_LOADERS = frozenset({"loads", "unsign"})
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
    makers = tuple(_makers(ctx)) if ctx.holds("itsdangerous") else ()
    loads = tuple(_loads(ctx)) if ctx.holds("loads") or ctx.holds("unsign") else ()
    return SignedTokenFacts(makers, loads) if makers or loads else None


def serializer_class(project: ProjectModel, name: str) -> str | None:
    """The itsdangerous class of the serializer `name` stands for: the class itself, a
    project function returning one, or a module-level name of the project holding one."""
    if name.startswith(_PACKAGE):
        return name
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
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr in _LOADERS
            and call.args
        ):
            continue
        serializer = _serializer(ctx, call.func.value)
        if serializer is None or not _sent(ctx, call.args[0], 0):
            continue
        # NOTE: a timed serializer's `loads(token, max_age)` and a timestamp signer's
        # `unsign(value, max_age)` take it second; an untimed one's second is the salt,
        # and its findings do not ask.
        max_age = ctx.keyword(call, "max_age") or (call.args[1] if len(call.args) > 1 else None)
        given = max_age is not None and not (
            isinstance(max_age, ast.Constant) and max_age.value is None
        )
        end = (call.end_lineno or call.lineno, call.end_col_offset or 0)
        found.append(TokenLoad(call.lineno, call.col_offset + 1, *end, serializer, given))
    return found


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
    """Whether `node` reads what the request sent: Flask's `request`, a local bound to
    such a read, or a parameter of a route's view (a URL's `<token>`)."""
    if depth > _MAX_DEPTH:
        return False
    for part in ast.walk(node):
        if not isinstance(part, ast.expr):
            continue
        if ctx.qualified(part) == "flask.request":
            return True
        if isinstance(part, ast.Name) and isinstance(part.ctx, ast.Load):
            bound = ctx.scopes.made_by(part)
            if bound is not None and _sent(ctx, bound, depth + 1):
                return True
            if bound is None and _view_parameter(ctx, part):
                return True
    return False


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
