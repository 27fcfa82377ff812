"""Whether code turns away, before it does anything, every request that does not prove a
credential of its caller: the shared secret a webhook, callback or API gateway sends in a
header, a signature of what it sends, or a token signed with the app's key.

A browser sends none of these on its own, so a page on another site cannot make it send
them: such a view is another server's (or a script's) to call, authenticated by what that
caller knows, not by the session. Framework-neutral: each framework says what of the
request is the caller's credential (Flask's `request` as a whole, a Django view's
headers), through `Credential`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable

from webwarden.model.key_lookups import looks_up_key, raising_lookup, refusing_lookup
from webwarden.model.module import FileContext, identifier_words, sounds_secret
from webwarden.model.names import last_name
from webwarden.model.raising_checks import deployed, raising_check
from webwarden.model.record_reads import fetches_by_getter, reads_record
from webwarden.model.returned_refusals import returned_call
from webwarden.model.signed_values import checks_signature
from webwarden.model.tree import defined_method

Credential = Callable[[ast.expr], bool]
"""Whether an expression reads what the request carries that may prove its caller."""

_VERIFYING = re.compile(
    r"^(?!\w*_exists?$)"
    r"(?:_*(verify|validate|check|authenticate)_?\w*$|_*is_valid\w*$|_*[a-z]\w*_is_valid$"
    r"|_*[a-z]+_auth$)"
)
"""A check's name (`verify_incoming_request`, `validate_signature`, `check_hmac`,
`signature_is_valid`, `api_auth`); not a check that a record exists
(`check_user_exists(user_id)`), which proves nothing of the caller."""
_TOKEN_DECODERS = frozenset({"jwt.decode", "jose.jwt.decode", "jwt.api_jwt.decode"})
"""Decoders that raise unless the token was signed with the key they are given."""
SECURE_COMPARES = frozenset(
    {"hmac.compare_digest", "secrets.compare_digest", "django.utils.crypto.constant_time_compare"}
)
LOG_LEVELS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical"})
"""A logger's methods, one per level (`logger.warning(...)`, `log.exception(...)`)."""
_LOGGING = frozenset(
    LOG_LEVELS
    | {"log", "print"}
    | {"d", "i", "w", "e"}
    | {"incr", "decr", "increment", "decrement", "gauge", "timing", "histogram"}
    | {"inc", "dec", "observe"}
)
"""Calls that only log or count (a StatsD client's `statsd.incr(...)`, a Prometheus
counter's `calls.labels(result="bad").inc()`), which may come before the check."""
_REFUSING = re.compile(
    r"response|jsonify|error|den(y|ied)|forbid|refus|reject|unauthori[sz]ed|bad_?request|abort",
    re.IGNORECASE,
)
"""Words of a call building the answer to a request refused."""


def called_helper(
    ctx: FileContext, func: ast.expr, owner: ast.ClassDef | None
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The function a view's call of `func` runs: the method `self.name` (`cls.name`,
    `Owner.name`) of the view's class `owner`, or the function `name` the view defines in
    its body or the module defines (`FileContext.called_function`)."""
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        if owner is None or func.value.id not in {"self", "cls", owner.name}:
            return None
        return defined_method(owner, func.attr)
    return ctx.called_function(func) if isinstance(func, ast.Name) else None


def after_docstring(body: list[ast.stmt]) -> list[ast.stmt]:
    """The statements of a function body after its docstring."""
    first = body[0] if body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        return body[1:]
    return body


class _Sent:
    """Locals (and attributes set, `request.json`) holding what the request sent.

    NOTE: whether any is an attribute is kept as names are added, not searched for at
    each look-up: a long function binds thousands of locals one after another."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.dotted = False
        self.records: set[str] = set()
        """Locals holding a record the app stores, read by what the request sent."""

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def update(self, names: Iterable[str]) -> None:
        for name in names:
            self.names.add(name)
            self.dotted = self.dotted or "." in name


HelperCheck = Callable[[ast.Call, Credential], bool]
"""Whether a call hands what the request carries to a helper of the app's own that raises
unless it proves the caller's credential."""


