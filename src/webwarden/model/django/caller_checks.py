"""Whether a Django view (a function, or a method of a class-based view) turns away every
request that does not prove a credential of its caller in a header or a signature of its
body (`webwarden.model.caller_checks`): a shared secret compared with a setting, a
`verify_*` check of the headers, a keyed `jwt.decode` of the `Authorization` header; or
a parameter of the query string or form compared with a secret of the settings.

A browser sends none of these on a cross-site post; what it does send by itself, the
cookies (`request.COOKIES`, the session, `request.user`), proves nothing of the kind.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from webwarden.model.caller_checks import (
    Credential,
    HelperCheck,
    after_docstring,
    called_helper,
    matched_secret,
    proves,
    refusal,
    refuses_unproven,
    setting_secret_digest,
)
from webwarden.model.django.body_types import refuses_form_bodies
from webwarden.model.django.signature_gates import signature_gated
from webwarden.model.module import FileContext
from webwarden.model.names import last_name
from webwarden.model.tree import own_returns

VERIFIES = "verifies"
"""The method's first act refuses a request without the credential."""
PASSES = "passes"
"""A `dispatch` that goes on to the view only through `super().dispatch()`: whatever it
checks, the next `dispatch` of the class's ancestry still runs before any handler."""
ACTS = "acts"
AJAX_ONLY = "ajax-only"
"""A decorator whose wrapper first refuses every request without `X-Requested-With` (or
htmx's `HX-Request`): no credential, but a header a page on another site cannot add to a
link, an image or a form it makes the browser send (a script's `fetch` would need a CORS
preflight)."""

LIBRARY_VERIFIERS = {
    "django_twilio.decorators.twilio_view": "DJANGO_TWILIO_FORGERY_PROTECTION",
    "django_sns_view.views.SNSEndpoint": "SNS_VERIFY_CERTIFICATE",
}
"""Decorators and views of libraries that refuse first every request without the
provider's signature, each with the setting that switches its check off: django-twilio's
`twilio_view` checks `X-Twilio-Signature` against the account's auth token before the
view runs (its forgery protection, on wherever `DEBUG` is off unless
`DJANGO_TWILIO_FORGERY_PROTECTION = False`); django-sns-view's (and django-sns-view2's)
`SNSEndpoint` answers POST by checking the message's signature against Amazon's signing
certificate before `handle_message` runs (unless `SNS_VERIFY_CERTIFICATE = False`)."""

OAUTH_GUARDS = frozenset(
    {
        "oidc_provider.lib.utils.oauth2.protected_resource_view",
        "oauth2_provider.decorators.protected_resource",
        "oauth2_provider.decorators.rw_protected_resource",
    }
)
"""Decorators of OAuth 2 libraries whose wrapper refuses every request without a valid
access token before the view runs: django-oidc-provider's `protected_resource_view`
(a 401 unless the `Authorization: Bearer` header, or an `access_token` parameter, names a
live token with the scopes asked), django-oauth-toolkit's `protected_resource` and
`rw_protected_resource` (a 403 unless oauthlib verifies the request's token). A browser
adds no access token to another site's request by itself; a view that also reads the
browser's user or session could still be handed the attacker's own token with the
user's cookies, so such a view does not count."""
OAUTH_ENDPOINT_VIEWS = frozenset(
    {
        "oidc_provider.views.TokenView",
        "oauth2_provider.views.TokenView",
        "oauth2_provider.views.base.TokenView",
        "oauth2_provider.views.RevokeTokenView",
        "oauth2_provider.views.base.RevokeTokenView",
        "oauth2_provider.views.IntrospectTokenView",
        "oauth2_provider.views.introspect.IntrospectTokenView",
        *(
            f"oauth2_provider.views.{module}{view}"
            for module in ("", "generic.")
            for view in (
                "ProtectedResourceView",
                "ScopedProtectedResourceView",
                "ReadWriteScopedResourceView",
                "ClientProtectedResourceView",
                "ClientProtectedScopedResourceView",
            )
        ),
    }
)
"""Class-based views of OAuth 2 libraries that answer only a caller proving an OAuth
credential, never the browser's session: the token and revocation endpoints of
django-oidc-provider and django-oauth-toolkit (the client's credentials and the grant,
a code with its PKCE verifier or a refresh token, in the post; the libraries exempt them
from CSRF checks themselves) and django-oauth-toolkit's `ProtectedResourceView` and its
scoped subclasses (`ScopedProtectedResourceView`, `ReadWriteScopedResourceView`: each
`dispatch` refuses a request without a valid access token), its
`ClientProtectedResourceView` and `ClientProtectedScopedResourceView` (whose `dispatch`
refuses a request that authenticates no OAuth client, by Basic auth, the client's id and
secret in the body, or an access token) and the introspection endpoint built on them
(`IntrospectTokenView`, which the library exempts from CSRF checks itself): none reads a
cookie to decide who the caller is."""

