"""Tokens the server signed and mailed, checked before a view acts on them.

A link carrying such a token (an invitation, an address confirmation, a password reset)
is a capability: another site can send the visitor's browser to the view, but not with
a token it cannot sign. What the view changes only once the token checked out is no
change another site can force (`_calls` counts it as made for a request it cannot
forge, as it counts one made for a submission).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.specs import REQUEST_OBJECTS
from webwarden.model.signed_values import SERIALIZERS

SIGNING_CLASSES = SERIALIZERS | {
    "itsdangerous.Signer", "itsdangerous.TimestampSigner", "itsdangerous.signer.Signer",
    "itsdangerous.timed.TimestampSigner", "django.core.signing.Signer",
    "django.core.signing.TimestampSigner",
}  # fmt: skip
"""itsdangerous' serializers and signers and Django's signers: their `loads()` (or
`unsign()`, `unsign_object()`) raises `BadSignature` unless the value carries the
signature made with their key; not `loads_unsafe()`."""
_LOADERS = frozenset({"loads", "unsign", "unsign_object"})
_UNSIGNERS = frozenset({"unsign", "unsign_object"})
_LOADING_FUNCTIONS = frozenset({"django.core.signing.loads"})
_TOKEN_CHECKS = frozenset({"check_token"})
"""Django's `PasswordResetTokenGenerator.check_token(user, token)` (`default_token_generator`
and the project's subclasses): true only for a token made for that user's current state."""
_SENT_PARTS = frozenset(
    {"args", "form", "values", "json", "get_json", "view_args", "GET", "POST", "data"}
    | {"query_params", "matchdict", "params"}
)
"""What a request carries that its sender chose: the query string, the body, the URL's
parts. Not its cookies nor the session, which the browser adds by itself."""
_REQUEST_NAMES = frozenset({"request", "req"})
_FAILED = (None, False)

Kinds = Callable[[str], str | None]
"""The class of the module-level object a dotted name is (`ProjectIndex.instance_kind`)."""


def sent_value(expr: ir.Expr, sent: frozenset[str]) -> bool:
    """Whether an expression is what the request's URL, query string or body carries:
    a local in `sent` (a view's parameter, a URL part, or one assigned such a value),
    `request.args.get("token")`, `request.GET["t"]`; not the cookies or the session."""
    match expr:
        case ir.Local(name=name):
            return name in sent
        case ir.Call(func=ir.Attr(value=value, attr="get")):
            return sent_value(value, sent)
        case ir.Call(func=ir.Global(name=name)):
            return _request_part(name.rpartition(".")[0])
        case ir.Sub(value=value):
            return sent_value(value, sent)
        case ir.Attr(value=value, attr=attr) if attr in _SENT_PARTS:
            return _request(value)
        case ir.Global(name=name):
            return _request_part(name)
    return False


def _request(expr: ir.Expr) -> bool:
    """Django's request, a view's parameter (`request`, `self.request`), or Flask's."""
    match expr:
        case ir.Local(name=name):
            return name in _REQUEST_NAMES
        case ir.Attr(value=ir.Local(name="self"), attr=attr):
            return attr in _REQUEST_NAMES
        case ir.Global(name=name):
            return name in REQUEST_OBJECTS
    return False


def _request_part(name: str) -> bool:
    """`flask.request.args` (or a name under it): a part of Flask's request its sender
    chose."""
    owner = next((o for o in REQUEST_OBJECTS if name.startswith(o + ".")), None)
    if owner is None:
        return False
    parts = name[len(owner) + 1 :].split(".")
    return parts[0] in _SENT_PARTS


@dataclass(frozen=True, slots=True)
class Tokens:
    """The signed tokens a function is sent and how it checks them."""

    loads: frozenset[ir.Pos] = frozenset()
    """Where it checks the signature of a token the request carries by a call that
    raises unless the server signed it (`serializer.loads(request.args["token"])`)."""
    verified: frozenset[str] = frozenset()
    """Locals holding such a token's payload, or None (or False) when it failed the check
    (`data = verify_token(token, salt="invite")`, a project function handing back
    `serializer.loads(token, ...)` or None: `checked_parameter`)."""
    sent: frozenset[str] = frozenset()
    """Its parameters and the locals holding what the request carries (`sent_locals`)."""

    def loaded_by(self, statement: ir.Stmt) -> bool:
        """Whether the statement checks a token so, raising unless it is signed."""
        match statement:
            case ir.Assign(value=ir.Call(pos=pos)) | ir.Eval(value=ir.Call(pos=pos)):
                return pos in self.loads
        return False

    def signed_arm(self, statement: ir.If) -> str:
        """The arm of an `if` (`then`, `else`) that runs only for a token that checked
        out: the one taken when a local holding its payload is set (`if data is None:
        return abort(403)` leaves the other; `if data1 is None and data2 is None:` the
        other once both failed), or when Django's `check_token()` held (`if not
        default_token_generator.check_token(user, token): raise Http404`); else `""`."""
        names, unset_arm = statement.none_arm
        if names and set(names) <= self.verified:
            return "else" if unset_arm == "then" else "then"
        test = statement.test
        if isinstance(test, ir.Clean) and len(test.parts) == 1:
            test = test.parts[0]  # NOTE: `not check_token(...)`; an `and`, an `or` is a `Union`
        if not isinstance(test, ir.Call) or not checks_token(test, self.sent):
            return ""
        if any(_token_check(guard) for guard in statement.then_guards):
            return "then"
        if any(_token_check(guard) for guard in statement.else_guards):
            return "else"
        return ""


def _token_check(guard: ir.Guard) -> bool:
    return guard.how == "call" and guard.callee.rpartition(".")[2] in _TOKEN_CHECKS


def read_tokens(
    function: ir.Function,
    statements: list[ir.Stmt],
    kinds: Kinds,
    checked_by_helper: Callable[[ir.Call], ir.Expr | None],
) -> Tokens:
    """The signed tokens `function` is sent and checks (`Tokens`). `checked_by_helper`
    gives what a call hands a project function as the token it checks and hands back
    (`checked_parameter`), None for any other call."""
    sent = sent_locals(function, statements)
    made = makers(statements)
    tested = {name for s in statements if isinstance(s, ir.If) for name in s.none_arm[0]}
    loads: set[ir.Pos] = set()
    verified: set[str] = set()
    for statement in statements:
        if not isinstance(statement, ir.Assign | ir.Eval):
            continue
        value = statement.value
        if not isinstance(value, ir.Call):
            continue
        names = _names(statement.targets) if isinstance(statement, ir.Assign) else []
        if loads_signed(value, made, kinds) and sent_value(value.args[0], sent):
            loads.add(value.pos)
            verified.update(names)
        elif tested.intersection(names):
            given = checked_by_helper(value)
            if given is not None and sent_value(given, sent):
                verified.update(names)
    return Tokens(frozenset(loads), frozenset(verified), sent)


def _names(targets: Iterable[ir.Target]) -> list[str]:
    return [t.name for t in targets if isinstance(t, ir.TName)]


def sent_locals(function: ir.Function, statements: Iterable[ir.Stmt]) -> frozenset[str]:
    """The function's parameters (a view's URL parts) and the locals assigned what the
    request's query string or body carries (`token = request.args.get("token")`)."""
    sent = {p.name for p in function.params if p.name not in {"self", "cls", *_REQUEST_NAMES}}
    for statement in statements:
        if isinstance(statement, ir.Assign) and sent_value(statement.value, frozenset(sent)):
            sent.update(t.name for t in statement.targets if isinstance(t, ir.TName))
    return frozenset(sent)


def makers(statements: Iterable[ir.Stmt]) -> dict[str, str]:
    """Locals bound to an object a library class made (`serializer =
    URLSafeTimedSerializer(key)`), with the class."""
    found: dict[str, str] = {}
    for statement in statements:
        match statement:
            case ir.Assign(targets=(ir.TName(name=name),), value=ir.Call(callee=str(callee))):
                found[name] = callee
    return found


def loads_signed(call: ir.Call, made: Mapping[str, str], kinds: Kinds) -> bool:
    """Whether the call checks the signature of its first argument, raising unless the
    server signed it: `serializer.loads(token, max_age=...)` of an itsdangerous
    serializer (made there, in place or at module level), a signer's `unsign(value)`,
    Django's `signing.loads(value)`."""
    if not call.args:
        return False
    if call.callee in _LOADING_FUNCTIONS:
        return True
    func = call.func
    if isinstance(func, ir.Attr) and func.attr in _LOADERS:
        if func.attr in _UNSIGNERS:
            return True
        match func.value:
            case ir.Local(name=name):
                return made.get(name) in SIGNING_CLASSES
            case ir.Call(callee=str(callee)):
                return callee in SIGNING_CLASSES
        return False
    if isinstance(func, ir.Global) and func.name.rpartition(".")[2] in _LOADERS:
        owner = func.name.rpartition(".")[0]
        return kinds(owner) in SIGNING_CLASSES
    return False


def checks_token(call: ir.Call, sent: frozenset[str]) -> bool:
    """`default_token_generator.check_token(user, token)` of a token the request sent."""
    name = call.callee or (call.func.attr if isinstance(call.func, ir.Attr) else "")
    return name.rpartition(".")[2] in _TOKEN_CHECKS and any(
        sent_value(argument, sent) for argument in call.args[1:]
    )


def checked_parameter(function: ir.Function, kinds: Kinds) -> str | None:
    """The parameter of a project function that only hands back the payload of a token it
    was given, checked (`try: return serializer.loads(token, salt=salt, max_age=...)`),
    or None or False when the check fails (`except BadData: return None`): the one whose
    value it checks; None for any other function."""
    checked: str | None = None
    made = makers(_walk(function.body))
    for statement in _walk(function.body):
        if not isinstance(statement, ir.Return):
            continue
        value = statement.value
        if value is None or (isinstance(value, ir.Const) and value.value in _FAILED):
            continue
        if not isinstance(value, ir.Call) or not loads_signed(value, made, kinds):
            return None
        given = value.args[0]
        if not isinstance(given, ir.Local) or checked not in (None, given.name):
            return None
        checked = given.name
    names = {p.name for p in function.params}
    return checked if checked in names else None


def _walk(block: ir.Block) -> Iterator[ir.Stmt]:
    for statement in block:
        yield statement
        match statement:
            case ir.If(body=body, orelse=orelse) | ir.Loop(body=body, orelse=orelse):
                yield from _walk(body)
                yield from _walk(orelse)
            case ir.Try(body=body, handlers=handlers, orelse=orelse, final=final):
                yield from _walk(body)
                for _, handler in handlers:
                    yield from _walk(handler)
                yield from _walk(orelse)
                yield from _walk(final)
            case ir.With(body=body):
                yield from _walk(body)