def refuses_unproven(
    ctx: FileContext,
    body: list[ast.stmt],
    credential: Credential,
    helper_raises: HelperCheck | None = None,
    parameter: Credential | None = None,
    helper_refuses: HelperCheck | None = None,
) -> bool:
    """Whether the first act of `body`, after local reads, set-up, logging and bare
    refusals (`if not data: return bad_request`, `if not signature: return ...`), refuses
    a request that proves no credential: `if request.headers.get(H) != SECRET: return
    ...`, `if not verify_signature(...): return ...`, `if verify_request(...): <go on>`
    followed by a refusal, or a `try` decoding a JSON Web Token with a key, or ending in a
    check of what the request sent (`validator.check(message)`), whose handlers return or
    raise, or a lookup of the key sent refused when it finds nothing (`project =
    Project.objects.for_api_key(key)`, `if project is None: return ...`, or `try: invite =
    Invite.query.filter_by(hash=token).one()` whose handlers leave); branches and
    `try`s reading what was sent (the key from a header or the JSON body) may come before.
    Whatever the refusal returns, nothing after it runs for a request without the
    credential. So does a statement that only calls a check (`payload =
    self.verify_token(token)`) that `helper_raises` says raises unless the credential
    is proven, or one handing back what a check returns when it is set (`response =
    check_secret()`, `if response: return response`) that `helper_refuses` says
    answers with a refusal unless the credential is proven (see `returned_refusals`),
    and one checking the server's signature of what was sent or of a URL's
    parameter (`user_uuid = signing.loads(key)`: see `signed_values`). With `parameter`
    (what reads a parameter anyone may put in a link, the
    query string; a local may first be given one, or the whole form or query: `data =
    request.POST`), so does a refusal of a request whose parameter does not match a secret
    of the app's settings (`if request.GET.get("token") != settings.CRON_TOKEN: return
    ...`), or a lookup of the record a parameter named for a secret names, refused when
    it finds nothing (`get_object_or_404(Reset, token=request.GET["token"])`, through a
    local, also one a `try` binds whose handlers leave): a page on another site cannot
    put in its link a secret it does not know."""
    bound = _Sent()
    looked_up: set[str] = set()
    """Locals holding the record a sent key was looked up by (`Project.objects.get(...)`)."""
    given: set[str] = set()
    """Locals holding a parameter of the query string or form (`sign = request.GET["sign"]`)."""
    kept: set[str] = set()
    """Locals holding a secret of the settings or a digest of one."""
    secret_given: set[str] = set()
    """Locals holding a parameter named for a secret (`token = request.GET["token"]`)."""

    def secret_sent(node: ast.expr) -> bool:
        return isinstance(node, ast.Name) and node.id in secret_given

    def in_parameter(node: ast.expr) -> bool:
        return (parameter is not None and parameter(node)) or (
            isinstance(node, ast.Name) and node.id in given
        )

    def direct(node: ast.expr) -> bool:
        """What the request sent itself, not a record read by it (`query.user_id`)."""
        return any(
            (isinstance(n, ast.Name) and n.id in bound and n.id not in bound.records)
            or (isinstance(n, ast.Attribute) and bound.dotted and ast.unparse(n) in bound)
            or (isinstance(n, ast.expr) and credential(n))
            for n in ast.walk(node)
        )

    def carried(node: ast.expr) -> bool:
        # NOTE: `ast.unparse` of every attribute only once an attribute holds what was
        # sent (`request.json = ...`): this runs for every function of a Flask module.
        dotted = bound.dotted
        return any(
            (isinstance(n, ast.Name) and n.id in bound)
            or (dotted and isinstance(n, ast.Attribute) and ast.unparse(n) in bound)
            or (isinstance(n, ast.expr) and credential(n))
            for n in ast.walk(node)
        )

    def sent(node: ast.expr) -> bool:
        return carried(node) or (parameter is not None and parameter(node))

    statements = deployed(after_docstring(body))
    for index, statement in enumerate(statements):
        if helper_refuses is not None:
            returned = returned_call(statement, statements[index + 1 : index + 2])
            if returned is not None and helper_refuses(returned, carried):
                return True
        if _refuses_unknown_key(ctx, statement, looked_up):
            return True
        if raising_check(ctx, statement, carried):
            return True
        if checks_signature(ctx, statement, statements[:index], sent):
            return True
        if _refuses_missing(ctx, statement, lambda node: carried(node) or in_parameter(node)):
            # NOTE: `if not (signature := request.headers.get(H)): return ...` binds it too.
            bound.update(_walrus_reads(statement, carried))
            continue
        if parameter is not None and _binds(
            statement, lambda v: _reads_parameter(v, in_parameter) or in_parameter(v)
        ):
            # NOTE: `data = request.data` too: the whole form or query, read, not acted on.
            given.update(_targets(statement))
            if _secret_parameter(statement):
                secret_given.update(_targets(statement))
            continue
        if parameter is not None and _binds(statement, lambda node: _kept_secret(node, kept)):
            kept.update(_targets(statement))
            continue
        if secret_given and isinstance(statement, ast.Assign):
            # NOTE: the record an e-mailed link's secret names (`?token=...`), looked up
            # by it: a page on another site cannot put in its link a token it does not know.
            if refusing_lookup(statement.value, secret_sent):
                return True
            if looks_up_key(statement.value, secret_sent):
                looked_up.update(_targets(statement))
                continue
        if isinstance(statement, ast.Assign) and (
            looks_up_key(statement.value, carried) or _verified(ctx, statement.value, carried)
        ):
            looked_up.update(t.id for t in statement.targets if isinstance(t, ast.Name))
            if isinstance(statement.value, ast.Call) and header_authenticator(ctx, statement.value):
                continue  # NOTE: reads the headers itself; refused below when `None`
        if isinstance(statement, ast.If):
            if ends(ctx, statement.body) and (
                _unproven(ctx, statement.test, carried, direct)
                or (parameter is not None and _unmatched_secret(statement.test, in_parameter, kept))
            ):
                return True
            if _proven_then_refused(ctx, statement, statements[index + 1 :], carried, looked_up):
                return True
            if _only_logs_or_refuses(ctx, statement):
                continue
            if _reads_sent(ctx, statement, carried, bound):
                continue
            return False
        if isinstance(statement, ast.Try):
            last = index == len(statements) - 1
            if _decodes_signed_token(ctx, statement, last=last) or _ends_in_check(
                ctx, statement, carried
            ):
                return True
            if _starts_with_raising_check(ctx, statement, carried):
                return True
            if _starts_with_signature_check(ctx, statement, statements[:index], sent):
                return True
            if helper_raises is not None and _starts_with_helper_check(
                ctx, statement, carried, helper_raises
            ):
                return True
            handlers = [h.body for h in statement.handlers]
            if raising_lookup(statement, carried) and all(ends(ctx, h) for h in handlers):
                return True
            if (
                handlers
                and all(ends(ctx, h) for h in handlers)
                and refuses_unproven(
                    ctx, statement.body, credential, helper_raises, parameter, helper_refuses
                )
            ):
                # NOTE: `try: <check>; if not compare_digest(...): raise Invalid; <work>
                # except Exception: return JsonResponse(..., status=401)`: the view's work
                # wrapped in a `try` whose handlers answer; a refusal in it leaves the view.
                return True
            if _reads_sent(ctx, statement, carried, bound) or _loads_record(ctx, statement):
                continue
            if parameter is not None and _reads_parameters_or_leaves(ctx, statement, in_parameter):
                # NOTE: `try: token = request.GET["token"]` whose `except KeyError:` leaves
                given.update(t for s in statement.body for t in _targets(s))
                secret_given.update(
                    t for s in statement.body if _secret_parameter(s) for t in _targets(s)
                )
                continue
            return False
        if helper_raises is not None and _raising_check(ctx, statement, carried, helper_raises):
            return True
        if isinstance(statement, ast.Assign) and carried(statement.value):
            bound.update(t.id for t in statement.targets if isinstance(t, ast.Name))
            _keep_records(statement, bound)
        elif not (
            _logs(statement)
            or _defines_function(statement)
            or _sets_up(statement)
            or _copies_into_local(statement)
            or _loads_record(ctx, statement)
            or _only_logs_or_refuses(ctx, statement)
        ):
            return False
    return False


def unchanging_before_check(ctx: FileContext, statement: ast.stmt) -> bool:
    """Whether a statement a view runs before it checks its caller changes nothing: it
    logs, sets a local up from the app's settings or a constant (`_sets_up`), reads a
    record, or only logs or refuses in each branch (`if not hook_branch: return
    "ignored"`)."""
    return (
        _logs(statement)
        or _sets_up(statement)
        or _loads_record(ctx, statement)
        or _only_logs_or_refuses(ctx, statement)
    )


def _defines_function(statement: ast.stmt) -> bool:
    """`def verify(request): ...` in the body, undecorated: it binds a local and runs
    nothing until called (the check it makes is judged where it is called)."""
    return isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and not (
        statement.decorator_list
    )


def _keep_records(statement: ast.Assign, bound: _Sent) -> None:
    """Note the locals given a record the app stores, read by a key the request sent
    (`query = Query.query.filter(Query.id == request.form["id"]).one()`): its fields are
    the app's, so comparing them with the signed-in user's (`if query.user_id !=
    get_user().id: return ..., 403`) checks what the user may do, which a forged request
    made with the user's cookie passes, not who the caller is."""
    if reads_record(statement):
        bound.records.update(t.id for t in statement.targets if isinstance(t, ast.Name))