_CARRIED = frozenset({"headers", "META", "body"})
"""What of a request carries a caller's credential: its headers, or the body a signature
covers (not `COOKIES`, `session`, `user`: a browser sends those on its own)."""
_PARAMETERS = frozenset({"GET", "POST", "query_params", "data"})
USER = frozenset({"user", "auser"})
"""The request's attributes giving its user (`request.user`, `await request.auser()`)."""
_SESSION = USER | {"session", "COOKIES"}
_HANDLERS = frozenset(
    {"get", "head", "options", "trace", "post", "put", "patch", "delete"}
    | {"dispatch", "http_method_not_allowed"}
)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def caller_check(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """`VERIFIES`, `PASSES` or `ACTS` for a view function or a method of a view class
    (its request is the parameter after `self`)."""
    method = isinstance(ctx.parent(function), ast.ClassDef)
    parameters = function.args.posonlyargs + function.args.args
    if len(parameters) <= (1 if method else 0):
        if method and function.name == "dispatch" and function.args.vararg is not None:
            # NOTE: `dispatch(self, *args, **kwargs)`: the request is `args[0]`, which
            # only `super().dispatch(*args, **kwargs)` reads here.
            return ACTS if _runs_handler(function) else PASSES
        return ACTS
    request = request_name(ctx, function)
    owner = ctx.parent(function) if method else None

    def credential(node: ast.expr) -> bool:
        cls = owner if isinstance(owner, ast.ClassDef) else None
        if carried(node, request):
            return True
        if isinstance(node, ast.Attribute) and _parameters(node, request):
            # NOTE: `if not _verify(request.POST): return ...`: the form handed to a check
            return _handed_to_predicate(ctx, node, cls)
        return (
            isinstance(node, ast.Name)
            and node.id == request
            and (
                _handed_to_check(ctx, node, cls)
                or _handed_to_reader(ctx, node, cls)
                or _handed_to_predicate(ctx, node, cls)
            )
        )

    helper_raises = _helper_raises(ctx, owner if isinstance(owner, ast.ClassDef) else None)
    body = _method_branch(ctx, function.body, request)
    if refuses_unproven(
        ctx, body, credential, helper_raises, lambda node: _parameters(node, request)
    ):
        return VERIFIES
    if method and function.name == "dispatch" and not _runs_handler(function):
        return PASSES
    return ACTS


def _method_branch(ctx: FileContext, body: list[ast.stmt], request: str) -> list[ast.stmt]:
    """The branch every request that may change anything runs: that of `if request.method
    == "POST":` when it is the view's first act and its `else`, or the one statement
    after it, refuses (`return HttpResponse("only for post")`); the whole body else."""
    statements = after_docstring(body)
    first = statements[0] if statements else None
    if not (
        isinstance(first, ast.If)
        and isinstance(first.test, ast.Compare)
        and isinstance(first.test.ops[0], ast.Eq)
        and isinstance(first.test.comparators[0], ast.Constant)
        and _method_of(first.test.left, request)
    ):
        return body
    otherwise = first.orelse or statements[1:]
    return first.body if refusal(ctx, otherwise) else body


def _method_of(node: ast.expr, request: str) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "method"
        and is_request(node.value, request)
    )


def _handed_to_check(ctx: FileContext, request: ast.Name, owner: ast.ClassDef | None) -> bool:
    """`self.verify_signature(request)`, `check_api_key(request)`: the request handed whole
    to a method of the view's class or a function of the module that itself refuses first
    a request without a header credential, and reads no session (so the request carries
    the credential the helper checks)."""
    handed = _handed_to(ctx, request, owner)
    if handed is None:
        return False
    helper, name = handed
    return refuses_unproven(
        ctx, helper.body, lambda node: carried(node, name)
    ) and not reads_session(ctx, helper, name)


def _handed_to_predicate(
    ctx: FileContext, request: ast.Name | ast.Attribute, owner: ast.ClassDef | None
) -> bool:
    """`if not self._validate_token(request): return ...`: the request handed whole (or
    its form or query string: `_verify(request.POST)`) to a method of the view's class or
    a function of the module (or of the view itself) that returns a test holding just
    for a request proving its caller (`hmac.compare_digest(sig, expected)` of a header,
    or a parameter of the query string or form equal to a secret of the settings or to
    a digest keyed with one: `return request.GET.get("token") == settings.HOOK_SECRET`,
    `signature == hmac.new(settings.HOOK_KEY.encode(), ...).hexdigest()`), after at most
    locals given what the request sent (`sig = request.headers.get("X-Sig", "")`) or
    such a digest, and reads no session: the view's own test of what it returns is then
    the check."""
    handed = _handed_to(ctx, request, owner)
    if handed is None:
        return False
    helper, name = handed
    body = after_docstring(helper.body)
    returned = body[-1].value if body and isinstance(body[-1], ast.Return) else None
    if returned is None or reads_session(ctx, helper, name):
        return False
    header_part, parameter_part = _parts(request, name)
    headers: set[str] = set()
    parameters: set[str] = set()
    kept: set[str] = set()
    """Locals holding a digest keyed with a secret setting, which only its owner makes."""

    def reads(node: ast.expr, held: set[str], part: Callable[[ast.expr], bool]) -> bool:
        return any(
            (isinstance(n, ast.Name) and n.id in held) or (isinstance(n, ast.expr) and part(n))
            for n in ast.walk(node)
        )

    for statement in body[:-1]:
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
            return False
        target = statement.targets[0]
        if not isinstance(target, ast.Name):
            return False
        if setting_secret_digest(statement.value):
            kept.add(target.id)
        elif reads(statement.value, headers, header_part):
            headers.add(target.id)
        elif reads(statement.value, parameters, parameter_part):
            parameters.add(target.id)
        else:
            return False
    return proves(ctx, returned, lambda node: reads(node, headers, header_part)) or matched_secret(
        returned, lambda node: reads(node, parameters, parameter_part), kept
    )


def _parts(
    handed: ast.Name | ast.Attribute, name: str
) -> tuple[Callable[[ast.expr], bool], Callable[[ast.expr], bool]]:
    """What of a helper's parameter `name` reads a header (or the body a signature
    covers), and what reads a parameter of the query string or form: for the request
    handed whole, its `headers` and its `GET`; for a part of it handed
    (`request.POST`), the parameter itself is that part."""
    if isinstance(handed, ast.Name):
        return (lambda node: carried(node, name)), (lambda node: _parameters(node, name))

    def itself(node: ast.expr) -> bool:
        return isinstance(node, ast.Name) and node.id == name

    def never(_: ast.expr) -> bool:
        return False

    return (itself, never) if handed.attr in _CARRIED else (never, itself)


def _handed_to(
    ctx: FileContext, request: ast.Name | ast.Attribute, owner: ast.ClassDef | None
) -> tuple[ast.FunctionDef | ast.AsyncFunctionDef, str] | None:
    """The method of the view's class or function of the module (or of the view) a call
    hands the request whole, or a part of it (`self.verify(request)`,
    `_token_from(request)`, `_verify(request.POST)`), with the parameter it binds."""
    call = ctx.parent(request)
    if not (isinstance(call, ast.Call) and request in call.args):
        return None
    helper = called_helper(ctx, call.func, owner)
    if helper is None:
        return None
    parameters = helper.args.posonlyargs + helper.args.args
    bound = not any(_named(d, "staticmethod") for d in helper.decorator_list)
    position = call.args.index(request) + (1 if owner is not None and bound else 0)
    if position >= len(parameters):
        return None
    return helper, parameters[position].arg