def _raising_check(
    ctx: FileContext, statement: ast.stmt, carried: Credential, helper_raises: HelperCheck
) -> bool:
    """`self.verify_token(token)` or `payload = verify_token(token)` as a statement: a
    check handed what was sent, which raises (so nothing after it runs) unless it holds.
    A check handed nothing (`self.validate_signature()`) reads the request itself, where
    the framework keeps it in a global (Flask's `request`), if `helper_raises` says so."""
    if not isinstance(statement, ast.Expr | ast.Assign):
        return False
    call = statement.value
    if not isinstance(call, ast.Call):
        return False
    bare = not call.args and not call.keywords and _VERIFYING.match(last_name(call.func))
    return (bool(bare) or _checks(ctx, call, carried)) and helper_raises(call, carried)


def _starts_with_helper_check(
    ctx: FileContext, statement: ast.Try, carried: Credential, helper_raises: HelperCheck
) -> bool:
    """`try: self.validate_signature() except ValidationFailed as exc: return str(exc),
    401`: the block starts with a check of the app's own that raises unless the request
    proves its caller, and every handler leaves the view."""
    body = deployed(statement.body)
    return (
        bool(body)
        and bool(statement.handlers)
        and _raising_check(ctx, body[0], carried, helper_raises)
        and all(ends(ctx, h.body) for h in statement.handlers)
    )


def _only_logs_or_refuses(ctx: FileContext, statement: ast.stmt) -> bool:
    """`if not hasattr(settings, "KEY"): raise ImproperlyConfigured(...)`, `if "*" in
    ALLOWED: logger.debug(...) elif ip not in ALLOWED: return HttpResponseForbidden()`,
    or a `for` over written-out names running such checks: in every branch the statement
    only logs or refuses, so it changes nothing for a request it lets through. A branch
    that goes on after logging must be chosen by a test that only reads (`in`, `.get`),
    not by one that does the work (`if Message.objects.create(...): logger.info(...)`)."""
    if isinstance(statement, ast.For):
        return (
            not statement.orelse
            and isinstance(statement.iter, ast.Tuple | ast.List)
            and all(isinstance(e, ast.Constant) for e in statement.iter.elts)
            and all(_only_logs_or_refuses(ctx, s) for s in statement.body)
        )
    if not isinstance(statement, ast.If):
        return False
    branches = (statement.body, statement.orelse)
    if (
        not statement.orelse
        and _only_reads(statement.test)
        and _fixed_answer(ctx, statement, statement.body)
    ):
        return True  # NOTE: `if not channel: return JsonResponse({"cmd": "rel"})`
    if all(refusal(ctx, b) or not b for b in branches):
        return refusal(ctx, statement.body) or refusal(ctx, statement.orelse)
    return _only_reads(statement.test) and all(
        refusal(ctx, b) or all(_logs(s) or _only_logs_or_refuses(ctx, s) for s in b)
        for b in branches
    )


def _fixed_answer(ctx: FileContext, statement: ast.stmt, branch: list[ast.stmt]) -> bool:
    """`return JsonResponse(dict(cmds=[dict(cmd="rel", relayer_id=channel_id)]))`: one
    `return` of a response (a call named `...Response`, `jsonify`) made of literals,
    `dict(...)` and the parameters of the function around `statement` (what the URL
    gave), calling nothing else: it answers and changes nothing, nor tells anything."""
    if not (len(branch) == 1 and isinstance(returned := branch[0], ast.Return)):
        return False
    value = returned.value
    if not (
        isinstance(value, ast.Call)
        and (last_name(value.func).endswith("Response") or last_name(value.func) == "jsonify")
    ):
        return False
    function = next((a for a in ctx.ancestors(statement) if isinstance(a, _FUNCTIONS)), None)
    if function is None:
        return False
    given = {a.arg for a in (*function.args.posonlyargs, *function.args.args)} | {"dict"}
    parts = [*value.args, *(k.value for k in value.keywords)]
    return all(_made_of(part, given) for part in parts)


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _made_of(node: ast.expr, names: set[str]) -> bool:
    """Whether `node` is built of literals, displays, `dict(...)` and the `names` alone."""
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call):
            if not (isinstance(inner.func, ast.Name) and inner.func.id == "dict"):
                return False
        elif isinstance(inner, ast.Name):
            if inner.id not in names:
                return False
        elif not isinstance(
            inner, ast.Constant | ast.Dict | ast.List | ast.Tuple | ast.keyword | ast.Load
        ):
            return False
    return True


_READS = frozenset({"get", "len", "isinstance", "hasattr", "getattr", "decode", "encode"})


def _only_reads(test: ast.AST, reads: frozenset[str] = _READS) -> bool:
    """A test whose calls only read: `len`, `isinstance`, `hasattr`, a mapping's `.get`,
    a text's `.decode()` or `.encode()` (a new copy, raising when it cannot)."""
    return all(last_name(n.func) in reads for n in ast.walk(test) if isinstance(n, ast.Call))


def _reads_sent(ctx: FileContext, statement: ast.stmt, carried: Credential, bound: _Sent) -> bool:
    """`if "X-Api-Key" in request.headers: key = request.headers["X-Api-Key"] else: key =
    ""`, `try: request.json = json.loads(request.body) except ValueError: return ...`: a
    branch or `try` that only puts what the request sent (or a constant) into locals or
    attributes, or refuses; its test calls nothing but `len`, `isinstance` and `hasattr`.
    It changes nothing, and what it binds is what the request sent."""
    match statement:
        case ast.Assign(targets=targets, value=value):
            simple = all(
                isinstance(t, ast.Name)
                or (isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name))
                for t in targets
            )
            if simple and carried(value):
                bound.update(ast.unparse(t) for t in targets)
                _keep_records(statement, bound)
                return True
            return simple and _constant(value)
        case ast.If(test=test, body=body, orelse=orelse):
            return _calls_nothing(test) and all(
                _reads_or_refuses(ctx, part, carried, bound) for part in (body, orelse)
            )
        case ast.Expr(value=value):
            # NOTE: `header.get("alg")` in a `try` whose handler refuses: a read.
            return carried(value) and _only_reads(value)
        case ast.Try(body=body, handlers=handlers, orelse=[], finalbody=[]):
            # NOTE: a handler may read again (`except UnicodeDecodeError: body =
            # request.body.decode("latin-1").encode()`).
            return _reads_or_refuses(ctx, body, carried, bound) and all(
                _reads_or_refuses(ctx, h.body, carried, bound) for h in handlers
            )
    return False


def _reads_or_refuses(
    ctx: FileContext, branch: list[ast.stmt], carried: Credential, bound: _Sent
) -> bool:
    if refusal(ctx, branch):
        return True
    return all(
        (isinstance(s, ast.If) and not s.orelse and refusal(ctx, s.body) and _calls_nothing(s.test))
        or _reads_sent(ctx, s, carried, bound)
        or _logs(s)
        for s in branch
    )


def _constant(node: ast.expr) -> bool:
    match node:
        case ast.Constant():
            return True
        case ast.Dict(keys=[], values=[]) | ast.List(elts=[]) | ast.Tuple(elts=[]):
            return True
    return False


_INSPECTS = frozenset({"len", "isinstance", "hasattr"})
"""Builtins a test may call and still only read (`if hasattr(request, "get_data"):`, a
branch on the version of the framework)."""


def _calls_nothing(test: ast.expr) -> bool:
    return all(
        isinstance(n.func, ast.Name) and n.func.id in _INSPECTS
        for n in ast.walk(test)
        if isinstance(n, ast.Call)
    )


def _loads_record(ctx: FileContext, statement: ast.stmt) -> bool:
    """`reads_record`, or a `try` of such reads whose handlers refuse (`except
    Job.DoesNotExist: return JsonResponse(..., status=404)`), or of a getter's lookup by
    key (`try: instrument = get_instrument(instrument_id)`, `except
    InstrumentDoesNotExistError: return flask.abort(404)`: `fetches_by_getter`): a read,
    which changes nothing, before the view checks its caller's credential (`job.token`)."""
    if isinstance(statement, ast.Try):
        return (
            not statement.orelse
            and not statement.finalbody
            and all(reads_record(s) or fetches_by_getter(s) for s in statement.body)
            and all(refusal(ctx, h.body) for h in statement.handlers)
        )
    return reads_record(statement)


def _refuses_unknown_key(ctx: FileContext, statement: ast.stmt, looked_up: set[str]) -> bool:
    """`if project is None: return error(401)`, `if not token: raise ...` right after
    looking up the sent key, or after a verifying check of what was sent (`event =
    verify_jwt(token, keys)`, also checked again before the refusal: `if not event: event
    = verify_jwt(token, fresh_keys)`, `if not event: raise ...`): only a request with a
    key the app knows, or that the check proved, gets past. (A bare `if not key:` of what
    the request sent proves nothing.)"""
    if not isinstance(statement, ast.If):
        return False
    match statement.test:
        case ast.UnaryOp(op=ast.Not(), operand=ast.Name(id=name)):
            pass
        case ast.Compare(
            left=ast.Name(id=name), ops=[ast.Is()], comparators=[ast.Constant(value=None)]
        ):
            pass
        case _:
            return False
    if name not in looked_up:
        return False
    if ends(ctx, statement.body):
        return True
    # NOTE: `if not event: event = verify(token, keys(reload=True))`, then `if not event:
    # raise ...`: a second check (with fresh keys) before the same refusal.
    match statement.body:
        case [ast.Assign(targets=[ast.Name(id=again)], value=value), ast.If() as inner]:
            return (
                not statement.orelse
                and again == name
                and _verified(ctx, value, None)
                and _refuses_unknown_key(ctx, inner, {name})
            )
    return False


_VERIFIER = re.compile(r"^_*(verify|authenticate)")
"""A check whose result is what it proved, or nothing: `verify_token(token)`,
`authenticate_jwt(jwt)` (not `validate_*`, which may return the errors it found)."""


def _verified(ctx: FileContext, value: ast.expr, carried: Credential | None) -> bool:
    """`event = verify_jwt(token, keys)`: a local given what a check of what the request
    sent returns (`carried` None: whatever it is given), which holds nothing when the
    check fails; also `result = TokenAuthentication().authenticate(request)`, a REST
    framework authenticator reading a token from the request's headers
    (`header_authenticator`), which returns `None` for a request without one."""
    if not isinstance(value, ast.Call):
        return False
    if header_authenticator(ctx, value):
        return True
    name = (ctx.call_name(value) or "").rsplit(".", 1)[-1]
    if _VERIFIER.match(name) is None:
        return False
    return carried is None or _checks(ctx, value, carried)


HEADER_AUTHENTICATORS = frozenset(
    {
        "rest_framework.authentication.TokenAuthentication",
        "knox.auth.TokenAuthentication",
        "rest_framework_simplejwt.authentication.JWTAuthentication",
        "rest_framework_simplejwt.authentication.JWTStatelessUserAuthentication",
        "rest_framework_simplejwt.authentication.JWTTokenUserAuthentication",
        "oauth2_provider.contrib.rest_framework.OAuth2Authentication",
        "oauth2_provider.contrib.rest_framework.authentication.OAuth2Authentication",
    }
)
"""REST framework authentication classes whose `authenticate(request)` reads a token
from the `Authorization` header alone (django-oauth-toolkit's also an `access_token`
the request sends), returning `None` when there is none and raising
`AuthenticationFailed` for one that does not check out: REST framework's and knox's
`TokenAuthentication`, Simple JWT's `JWTAuthentication`, django-oauth-toolkit's
`OAuth2Authentication`. Not `BasicAuthentication` (a browser sends a password it was
given by itself), `SessionAuthentication` or `RemoteUserAuthentication` (the session,
a proxy's header)."""


def header_authenticator(ctx: FileContext, call: ast.Call) -> bool:
    """`TokenAuthentication().authenticate(request)`, also through a local holding the
    authenticator (`auth = JWTAuthentication()`): one of `HEADER_AUTHENTICATORS`, or a
    class of the module deriving from one without its own `authenticate` (`class
    BearerAuthentication(TokenAuthentication): keyword = "Bearer"`), asked to
    authenticate a request."""
    func = call.func
    if not (
        isinstance(func, ast.Attribute) and func.attr == "authenticate" and len(call.args) == 1
    ):
        return False
    made = ctx.lookup(func.value) if isinstance(func.value, ast.Name) else func.value
    if not (isinstance(made, ast.Call) and not made.args):
        return False
    name = ctx.call_name(made) or ""
    if name in HEADER_AUTHENTICATORS:
        return True
    cls = next(
        (
            s
            for s in ctx.tree.body
            if isinstance(s, ast.ClassDef)
            and isinstance(made.func, ast.Name)
            and s.name == made.func.id
        ),
        None,
    )
    return (
        cls is not None
        and any(ctx.qualified(base) in HEADER_AUTHENTICATORS for base in cls.bases)
        and not any(
            isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
            and s.name.startswith("authenticate")
            for s in cls.body
        )
    )