_TEXT_METHODS = frozenset(
    {"get", "split", "rsplit", "partition", "rpartition", "strip", "lstrip", "rstrip"}
    | {"lower", "removeprefix", "replace", "decode", "encode", "str"}
)
"""Calls that only pick a part of a header's text (`auth.split("Bearer ")[1]`)."""


def _handed_to_reader(ctx: FileContext, request: ast.Name, owner: ast.ClassDef | None) -> bool:
    """`token = _token_from(request)`: the request handed whole to a method of the view's
    class or a function of the module that only returns a part of its headers or body
    (`auth = request.headers["Authorization"]`, `return auth.split("Bearer ")[1]`):
    what it returns is what the request carries, as the header itself is."""
    handed = _handed_to(ctx, request, owner)
    if handed is None:
        return False
    helper, name = handed
    held: set[str] = set()

    def read(node: ast.expr) -> bool:
        """A part of the request's headers or body, or of a local holding one."""
        calls_only_text = all(
            isinstance(n.func, ast.Attribute | ast.Name) and last_name(n.func) in _TEXT_METHODS
            for n in ast.walk(node)
            if isinstance(n, ast.Call)
        )
        names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        sent = any(carried(n, name) for n in ast.walk(node) if isinstance(n, ast.expr))
        return calls_only_text and (sent or bool(names & held)) and names <= held | {name}

    body = after_docstring(helper.body)
    for statement in body[:-1]:
        if not (
            isinstance(statement, ast.Assign)
            and all(isinstance(t, ast.Name) for t in statement.targets)
            and read(statement.value)
        ):
            return False
        held.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    last = body[-1] if body else None
    return isinstance(last, ast.Return) and last.value is not None and read(last.value)


def _helper_raises(ctx: FileContext, owner: ast.ClassDef | None) -> HelperCheck:
    """Whether a call hands what the request sent (`payload = self.verify_token(token)`,
    the token from `Authorization`) to a method of the view's class or a function of the
    module that refuses first, by raising, unless what it is handed proves the caller
    (`if not jws.verify(key): raise SuspiciousOperation(...)`), and returns nothing but
    at its end: past the call, the credential is proven."""

    def raises(call: ast.Call, carried: Credential) -> bool:
        helper = called_helper(ctx, call.func, owner)
        if helper is None or not _returns_only_at_end(helper):
            return False
        parameters = helper.args.posonlyargs + helper.args.args
        bound = not any(_named(d, "staticmethod") for d in helper.decorator_list)
        offset = 1 if owner is not None and bound else 0
        names = {
            parameters[index + offset].arg
            for index, argument in enumerate(call.args)
            if index + offset < len(parameters) and carried(argument)
        }
        return (
            bool(names)
            and refuses_unproven(
                ctx, helper.body, lambda node: isinstance(node, ast.Name) and node.id in names
            )
            and not any(reads_session(ctx, helper, name) for name in names)
        )

    return raises