def _walrus_reads(statement: ast.stmt, carried: Credential) -> list[str]:
    """The names an `if` test binds to what was sent (`if not (sig := request.headers.get(H))`)."""
    if not isinstance(statement, ast.If):
        return []
    return [
        n.target.id
        for n in ast.walk(statement.test)
        if isinstance(n, ast.NamedExpr) and carried(n.value)
    ]


def _refuses_missing(ctx: FileContext, statement: ast.stmt, carried: Credential) -> bool:
    """`if not signature: return ...` (a value the request sends, absent), also for each
    of a list of headers (`for h in HEADERS: if not request.headers.get(h): return ...`):
    it only turns requests away, and proves nothing of the caller."""
    if isinstance(statement, ast.For):
        return bool(statement.body) and all(
            _refuses_missing(ctx, s, carried) for s in statement.body
        )
    if not (isinstance(statement, ast.If) and not statement.orelse):
        return False
    test = statement.test
    missing = (
        isinstance(test, ast.UnaryOp)
        and isinstance(test.op, ast.Not)
        and carried(test.operand)
        and not proves(ctx, test.operand, carried)
    )
    body = statement.body
    return missing and ends(ctx, body) and all(_logs(s) for s in body[:-1])


def _sets_up(statement: ast.stmt) -> bool:
    """`validator = RequestValidator(app.config["TOKEN"])`, `key = app.config["KEY"]`,
    `secret = settings.HOOK_SECRET.encode()`: a local made of the app's settings (Flask's
    `config`, Django's `settings`) or a class, or given a constant (`event = None`, so that
    a handler may log it), which changes nothing."""
    if not (
        isinstance(statement, ast.Assign)
        and all(isinstance(t, ast.Name) for t in statement.targets)
    ):
        return False
    value = statement.value
    if _constant(value) or _attribute_chain(value):
        return True  # NOTE: `event = None`, a local given its default before the check
    if isinstance(value, ast.Call):
        callee = last_name(value.func)
        if callee[:1].isupper() or _reads_setting(value, callee):
            return True
        if (
            not value.args
            and not value.keywords
            and (isinstance(value.func, ast.Name) or callee in _URL_READS | _CLOCK_READS)
        ):
            return True
    return any(
        (isinstance(n, ast.Attribute) and n.attr == "config")
        or (isinstance(n, ast.Name) and n.id == "settings")
        for n in ast.walk(value)
    )


_URL_READS = frozenset({"build_absolute_uri", "get_full_path", "get_full_path_info", "get_host"})
"""A Django request's methods that only read the URL it was sent to (a provider's
signature covers it: Twilio signs the URL with the parameters)."""
_CLOCK_READS = frozenset({"time", "monotonic", "now", "utcnow", "today"})
"""Reads of the clock (`time.time()`, `timezone.now()`, `datetime.utcnow()`): the time a
signed request's stamp is checked against."""


_SETTING_WORDS = frozenset({"cfg", "config", "conf", "setting", "settings", "getenv", "env"})
_READER_WORDS = frozenset({"get", "read", "load", "value", "option"})


def _reads_setting(call: ast.Call, callee: str) -> bool:
    """`_cfg("hook_branch")`, `get_config("SECRET")`, `os.getenv("KEY")`: a function named
    for reading the app's settings, given constant names only (not `set_config(...)`)."""
    words = set(identifier_words(callee))
    given = [*call.args, *(k.value for k in call.keywords)]
    return (
        bool(words & _SETTING_WORDS)
        and words <= _SETTING_WORDS | _READER_WORDS
        and all(isinstance(value, ast.Constant) for value in given)
    )


def _attribute_chain(node: ast.expr) -> bool:
    """`request.url`, `self.config.key`: names and attributes only, which read."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def _copies_into_local(statement: ast.stmt) -> bool:
    """`for key in sorted(request.data): params[key] = request.data.get(key)`: a loop
    whose body only stores into locals what calls that read give it (`sorted`, a mapping's
    `.get`, `.items()`), as a provider's signature check wants the parameters sorted."""
    if not isinstance(statement, ast.For) or statement.orelse:
        return False
    stores = all(
        isinstance(s, ast.Assign)
        and all(
            isinstance(t, ast.Subscript | ast.Name)
            and isinstance(t.value if isinstance(t, ast.Subscript) else t, ast.Name)
            for t in s.targets
        )
        for s in statement.body
    )
    return stores and all(_only_reads(part, _COPIES) for part in (statement.iter, *statement.body))


_COPIES = _READS | {"sorted", "list", "items", "keys", "values", "getlist"}


def _starts_with_raising_check(ctx: FileContext, statement: ast.Try, carried: Credential) -> bool:
    """`try: event = stripe.Webhook.construct_event(payload, sig, secret) ... except
    SignatureVerificationError: return ...`: the block starts (in a deployment, past a
    test-mode branch) with a check that raises unless the sender signed what was sent,
    and every handler leaves the view."""
    body = deployed(statement.body)
    return (
        bool(body)
        and raising_check(ctx, body[0], carried)
        and all(ends(ctx, h.body) for h in statement.handlers)
    )


def _ends_in_check(ctx: FileContext, statement: ast.Try, carried: Credential) -> bool:
    """`try: ...; validator.check(message) except Invalid: return ...`: the block ends in a
    check of what the request sent, and every handler leaves the view."""
    last = statement.body[-1]
    checked = (
        isinstance(last, ast.Expr)
        and isinstance(last.value, ast.Call)
        and _checks(ctx, last.value, carried)
    )
    return (
        checked and bool(statement.handlers) and all(ends(ctx, h.body) for h in statement.handlers)
    )


def _proven_then_refused(
    ctx: FileContext,
    statement: ast.If,
    rest: list[ast.stmt],
    carried: Credential,
    looked_up: set[str],
) -> bool:
    """`if verify_request(request.headers): ...` with no `else`, and a refusal right after
    it, or all that follows it only logs and refuses (`msg = "Invalid secret";
    logger.warning(msg); raise ValidationFailed(msg)`): only a request with the
    credential gets past. So does a test of a local holding what a verifying check gave
    or the record the sent key found (`success = verify_order(data)`, `if success:`), as
    `_refuses_unknown_key` takes its refusal the other way round. So does such a test
    whose own `else` refuses (`if webhook_payload_is_valid(body, secret, signature): <go
    on> else: return Response(status=400)`): past the test, every request is proven."""
    if statement.orelse:
        refused = refusal(ctx, statement.orelse)
    else:
        refused = bool(rest) and (refusal(ctx, rest[:1]) or refusal(ctx, rest))
    return refused and (proves(ctx, statement.test, carried) or _found(statement.test, looked_up))


def _found(test: ast.expr, looked_up: set[str]) -> bool:
    """`if success:` or `if project is not None:` of a local `looked_up` holds."""
    match test:
        case ast.Name(id=name):
            return name in looked_up
        case ast.Compare(
            left=ast.Name(id=name), ops=[ast.IsNot()], comparators=[ast.Constant(value=None)]
        ):
            return name in looked_up
    return False