def _returns_only_at_end(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """No `return` but the last statement: a failed check cannot hand back a value the
    caller might go on with (`None` for an invalid token)."""
    last = function.body[-1] if function.body else None
    return all(found is last for found in own_returns(function))


def _named(decorator: ast.expr, name: str) -> bool:
    return isinstance(decorator, ast.Name) and decorator.id == name


def decorator_verifies(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether `function` is a decorator (or a factory of one: `def decorator(f): def
    wrapper(request, ...): ...; return wrapper`) whose wrapper refuses first every request
    without a header credential, the same judgement as a view's, or without an HMAC
    signature of what was sent (`signature_gates`), and reads no session: every view it
    decorates does as much before its own body runs."""
    wrapper = returned_function(function)
    wrapper = wrapper and (returned_function(wrapper) or wrapper)
    if wrapper is None or not (wrapper.args.posonlyargs + wrapper.args.args):
        return False
    request = (wrapper.args.posonlyargs + wrapper.args.args)[0].arg
    view = function.args.args[0].arg if function.args.args else ""
    verified = caller_check(ctx, wrapper) == VERIFIES or (
        bool(view) and signature_gated(ctx, wrapper, view)
    )
    return verified and not reads_session(ctx, function, request)


_AJAX_HEADER = re.compile(r"^(?:http_)?(?:x[-_]requested[-_]with|hx[-_]request)$", re.IGNORECASE)
"""Headers only a page's own script sends: jQuery's `X-Requested-With` and the
`HX-Request` htmx adds to each of its requests."""


def decorator_requires_ajax(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> bool:
    """Whether `function` is a decorator whose wrapper's first act refuses a request that
    is not sent by a script (`if not is_ajax(request): return HttpResponseBadRequest()`,
    `request.headers.get("X-Requested-With") != "XMLHttpRequest"`, Django's old
    `request.is_ajax()`, htmx's `"HTTP_HX_REQUEST" not in request.META`), a test written
    in the wrapper or in a function of the module it calls with the request."""
    wrapper = returned_function(function)
    wrapper = wrapper and (returned_function(wrapper) or wrapper)
    return wrapper is not None and refuses_non_ajax_first(ctx, wrapper)


def refuses_non_ajax_first(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> bool:
    """Whether the first act of a view function (or a decorator's wrapper), after its
    docstring and any guards turning requests away by their method alone
    (`_method_refusal`), refuses every request without `X-Requested-With` (`if not
    request.is_ajax() or not user.is_active: return HttpResponseForbidden()`; htmx's
    `HX-Request`, also named by a local first given it, or django-htmx's `request.htmx`;
    or a custom header holding a value the site's script sets, `_custom_header_value`),
    or without an `Authorization` header of a token scheme (`if (auth :=
    request.headers.get("Authorization")) is None or not auth.startswith("Bearer "):
    return HttpResponse(status=401)`, also through locals first given the header), or
    whose whole body is an `if` run only for such a request (`if request.is_ajax(): ...`
    with no `else`: any other request gets `None`, which Django turns into an error), or
    whose content type is not one a form sends (`if request.content_type !=
    "application/json": return HttpResponseBadRequest()`, `body_types`): a page on
    another site can make a browser send none of these without a CORS preflight. A
    browser adds `Authorization` by itself only for HTTP authentication (`Basic`,
    `Digest`, `Negotiate`, `NTLM`), so a test of its presence alone does not count."""
    parameters = function.args.posonlyargs + function.args.args
    if not parameters:
        return False
    request = parameters[0].arg
    body = after_docstring(function.body)
    headers: set[str] = set()
    named: set[str] = set()
    while body:
        if bound := _binds_authorization(body[0], request):
            headers.update(bound)
        elif bound := _names_ajax(body[0]):
            named.update(bound)
        elif not _method_refusal(ctx, body[0], request):
            break
        body = body[1:]
    first = body[0] if body else None
    if (
        len(body) == 1
        and isinstance(first, ast.If)
        and not first.orelse
        and _ajax_only(ctx, first.test, request, frozenset(named))
    ):
        return True
    if not (isinstance(first, ast.If) and not first.orelse and refusal(ctx, first.body)):
        return False
    headers.update(
        n.target.id
        for n in ast.walk(first.test)
        if isinstance(n, ast.NamedExpr) and _reads_authorization(n.value, request)
    )
    return _not_ajax(ctx, first.test, request, frozenset(headers), frozenset(named))


def _ajax_only(ctx: FileContext, test: ast.expr, request: str, named: frozenset[str]) -> bool:
    """The test of an `if` that is all a view does (`if request.is_ajax(): ...`, with no
    `else` and nothing after it), holding only for a request with `X-Requested-With` (or
    `HX-Request`), alone or joined by `and` to other tests: any other request falls off
    the end of the view, whose `None` Django refuses with an error before anything else."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_ajax(ctx, value, request, helpers=True, named=named) for value in test.values)
    return _ajax(ctx, test, request, helpers=True, named=named)


def _method_refusal(ctx: FileContext, statement: ast.stmt, request: str) -> bool:
    """`if request.method != "POST": return HttpResponseNotAllowed(...)`: a guard that
    only turns some requests away, testing the method alone, so it changes nothing and
    the check after it still comes before anything the view does."""
    if not (isinstance(statement, ast.If) and not statement.orelse):
        return False
    if not refusal(ctx, statement.body):
        return False
    tests = statement.test.values if isinstance(statement.test, ast.BoolOp) else [statement.test]
    return all(_tests_method(each, request) for each in tests)


def _tests_method(test: ast.expr, request: str) -> bool:
    """`request.method` compared with literals (`!= "POST"`, `not in ("POST", "PUT")`)."""
    match test:
        case ast.Compare(
            left=ast.Attribute(value=ast.Name(id=name), attr="method"), comparators=compared
        ) if name == request:
            return all(_literal(each) for each in compared)
    return False


def _literal(node: ast.expr) -> bool:
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return all(isinstance(each, ast.Constant) for each in node.elts)
    return isinstance(node, ast.Constant)


def _names_ajax(statement: ast.stmt) -> list[str]:
    """The locals `key = "HTTP_HX_REQUEST"` gives the name of a header only scripts send."""
    match statement:
        case ast.Assign(targets=[ast.Name(id=name)], value=ast.Constant(value=str() as text)):
            return [name] if _AJAX_HEADER.match(text) else []
    return []


def _not_ajax(
    ctx: FileContext,
    test: ast.expr,
    request: str,
    headers: frozenset[str] = frozenset(),
    named: frozenset[str] = frozenset(),
) -> bool:
    """A test holding for a request without `X-Requested-With: XMLHttpRequest` or
    `HX-Request` (named here or by one of the locals `named`), or without an
    `Authorization` header of a token scheme (read directly or held by one of the locals
    `headers`), or of a content type no form sends (`body_types.refuses_form_bodies`),
    also when joined by `and` to `not settings.DEBUG` (a deployment runs with
    `DEBUG` off) or by `or` to any other test."""
    match test:
        case ast.BoolOp(op=ast.And(), values=values):
            tests = [value for value in values if not _outside_debug(ctx, value)]
            return len(tests) == 1 and _not_ajax(ctx, tests[0], request, headers, named)
        case ast.BoolOp(op=ast.Or(), values=values):
            # NOTE: `if not request.is_ajax() or not user.is_active:` refuses at least
            # every request without the header.
            return any(_not_ajax(ctx, value, request, headers, named) for value in values)
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            return _ajax(ctx, operand, request, helpers=True, named=named) or _token_scheme(
                operand, request, headers
            )
        case ast.Compare(ops=[ast.NotEq() | ast.NotIn()]):
            return (
                _reads_ajax_header(test, request, named)
                or _custom_header_value(test, request)
                or refuses_form_bodies(ctx, test, lambda node: is_request(node, request))
            )
    return False


_CUSTOM_HEADER = re.compile(r"^(?:http_)?x[-_][a-z0-9][-_a-z0-9]*$", re.IGNORECASE)
_PROXY_HEADER = re.compile(
    r"^(?:http_)?x[-_](?:forwarded|real[-_]ip|client[-_]ip|original|scheme|url[-_]scheme"
    r"|request[-_]id|amzn|appengine|cloud|envoy|vercel|nf[-_])",
    re.IGNORECASE,
)
"""Headers a proxy in front of the site adds to every request it passes on, whoever made
it (`X-Forwarded-Proto: https`): no sign of who wrote the request."""


def _custom_header_value(test: ast.Compare, request: str) -> bool:
    """`request.headers.get("X-Preview") != "markdown"` (or `request.META["HTTP_X_..."]`
    `not in` literals): a custom header with a value the site's own script sends. A form,
    a link or an image of another site cannot add a header, and a script there needs a
    CORS preflight to. Not a proxy's header (`X-Forwarded-Proto`), nor one whose
    presence alone is tested (a name any script may send with any value)."""
    if len(test.comparators) != 1 or not _literal(test.comparators[0]):
        return False
    match test.left:
        case ast.Call(func=ast.Attribute(attr="get", value=read), args=[ast.Constant() as key, *_]):
            pass
        case ast.Subscript(value=read, slice=ast.Constant() as key):
            pass
        case _:
            return False
    return (
        isinstance(read, ast.Attribute)
        and read.attr in {"headers", "META"}
        and is_request(read.value, request)
        and isinstance(key.value, str)
        and bool(_CUSTOM_HEADER.match(key.value))
        and not _PROXY_HEADER.match(key.value)
    )


_AUTHORIZATION = frozenset({"authorization", "http_authorization"})
_BROWSER_SCHEMES = frozenset({"basic", "digest", "negotiate", "ntlm"})
"""Schemes of HTTP authentication, whose `Authorization` header a browser adds by itself
once its user has logged in to the site so."""


def _token_scheme(node: ast.expr, request: str, headers: frozenset[str]) -> bool:
    """`auth.startswith("Bearer ")` of the `Authorization` header (read here, or held by
    one of the locals `headers`): a scheme no browser sends by itself."""
    match node:
        case ast.Call(
            func=ast.Attribute(attr="startswith", value=subject),
            args=[ast.Constant(value=str() as prefix)],
            keywords=[],
        ):
            scheme = prefix.strip().lower()
            return (
                scheme.isalnum()
                and scheme not in _BROWSER_SCHEMES
                and (
                    (isinstance(subject, ast.Name) and subject.id in headers)
                    or _reads_authorization(subject, request)
                )
            )
    return False


def _binds_authorization(statement: ast.stmt, request: str) -> list[str]:
    """The locals `auth = request.headers.get("Authorization", "")` gives the header."""
    if isinstance(statement, ast.Assign) and _reads_authorization(statement.value, request):
        names = [t.id for t in statement.targets if isinstance(t, ast.Name)]
        return names if len(names) == len(statement.targets) else []
    return []


def _reads_authorization(node: ast.expr, request: str) -> bool:
    """`request.headers.get("Authorization")`, `request.META["HTTP_AUTHORIZATION"]`."""
    match node:
        case ast.Call(func=ast.Attribute(attr="get", value=read), args=[ast.Constant() as key, *_]):
            pass
        case ast.Subscript(value=read, slice=ast.Constant() as key):
            pass
        case _:
            return False
    return (
        isinstance(read, ast.Attribute)
        and read.attr in {"headers", "META"}
        and is_request(read.value, request)
        and isinstance(key.value, str)
        and key.value.lower() in _AUTHORIZATION
    )


def _outside_debug(ctx: FileContext, test: ast.expr) -> bool:
    """`not settings.DEBUG`: true wherever the project is deployed."""
    match test:
        case ast.UnaryOp(op=ast.Not(), operand=ast.Attribute() as read):
            return ctx.qualified(read) == "django.conf.settings.DEBUG"
    return False


def _ajax(
    ctx: FileContext,
    node: ast.expr,
    request: str,
    *,
    helpers: bool,
    named: frozenset[str] = frozenset(),
) -> bool:
    """`request.is_ajax()`, `request.headers.get("x-requested-with") == "XMLHttpRequest"`
    (or the header's presence: `"X-Requested-With" in request.headers`, `HX-Request`
    alike), django-htmx's `request.htmx` (true only when `HX-Request` was sent), or (with
    `helpers`) a function of the module handed the request returning one of those
    (`is_ajax(request)`)."""
    match node:
        case ast.Compare(ops=[ast.Eq() | ast.In()]) | ast.Call(func=ast.Attribute(attr="get")):
            return _reads_ajax_header(node, request, named)
        case ast.Call(func=ast.Attribute(attr="is_ajax", value=value), args=[]):
            return is_request(value, request)
        case ast.Attribute(attr="htmx", value=value):
            return is_request(value, request)
        case ast.Call(func=ast.Name(id=name), args=[ast.Name(id=given)]) if helpers:
            helper = ctx.module_function(name)
            if helper is None or given != request or not helper.args.args:
                return False
            body = after_docstring(helper.body)
            returned = body[0].value if len(body) == 1 and isinstance(body[0], ast.Return) else None
            inner = helper.args.args[0].arg
            return returned is not None and _ajax(ctx, returned, inner, helpers=False)
    return False


def _reads_ajax_header(test: ast.expr, request: str, named: frozenset[str] = frozenset()) -> bool:
    """A test reading `X-Requested-With` (or `HX-Request`) from the request's headers (or
    `META`), its name written in the test or held by one of the locals `named`."""
    reads = any(
        isinstance(n, ast.Attribute)
        and n.attr in {"headers", "META"}
        and is_request(n.value, request)
        for n in ast.walk(test)
    )
    header = any(
        (isinstance(n, ast.Constant) and isinstance(n.value, str) and _AJAX_HEADER.match(n.value))
        or (isinstance(n, ast.Name) and n.id in named)
        for n in ast.walk(test)
    )
    return reads and header


def returned_function(
    function: ast.FunctionDef | ast.AsyncFunctionDef,
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The function defined in `function`'s body that it ends by returning, itself or
    through `functools.wraps` (`return wraps(func)(inner)`)."""
    last = function.body[-1] if function.body else None
    value = last.value if isinstance(last, ast.Return) else None
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Call)
        and last_name(value.func.func) == "wraps"
        and len(value.args) == 1
    ):
        value = value.args[0]
    if not isinstance(value, ast.Name):
        return None
    name = value.id
    return next((s for s in function.body if isinstance(s, _FUNCTIONS) and s.name == name), None)


def reads_session(
    ctx: FileContext,
    node: ast.AST,
    request: str = "request",
    attributes: frozenset[str] = _SESSION,
) -> bool:
    """Whether the code of `node` reads what the browser's cookies give: `request.user`,
    `self.request.session`, `request.COOKIES` (or only those of the request's
    `attributes`: `USER` for the user alone)."""
    # NOTE: called for every class of a Django module: the module's few reads are looked
    # up once and their ancestry checked, instead of walking each class.
    for read in ctx.attributes(attributes):
        if isinstance(read.ctx, ast.Store):
            continue  # NOTE: `request.user = token.user`: set from a credential, not read
        if is_request(read.value, request):
            current: ast.AST | None = read
            while current is not None:
                if current is node:
                    return True
                current = ctx.parent(current)
    return False


def carried(node: ast.expr, request: str) -> bool:
    """`request.headers`, `request.META` or `request.body` of the parameter `request`."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr in _CARRIED
        and is_request(node.value, request)
    )


def _parameters(node: ast.expr, request: str) -> bool:
    """`request.GET`, `request.POST` (DRF's `query_params`, `data`) of the parameter
    `request`: what a link or a form on any site may set."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr in _PARAMETERS
        and is_request(node.value, request)
    )


def request_name(ctx: FileContext, function: ast.AST | None) -> str:
    """The name a view gives the request Django calls it with: the first parameter of a
    function, the one after `self` of a method (`def view(req, pk)`, `def post(self,
    http_request)`); `request` for anything else, or a function taking none."""
    if not isinstance(function, _FUNCTIONS):
        return "request"
    parameters = function.args.posonlyargs + function.args.args
    position = 1 if isinstance(ctx.parent(function), ast.ClassDef) else 0
    return parameters[position].arg if len(parameters) > position else "request"


def is_request(node: ast.expr, name: str = "request") -> bool:
    """`request` (the parameter so named) or `self.request`, also the Django request a
    REST framework request wraps (`request._request`)."""
    if isinstance(node, ast.Name):
        return node.id == name
    if not isinstance(node, ast.Attribute):
        return False
    if node.attr == "_request":
        return is_request(node.value, name)
    return node.attr == "request" and isinstance(node.value, ast.Name) and node.value.id == "self"


def _runs_handler(function: ast.AST) -> bool:
    """`self.post(...)`, `getattr(self, method)(...)`, `handler(...)`: runs a handler
    itself instead of through `super().dispatch()`."""
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in {"handler", "getattr"}:
            return True
        if (
            isinstance(func, ast.Attribute)
            and func.attr in _HANDLERS
            and isinstance(func.value, ast.Name)
            and func.value.id == "self"
        ):
            return True
    return False