def proves(ctx: FileContext, node: ast.expr, carried: Credential) -> bool:
    """A test holding only for a request with the credential (`token == SECRET or token
    == OLD_SECRET`: each of the tests joined by `or`)."""
    match node:
        case ast.BoolOp(op=ast.And(), values=values):
            return any(proves(ctx, value, carried) for value in values)
        case ast.BoolOp(op=ast.Or(), values=values):
            return all(proves(ctx, value, carried) for value in values)
        case ast.Call() as call:
            return _checks(ctx, call, carried)
        case ast.Compare(left=left, ops=[ast.Eq()], comparators=[right]):
            return _one_side_sent(left, right, carried) and not _class_word(ctx, left, right)
    return False


def _unproven(
    ctx: FileContext, node: ast.expr, carried: Credential, direct: Credential | None = None
) -> bool:
    """A test holding for a request without the credential; with `direct`, what the
    request sent itself must be compared, not only a record read by it."""
    match node:
        case ast.BoolOp(op=ast.Or(), values=values):
            return any(_unproven(ctx, value, carried, direct) for value in values)
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            # NOTE: `not (key and compare_digest(key, known))` as well as `not check(...)`.
            return proves(ctx, operand, carried)
        case ast.Compare(left=left, ops=[ast.NotEq()], comparators=[right]):
            return _one_side_sent(left, right, carried, direct) and not _class_word(
                ctx, left, right
            )
        case ast.Compare(left=left, ops=[ast.NotIn()], comparators=[right]):
            # NOTE: `token not in settings.API_TOKENS`: what was sent, among none of the
            # secrets the settings hold (not a list of formats: `alg not in ALLOWED`).
            return setting_secret(right) and (direct or carried)(left) and not carried(right)
    return False


def _unmatched_secret(test: ast.expr, parameter: Credential, kept: set[str]) -> bool:
    """`request.GET.get("token") != settings.CRON_TOKEN` (either way round, also written
    `not sent == secret` or `not compare_digest(sent, secret)`, or one of the tests
    joined by `or`): a test holding for a request whose parameter is not the secret the
    app keeps in its settings, or a digest of it (`get_sha256(settings.SECRET_KEY)`),
    also through locals holding either."""
    match test:
        case ast.BoolOp(op=ast.Or(), values=values):
            return any(_unmatched_secret(value, parameter, kept) for value in values)
        case ast.Compare(left=left, ops=[ast.NotEq() | ast.IsNot()], comparators=[right]):
            pass
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            return matched_secret(operand, parameter, kept)
        case _:
            return False
    return any(
        any(isinstance(n, ast.expr) and parameter(n) for n in ast.walk(sent))
        and _kept_secret(other, kept)
        for sent, other in ((left, right), (right, left))
    )


_CONSTANT_TIME = frozenset({"compare_digest", "constant_time_compare"})


def matched_secret(
    test: ast.expr, parameter: Credential, kept: set[str] | frozenset[str] = frozenset()
) -> bool:
    """`request.GET.get("token") == settings.HOOK_SECRET` (either way round, or in
    constant time: `hmac.compare_digest(token, settings.HOOK_SECRET)`; one of the tests
    joined by `and`, each of those joined by `or`): a test holding only for a request
    whose parameter is a secret the app keeps in its settings, or a digest of one (also
    held by one of the locals `kept`). Compared in constant time, any setting is such a
    secret, whatever its name (`settings.OCW_WEBHOOK_KEY`): the code treats it as one."""
    timed = False
    match test:
        case ast.BoolOp(op=ast.And(), values=values):
            return any(matched_secret(value, parameter, kept) for value in values)
        case ast.BoolOp(op=ast.Or(), values=values):
            return all(matched_secret(value, parameter, kept) for value in values)
        case ast.Compare(left=left, ops=[ast.Eq() | ast.Is()], comparators=[right]):
            pass
        case ast.Call(func=func, args=[left, right], keywords=[]) if (
            last_name(func) in _CONSTANT_TIME
        ):
            timed = True
        case _:
            return False
    return any(
        any(isinstance(n, ast.expr) and parameter(n) for n in ast.walk(sent))
        and (_kept_secret(other, set(kept)) or (timed and setting_name(other) is not None))
        for sent, other in ((left, right), (right, left))
    )


def setting_name(node: ast.AST) -> str | None:
    """The name of a value of the deployment's settings read here (`settings.X`,
    `app.config["X"]`: `X`), None for any other node."""
    match node:
        case ast.Attribute(value=ast.Name(id="settings"), attr=name):
            return name
        case ast.Subscript(
            value=ast.Attribute(attr="config"), slice=ast.Constant(value=str() as name)
        ):
            return name
    return None


def _reads_parameters_or_leaves(
    ctx: FileContext, statement: ast.Try, in_parameter: Credential
) -> bool:
    """A `try` that only binds locals to parameters of the query string or form, each of
    whose handlers leaves the view (`except KeyError: return redirect("/")`)."""
    return (
        bool(statement.body)
        and bool(statement.handlers)
        and not statement.orelse
        and not statement.finalbody
        and all(_binds(s, lambda v: _reads_parameter(v, in_parameter)) for s in statement.body)
        and all(ends(ctx, h.body) for h in statement.handlers)
    )


def _secret_parameter(statement: ast.stmt) -> bool:
    """`token = request.GET["token"]`, `sent = request.GET.get("token", "")`: a local
    given a parameter whose name says it holds a secret (not `slug`, `id`, `page`)."""
    if not isinstance(statement, ast.Assign):
        return False
    node = _unconverted(statement.value)
    match node:
        case ast.Call(func=ast.Attribute(attr="get"), args=[ast.Constant(value=str() as key), *_]):
            return sounds_secret(key)
        case ast.Subscript(slice=ast.Constant(value=str() as key)):
            return sounds_secret(key)
    return False


def _binds(statement: ast.stmt, holds: Callable[[ast.expr], bool]) -> bool:
    """An assignment to plain locals of a value `holds` is true of."""
    return (
        isinstance(statement, ast.Assign)
        and all(isinstance(t, ast.Name) for t in statement.targets)
        and holds(statement.value)
    )


def _targets(statement: ast.stmt) -> list[str]:
    targets = statement.targets if isinstance(statement, ast.Assign) else []
    return [t.id for t in targets if isinstance(t, ast.Name)]


def _reads_parameter(node: ast.expr, parameter: Credential) -> bool:
    """`request.GET.get("sign")`, `request.POST["token"]`: a parameter read as it was sent,
    also turned into bytes or text (`force_bytes(request.GET.get("signature", ""))`)."""
    node = _unconverted(node)
    match node:
        case ast.Call(func=ast.Attribute(attr="get", value=read)) | ast.Subscript(value=read):
            return parameter(read)
    return False


_TEXT_CONVERSIONS = frozenset({"force_bytes", "force_str", "smart_bytes", "smart_str"})
"""Django's conversions of a value to bytes or text (`django.utils.encoding`)."""


def _unconverted(node: ast.expr) -> ast.expr:
    """The value inside conversions to bytes or text: `force_bytes(x)`, `str(x)`,
    `x.encode()`, `x.strip()`."""
    while isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in {"encode", "decode", "strip"}:
            node = func.value
        elif (
            isinstance(func, ast.Name)
            and func.id in _TEXT_CONVERSIONS | {"str", "bytes"}
            and len(node.args) == 1
        ):
            node = node.args[0]
        else:
            break
    return node


_DIGEST = re.compile(r"sha(?:\d|$)|md5|hash|digest|hmac|blake|sign", re.IGNORECASE)
"""Words of a call that digests or signs its input (`get_sha256`, `hashlib.md5`,
`hexdigest`, `hmac.new(...).hexdigest()`)."""
_CONVERSIONS = frozenset({"encode", "decode", "strip", "lower", "upper", "str", "new"})
"""Calls that only convert text, or make a digest object (`hmac.new`)."""


def _kept_secret(node: ast.expr, kept: set[str]) -> bool:
    """A secret of the settings (`settings.CRON_TOKEN`), a local holding one, or a digest
    of one, which only who knows the secret can compute (`get_sha256(settings.SECRET_KEY
    + str(user.id))`): every call in it digests or only converts text."""
    if setting_secret(node) or (isinstance(node, ast.Name) and node.id in kept):
        return True
    calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)]
    names = [last_name(call.func) for call in calls]
    secret = any(
        setting_secret(n) or (isinstance(n, ast.Name) and n.id in kept)
        for n in ast.walk(node)
        if isinstance(n, ast.expr)
    )
    return (
        secret
        and any(_DIGEST.search(name) for name in names)
        and all(_DIGEST.search(name) or name in _CONVERSIONS for name in names)
    )


def setting_secret_digest(node: ast.expr) -> bool:
    """A digest of a secret setting (`get_sha256(settings.SECRET_KEY + str(user.id))`,
    `hmac.new(settings.HOOK_SECRET.encode(), body, "sha256").hexdigest()`): a secret of
    its own, which only who knows the setting can compute. Not the setting itself."""
    return isinstance(node, ast.Call) and _kept_secret(node, set())


def setting_secret(node: ast.AST) -> bool:
    """`settings.CRON_TOKEN`, `app.config["WEBHOOK_SECRET"]`: a setting named a secret."""
    name = setting_name(node)
    return name is not None and sounds_secret(name)


_SCHEME_WORDS = frozenset(
    {"basic", "bearer", "digest", "hoba", "mutual", "negotiate", "ntlm", "oauth"}
    | {"token", "jwt", "apikey", "api-key"}
)
"""Schemes of the `Authorization` header (IANA's registry; REST framework's `Token`,
simplejwt's `JWT`), which every caller writes before its credential."""


def _class_word(ctx: FileContext, *sides: ast.expr) -> bool:
    """Whether a side is `self.NAME` (or `cls.NAME`) that the enclosing class's body
    assigns a constant naming no secret, or an `Authorization` scheme whatever its name
    (`TOKEN_TYPE = "Bearer"`): a word every caller knows, as a literal is, not a secret
    the server keeps (`API_KEY = "..."` written in the class still is one)."""
    for side in sides:
        if not (
            isinstance(side, ast.Attribute)
            and isinstance(side.value, ast.Name)
            and side.value.id in {"self", "cls"}
        ):
            continue
        owner = next((a for a in ctx.ancestors(side) if isinstance(a, ast.ClassDef)), None)
        for statement in owner.body if owner is not None else ():
            if (
                isinstance(statement, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == side.attr for t in statement.targets)
                and isinstance(statement.value, ast.Constant)
                and isinstance(value := statement.value.value, str | int)
                and not (sounds_secret(side.attr) and str(value).lower() not in _SCHEME_WORDS)
            ):
                return True
    return False


def _one_side_sent(
    left: ast.expr, right: ast.expr, carried: Credential, direct: Credential | None = None
) -> bool:
    # NOTE: one side what the request sends, the other what the app knows.
    sent = [carried(side) for side in (left, right)]
    if sent.count(True) != 1 or any(isinstance(side, ast.Constant) for side in (left, right)):
        return False
    return direct is None or direct(left if sent[0] else right)


def _checks(ctx: FileContext, call: ast.Call, carried: Credential) -> bool:
    """`verify_incoming_request(dict(request.form))`, `hmac.compare_digest(sent, known)`:
    a check given what the request sends, or a verification asked of it (`jws.verify(key)`,
    the token sent parsed; not `form.validate()`, a form's own rules)."""
    name = ctx.call_name(call) or ""
    method = name.rsplit(".", 1)[-1]
    named = name in SECURE_COMPARES or _VERIFYING.match(method) is not None
    arguments = [*call.args, *(k.value for k in call.keywords)]
    func = call.func
    if method.startswith("verify") and isinstance(func, ast.Attribute):
        arguments.append(func.value)
    return named and any(carried(a) for a in arguments)


def _starts_with_signature_check(
    ctx: FileContext,
    statement: ast.Try,
    earlier: list[ast.stmt],
    sent: Credential,
) -> bool:
    """`try: email = ts.loads(token, salt=...)` (`signed_values.checks_signature` of what
    the request or the URL sent), every handler leaving the view (`except: abort(404)`):
    nothing after it runs for a value the app did not sign and hand out."""
    return (
        bool(statement.body)
        and bool(statement.handlers)
        and checks_signature(ctx, statement.body[0], earlier, sent)
        and all(ends(ctx, h.body) for h in statement.handlers)
    )


def _decodes_signed_token(ctx: FileContext, statement: ast.Try, *, last: bool = False) -> bool:
    """`try: jwt.decode(token, key=SECRET, ...)` with every handler returning or raising,
    or (`last`: the `try` ends the function) only logging: the function then returns
    `None`, which Flask and Django refuse to send as a response, and a decorator's
    wrapper never calls the view. Stripe's `construct_event` is `raising_checks`'."""
    decodes = any(
        isinstance(node, ast.Call) and _decodes_signed(ctx, node)
        for s in statement.body
        for node in ast.walk(s)
    )
    return (
        decodes
        and bool(statement.handlers)
        and all(
            ends(ctx, h.body) or (last and all(_logs(s) for s in h.body))
            for h in statement.handlers
        )
    )


def _decodes_signed(ctx: FileContext, call: ast.Call) -> bool:
    return (
        ctx.call_name(call) in _TOKEN_DECODERS
        and ctx.argument(call, 1, "key") is not None
        and "verify_signature" not in ast.unparse(call)  # NOTE: a check switched off
    )


def ends(ctx: FileContext, branch: list[ast.stmt]) -> bool:
    """Whether the branch leaves the view: it returns, raises or calls `abort()`."""
    if not branch:
        return False
    last = branch[-1]
    return isinstance(last, ast.Return) or raises_or_aborts(ctx, last)


def raises_or_aborts(ctx: FileContext, statement: ast.stmt) -> bool:
    """Whether the statement raises or calls an `abort()` (Flask's or Werkzeug's, a
    REST namespace's `ns.abort(501)`): the request ends in an error answer."""
    if isinstance(statement, ast.Raise):
        return True
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and (ctx.call_name(statement.value) or "").rsplit(".", 1)[-1] == "abort"
    )


def refusal(ctx: FileContext, branch: list[ast.stmt]) -> bool:
    """A branch that only logs and leaves without doing anything: a `raise`, an
    `abort()`, or a `return` of a constant or of a response built by calls named for a
    refusal (`JsonResponse(error_payload(...), status=400)`, `HttpResponseForbidden()`,
    `self.invalid_token_response()`) or rendering a template named for one
    (`render(request, "403.html")`), not one going on to the view (`handle()`,
    `super().dispatch(...)`), also after setting the status of the answer it returns
    (`error_response.status_code = 401`); in the arm a deployment runs (`if
    config.validate_webhooks: raise ...`, see `deployed`)."""
    acts = [s for s in deployed(branch) if not (_logs(s) or _words_message(s) or _sets_status(s))]
    if len(acts) == 1 and isinstance(acts[0], ast.If) and acts[0].orelse:
        # NOTE: `if sent_in_query: return ... else: return ...`, both a refusal.
        return refusal(ctx, acts[0].body) and refusal(ctx, acts[0].orelse)
    if len(acts) != 1 or not ends(ctx, acts):
        return False
    value = acts[0].value if isinstance(acts[0], ast.Return) else None
    return (
        value is None
        or all(_refuses(n) for n in ast.walk(value) if isinstance(n, ast.Call))
        or _client_error_answer(value)
        or _error_page(value)
    )


_RENDERS = frozenset({"render", "render_template", "render_to_response", "TemplateResponse"})
_ERROR_PAGE = re.compile(
    r"(?:^|[^0-9])4\d\d(?:[^0-9]|$)|den(y|ied)|forbid|unauthori[sz]ed|not_allowed",
    re.IGNORECASE,
)
"""Names of a template that words a refusal: `405.html`, `errors/403.html`,
`permission_denied.html`."""


def _error_page(value: ast.expr) -> bool:
    """`render(request, "405.html")`: the page of a refusal, its template named for a
    client error or a denial, rendered with nothing else called."""
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    template = next(
        (a.value for a in value.args if isinstance(a, ast.Constant) and isinstance(a.value, str)),
        None,
    )
    return (
        name in _RENDERS
        and template is not None
        and _ERROR_PAGE.search(template.rsplit("/", 1)[-1]) is not None
        and all(_refuses(n) for n in ast.walk(value) if isinstance(n, ast.Call) and n is not value)
    )


_STATUS_KEYWORDS = frozenset({"status", "status_code", "code"})


def _client_error_answer(value: ast.expr) -> bool:
    """`ErrorResponse(PayloadNotFound().message, 422, headers).respond()`, `return
    render_template("denied.html"), 403`: an answer a call named for a refusal builds
    with a client-error status (given to it, or beside it in the tuple a Flask view
    returns), whatever else it calls to word its message (an error class's `.message`)
    and whichever method without arguments turns it into the response (`.respond()`)."""
    if isinstance(value, ast.Tuple):
        return len(value.elts) > 1 and _client_error(value.elts[1])
    while (
        isinstance(value, ast.Call)
        and not value.args
        and not value.keywords
        and isinstance(value.func, ast.Attribute)
        and isinstance(value.func.value, ast.Call)
    ):
        value = value.func.value
    if not (isinstance(value, ast.Call) and _refuses(value)):
        return False
    given = [*value.args, *(k.value for k in value.keywords if k.arg in _STATUS_KEYWORDS)]
    return any(_client_error(node) for node in given)


def _client_error(node: ast.expr) -> bool:
    """A status written out as 4xx (`422`, `"403"`)."""
    match node:
        case ast.Constant(value=int() as status) if not isinstance(status, bool):
            return 400 <= status < 500
        case ast.Constant(value=str() as text):
            return len(text) == 3 and text.startswith("4") and text.isdigit()
    return False


def _words_message(statement: ast.stmt) -> bool:
    """`msg = "Missing setting: %s" % name`: a local worded for the log or the refusal,
    calling nothing but a string's own methods (`" ".join(missing)`, `"{}".format(p)`)."""
    return (
        isinstance(statement, ast.Assign)
        and all(isinstance(t, ast.Name) for t in statement.targets)
        and all(_string_method(n) for n in ast.walk(statement.value) if isinstance(n, ast.Call))
    )


def _sets_status(statement: ast.stmt) -> bool:
    """`error_response.status_code = 500`: the status of an answer built beforehand (an
    error response made once at the top of the view and returned by each refusal) set to
    a number, which changes nothing but what the refusal answers."""
    return (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(target := statement.targets[0], ast.Attribute)
        and target.attr in _STATUS_ATTRIBUTES
        and isinstance(target.value, ast.Name)
        and isinstance(statement.value, ast.Constant)
        and type(statement.value.value) is int
    )


_STATUS_ATTRIBUTES = frozenset({"status_code", "status"})


def _string_method(call: ast.Call) -> bool:
    """A method of a string literal: it words a message and changes nothing."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Constant)
        and isinstance(func.value.value, str)
    )


def _refuses(call: ast.Call) -> bool:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return _REFUSING.search(name) is not None


def _logs(statement: ast.stmt) -> bool:
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return False
    call = statement.value
    tail = call.func.attr if isinstance(call.func, ast.Attribute) else ast.unparse(call.func)
    if tail in _LOGGING:
        return True
    # NOTE: a project's wrapper of its metrics client counting a named event
    # (`incr_if_enabled("hook_calls")`), given nothing but constants.
    return tail.split("_", 1)[0] in _COUNTS and all(
        isinstance(a, ast.Constant) for a in (*call.args, *(k.value for k in call.keywords))
    )


_COUNTS = frozenset({"incr", "increment", "gauge", "timing", "histogram"})
