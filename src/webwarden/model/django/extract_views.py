"""Per-file extraction of views: functions and classes with decorators, bases, DRF attributes.

Read only in modules that import Django or Django REST framework, and only module-level
definitions (and the direct body of a class), so it stays cheap on large trees.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from webwarden.analysis.constants import UNKNOWN, evaluate
from webwarden.findings import Location
from webwarden.model.captcha_fields import asks_captcha
from webwarden.model.django.applied_wrappers import applied_wrappers
from webwarden.model.django.auth_backends import checks_no_password, library_passwordless
from webwarden.model.django.caller_checks import (
    AJAX_ONLY,
    USER,
    VERIFIES,
    caller_check,
    decorator_requires_ajax,
    decorator_verifies,
    reads_session,
    refuses_non_ajax_first,
)
from webwarden.model.django.class_decorators import decorating_call, guards_view
from webwarden.model.django.composed_decorators import Param, factory_parameters
from webwarden.model.django.drf_auth_refusals import authenticates_by_raising
from webwarden.model.django.drf_authenticators import authenticator_verdict
from webwarden.model.django.frame_headers import FRAME_HEADER_WORDS, sets_frame_header
from webwarden.model.django.inherited_posts import RENDERING
from webwarden.model.django.login_gates import (
    requires_proxy_login,
    switched_anonymous_test,
    turns_away_anonymous,
)
from webwarden.model.django.method_gates import MethodGate, method_gate
from webwarden.model.django.middleware_gates import (
    GATED_METHODS,
    credential_path,
    logs_in_by_header,
)
from webwarden.model.django.password_reads import takes_no_password
from webwarden.model.django.path_logins import login_paths
from webwarden.model.django.session_nonce import checks_session_nonce
from webwarden.model.django.setting_gates import setting_gates
from webwarden.model.django.signed_serializers import (
    declares_signature_field,
    handler_serializers,
    refuses_bad_signature,
)
from webwarden.model.django.signup_forms import builds_signup_form
from webwarden.model.django.view_bodies import (
    LOGIN_DECORATORS,
    answers_itself,
    checked_from,
    checks_user,
    dispatches,
    only_shows_page,
    posts,
    refuses_only,
    request_calls,
    safe_dispatches,
)
from webwarden.model.module import FileContext
from webwarden.model.names import last_part
from webwarden.model.sso_answers import takes_signed_sso_answer
from webwarden.model.tree import self_method, walk
from webwarden.pickling import fast_pickling

_CLASS_ATTRIBUTES = frozenset(
    {
        "permission_classes",
        "authentication_classes",
        "http_method_names",
        "lookup_field",
        "lookup_url_kwarg",
        "lookup_value_regex",
        "permission_required",
        "login_required",
        "form_class",
        "filter_backends",
        "throttle_classes",
        "throttle_scope",
    }
)


@dataclass(frozen=True, slots=True)
class Ref:
    """A qualified name used as a value (a class, a decorator)."""

    name: str


@dataclass(frozen=True, slots=True)
class Decorator:
    """`@name(args, key=value)`; arguments are constants, `Ref`s or tuples of those."""

    name: str
    args: tuple[object, ...] = ()
    keywords: tuple[tuple[str, object], ...] = ()
    called: bool = False

    def keyword(self, key: str) -> object:
        """The value passed as `key`, or `UNKNOWN`."""
        for name, value in self.keywords:
            if name == key:
                return value
        return UNKNOWN


@dataclass(frozen=True, slots=True)
class Method:
    """A method defined in a class body, with its decorators."""

    name: str
    decorators: tuple[Decorator, ...]
    location: Location | None = None
    verifies_caller: bool = False
    """A DRF extra action (`@action`, `@detail_route`, `@list_route`), which its router
    runs as a view of its own, whose body first refuses every request proving no
    credential and reads no session (`caller_checks.caller_check`): a server's callback
    decoding a keyed JSON Web Token it posts."""
    checks_user: bool = False
    """A DRF extra action, or a method DRF runs for every request of a viewset
    (`REQUEST_METHODS`), whose own body checks who the user is (`checks_user`)."""
    self_calls: tuple[str, ...] = ()
    """A DRF extra action: the methods of its own class it calls (`self.check_editor()`)."""


@dataclass(frozen=True, slots=True)
class ViewDef:
    """A module-level function taking a request, a module-level class, or a decorator."""

    qualified: str
    kind: str
    """`function`, `class`, `alias` (a module-level name bound to what its one decorator
    names: `require_admin = require_permission(ADMIN)`, `extract_views._aliases`), or
    `decorator`: a module-level decorator of views whose wrapper
    refuses every request without a header credential (`caller_checks.decorator_verifies`)
    or without `X-Requested-With` (`caller_checks.decorator_requires_ajax`, its verdict
    `AJAX_ONLY`), lets only some methods through (`method_gate`), checks the user
    (`checks_user`) or is itself decorated (`decorators`: `@login_required def
    wrapper(request, ...)`), recorded for the views it decorates."""
    location: Location
    decorators: tuple[Decorator, ...] = ()
    bases: tuple[str, ...] = ()
    attributes: tuple[tuple[str, object], ...] = ()
    methods: tuple[Method, ...] = ()
    checks_user: bool = False
    """Its body (a method's, for a class) checks who the user is: `is_authenticated`,
    `has_perm()`, `PermissionDenied`, a call named for a permission check
    (`check_edit_post_permission(...)`), or the user as a value (`filter(owner=request.user)`);
    or it logs them in (`login(request, user)`)."""
    refuses_only: bool = False
    """`checks_user` holds only by a `PermissionDenied` raised in a body that names no user,
    session or permission (`view_bodies.refuses_only`: an IP allow-list)."""
    request_calls: tuple[str, ...] = ()
    """What its body hands the request to, when it checks no user itself: the project's
    functions among them may (`get_object_for_user(request, pk)`)."""
    posts: bool = False
    """A function view that reads form data or compares `request.method` with a state-changing
    method (`if request.method == "POST":`)."""
    caller_checks: tuple[tuple[str, str], ...] = ()
    """(method, `caller_checks` verdict) for a class's `dispatch` and handlers;
    one ("", verdict) for a function view: whether it refuses a request without a header
    credential first."""
    reads_session: bool = False
    """Its body reads `request.user`, `request.session` or `request.COOKIES`."""
    reads_user: bool = False
    """Its body reads `request.user` (`self.request.user`): not the session alone."""
    dispatches_to: tuple[str, ...] = ()
    safe_dispatches_to: tuple[str, ...] = ()
    """Those of `dispatches_to` handed only GET or HEAD requests (`safe_dispatches`)."""
    shows_page: bool = False
    """A function view that only shows a page (`view_bodies.only_shows_page`)."""
    checks_nonce: bool = False
    """A function view refusing a request whose parameter does not match a value kept in
    the session (an OAuth callback's `state`, `session_nonce.checks_session_nonce`)."""
    gated_by: tuple[str, ...] = ()
    """Settings a function view, or a class's own `dispatch`, refuses every request
    without first (`setting_gates.setting_gates`)."""
    takes_sso_answer: bool = False
    """It checks a SAML identity provider's signed answer (`sso_answers`)."""
    dispatch_answers: bool = False
    """A class whose `dispatch` may answer a request itself, whatever its handlers and
    `http_method_names`: it reads form data, compares `request.method` with a
    state-changing method, or never hands the request on to `super().dispatch()`
    (`view_bodies.answers_itself`)."""
    credential_path: str = ""
    """For a middleware class: the path prefix under which it refuses first every request
    without a header credential (`middleware_gates.credential_path`)."""
    login_gate: bool = False
    """For a middleware class: it answers every anonymous request itself before the view
    runs, as `LoginRequiredMiddleware` does (`login_gates.turns_away_anonymous`)."""
    switched_login: bool = False
    """For a middleware class: it tests for the anonymous only under a switch read at run
    time, letting everyone through while it is off (`login_gates.switched_anonymous_test`)."""
    login_paths: tuple[str, ...] = ()
    """For a middleware class: the path prefixes under which it answers every anonymous
    request itself before the view runs (`path_logins.login_paths`)."""
    proxy_login: bool = False
    """For a middleware class: it refuses every request without the header a sign-on proxy
    in front sets and takes the user from it (`login_gates.requires_proxy_login`)."""
    header_login: bool = False
    """For a middleware class: it logs the request in from a header and reads no session
    or cookie (`middleware_gates.logs_in_by_header`)."""
    passwordless_backend: bool = False
    """For an authentication backend: its own `authenticate` checks no password
    (`auth_backends.checks_no_password`)."""
    header_authenticator: bool | None = None
    """For a REST framework authentication class defining `authenticate(self, request)`:
    whether it refuses every request without a header credential
    (`drf_authenticators.authenticator_verdict`); None when it defines none."""
    frames_denied: bool = False
    """For a middleware class: it sets a header denying framing on every response it
    passes on (`frame_headers.sets_frame_header`)."""
    method_gate: MethodGate | None = None
    """For a decorator: the methods its wrapper lets reach the view, refusing others first
    (`method_gates.method_gate`)."""
    asks_captcha: bool = False
    """For a form class: one of the fields its body declares asks a CAPTCHA
    (`captcha = ReCaptchaField()`)."""
    signs_up: bool = False
    """For a function view: it builds a form named for signing up (`SignupForm(request.POST)`,
    `signup_forms.builds_signup_form`)."""
    checked_from: int = 0
    """For a function view checking the user (`checks_user`): the line of the first statement
    checking it or handing the request on (`view_bodies.checked_from`; 0 when not known)."""
    takes_no_password: bool = False
    """For a class: its body takes nothing a caller could guess, and hands the submitted
    data whole to nothing that may check it (`password_reads.takes_no_password`)."""
    arguments: tuple[str, ...] = ()
    """For a function view: its positional parameters after the request, which the
    unnamed groups of a regex route fill in order."""
    ajax_first: bool = False
    """For a function view: its first act refuses every request without
    `X-Requested-With` (`caller_checks.refuses_non_ajax_first`)."""
    signature_field: bool = False
    """For a class: its body declares a field named for a signature
    (`signed_serializers.declares_signature_field`)."""
    signature_refusal: bool = False
    """For a class: a method of it raises a `ValidationError` and hands a value named for a
    signature to a call that checks it (`signed_serializers.refuses_bad_signature`)."""
    handler_serializers: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """For a class: the serializers each state-changing handler validates, and its generic
    handlers under `GENERAL` (`signed_serializers.handler_serializers`)."""
    """A function view that only hands the request on to other functions by its method
    (`view_bodies.dispatches`): their qualified names."""

    def attribute(self, name: str) -> object:
        """A class attribute's value, or `UNKNOWN` when not set here."""
        for key, value in self.attributes:
            if key == name:
                return value
        return UNKNOWN


_NO_PARAMS: Mapping[str, int] = MappingProxyType({})


def _argument(ctx: FileContext, node: ast.expr, params: Mapping[str, int] = _NO_PARAMS) -> object:
    if isinstance(node, ast.Name) and node.id in params:
        return Param(node.id, params[node.id])
    if isinstance(node, ast.Name | ast.Attribute):
        qualified = ctx.qualified_here(node)
        return Ref(qualified) if qualified is not None else UNKNOWN
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return tuple(_argument(ctx, element, params) for element in node.elts)
    if isinstance(node, ast.Call):
        inner = ctx.qualified_here(node.func)
        return Ref(inner + "()") if inner is not None else UNKNOWN
    return evaluate(node)


def _decorator(
    ctx: FileContext, node: ast.expr, params: Mapping[str, int] = _NO_PARAMS
) -> Decorator:
    """`params`: the parameters of the decorator factory that applies `node` (see
    `composed_decorators`), recorded as `Param`s where `node` is given one."""
    if isinstance(node, ast.Call):
        return Decorator(
            ctx.qualified_here(node.func) or "?",
            tuple(_argument(ctx, a, params) for a in node.args),
            tuple((k.arg, _argument(ctx, k.value, params)) for k in node.keywords if k.arg),
            called=True,
        )
    return Decorator(ctx.qualified_here(node) or "?")


def _takes_request(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    arguments = [*node.args.posonlyargs, *node.args.args]
    return bool(arguments) and arguments[0].arg in {"request", "req", "_request"}


def _passes_through(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A wrapper taking whatever it is called with (`def wrapper(*args, **kwargs)`), the
    request among it, to hand on to the view."""
    arguments = node.args
    return arguments.vararg is not None and not (arguments.posonlyargs or arguments.args)


def _arguments(node: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, ...]:
    return tuple(a.arg for a in [*node.args.posonlyargs, *node.args.args][1:])


def _view_like(ctx: FileContext, node: ast.ClassDef) -> bool:
    """A class that may be a view or a view's mixin: a base named so, or a method taking
    the request (`dispatch(self, request)`); models, forms and test cases are left alone."""
    for base in node.bases:
        name = ctx.qualified_here(base) or ""
        if name.rpartition(".")[2].endswith(("View", "ViewSet", "Mixin")):
            return True
    return any(
        isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
        and len(stmt.args.args) > 1
        and stmt.args.args[1].arg == "request"
        for stmt in node.body
    )


_VIEW_ENTRIES = frozenset({"dispatch", "as_view"})
"""Methods through which every request to a class-based view goes: `as_view()` makes the
view function (and may exempt it: `return csrf_exempt(view)`), `dispatch` runs it."""


def _defines_view_entry(node: ast.ClassDef) -> bool:
    """A method every request to the view goes through: `dispatch`, `as_view`, or
    `setup(self, request, ...)`, which Django's view function runs before `dispatch` (a
    mixin of no base refusing there, `raise PermissionDenied`, guards every view it is
    mixed into)."""
    return any(
        isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
        and (
            stmt.name in _VIEW_ENTRIES or (stmt.name == "setup" and _takes_request_after_self(stmt))
        )
        for stmt in node.body
    )


def _takes_request_after_self(stmt: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    parameters = stmt.args.posonlyargs + stmt.args.args
    return len(parameters) > 1 and parameters[1].arg == "request"


_CHECKED_METHODS = frozenset(
    {"dispatch", "get", "head", "post", "put", "patch", "delete", "options", "trace"}
)
"""Methods whose caller check decides whether a class-based view is authenticated by
header: `dispatch`, which runs the handler, and the handlers. Not `setup`: what it
returns is dropped, so it refuses nothing by returning."""


_ACTION_MARKS = frozenset({"action", "detail_route", "list_route"})


def _action_verifies_caller(
    ctx: FileContext,
    method: ast.FunctionDef | ast.AsyncFunctionDef,
    decorators: tuple[Decorator, ...],
) -> bool:
    if not any(d.name.rpartition(".")[2] in _ACTION_MARKS for d in decorators):
        return False
    parameters = method.args.posonlyargs + method.args.args
    request = parameters[1].arg if len(parameters) > 1 else "request"
    return handler_check(ctx, method) == VERIFIES and not reads_session(ctx, method, request)


def handler_check(ctx: FileContext, method: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """The caller check of a handler of a class-based view (`caller_checks.caller_check`),
    also `VERIFIES` when its first act calls a method raising REST framework's
    `AuthenticationFailed` for the request (`drf_auth_refusals`)."""
    verdict = caller_check(ctx, method)
    owner = ctx.parent(method)
    if (
        verdict != VERIFIES
        and isinstance(owner, ast.ClassDef)
        and authenticates_by_raising(ctx, method, owner)
    ):
        return VERIFIES
    return verdict


REQUEST_METHODS = frozenset(
    {
        "dispatch",
        "initial",
        "initialize_request",
        "perform_authentication",
        "check_permissions",
        "get_permissions",
        "get_object",
        "check_object_permissions",
    }
)
"""Methods DRF runs for every request a viewset answers, its extra actions' too (or that
decide which permission classes apply): a user check in one guards them all."""


def _with_checks(
    ctx: FileContext,
    method: Method,
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    renders: bool = False,
) -> Method:
    """The method with whether its body checks the user, in a module of REST framework's
    views (an extra action's view or every request may run it, and which runs for an
    inherited handler is asked: `inherited_deletes`), or in a class that `renders` its
    page in methods of its own (`get_context_data()`: which of its methods check is asked
    of an inherited `post()`, `inherited_posts`), and an action's calls of its class's
    methods."""
    is_action = any(d.name.rpartition(".")[2] in _ACTION_MARKS for d in method.decorators)
    drf = ctx.mentions("rest_framework")
    if not is_action and method.name not in REQUEST_METHODS and not drf and not renders:
        return method
    calls = (
        tuple(dict.fromkeys(n for inner in ast.walk(node) if (n := self_method(inner))))
        if is_action
        else ()
    )
    return replace(method, checks_user=checks_user(ctx, node), self_calls=calls)


def _class(ctx: FileContext, node: ast.ClassDef, qualified: str) -> ViewDef:
    attributes: list[tuple[str, object]] = []
    methods: list[Method] = []
    viewed = not ctx.is_test_file and _view_like(ctx, node)
    renders = any(
        isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and stmt.name in RENDERING
        for stmt in node.body
    )
    for stmt in node.body:
        if isinstance(stmt, ast.Assign):
            attributes.extend(
                (target.id, _argument(ctx, stmt.value))
                for target in stmt.targets
                if isinstance(target, ast.Name) and target.id in _CLASS_ATTRIBUTES
            )
        elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            decorators = tuple(_decorator(ctx, d) for d in stmt.decorator_list)
            verifies = _action_verifies_caller(ctx, stmt, decorators)
            method = Method(stmt.name, decorators, ctx.location(stmt), verifies)
            methods.append(_with_checks(ctx, method, stmt, renders) if viewed else method)
    checked = viewed and checks_user(ctx, node)
    signed = not ctx.is_test_file and ctx.mentions("signature")
    return ViewDef(
        qualified,
        "class",
        ctx.location(node),
        _class_decorators(ctx, node),
        tuple(q for base in node.bases if (q := ctx.qualified_here(base)) is not None),
        tuple(attributes),
        tuple(methods),
        checks_user=checked,
        refuses_only=checked and refuses_only(ctx, node),
        request_calls=() if checked or not viewed else request_calls(ctx, node),
        caller_checks=tuple(
            (stmt.name, handler_check(ctx, stmt))
            for stmt in node.body
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
            and stmt.name in _CHECKED_METHODS
        ),
        reads_session=reads_session(ctx, node),
        reads_user=reads_session(ctx, node, attributes=USER),
        takes_sso_answer=viewed and takes_signed_sso_answer(ctx, node),
        signature_field=signed and declares_signature_field(node),
        signature_refusal=signed and refuses_bad_signature(ctx, node),
        handler_serializers=handler_serializers(ctx, node) if viewed else (),
        dispatch_answers=any(
            isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
            and stmt.name == "dispatch"
            and answers_itself(ctx, stmt)
            for stmt in node.body
        ),
        credential_path=next(
            (
                found
                for stmt in node.body
                if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
                and stmt.name in GATED_METHODS
                and (found := credential_path(ctx, stmt))
            ),
            "",
        ),
        login_gate=_login_gate(node),
        switched_login=_switched_login(node),
        login_paths=tuple(
            prefix
            for stmt in node.body
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
            for prefix in login_paths(stmt)
        ),
        proxy_login=any(
            isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and requires_proxy_login(stmt)
            for stmt in node.body
        ),
        header_login=logs_in_by_header(ctx, node),
        frames_denied=_frames_denied(ctx, node),
        passwordless_backend=checks_no_password(node),
        header_authenticator=None if ctx.is_test_file else authenticator_verdict(ctx, node),
        asks_captcha=asks_captcha(ctx, node),
        takes_no_password=viewed and takes_no_password(node, ctx),
        gated_by=next(
            (
                setting_gates(ctx, stmt)
                for stmt in node.body
                if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
                and stmt.name == "dispatch"
            ),
            (),
        )
        if viewed
        else (),
    )


def _frames_denied(ctx: FileContext, node: ast.ClassDef) -> bool:
    return any(map(ctx.mentions, FRAME_HEADER_WORDS)) and sets_frame_header(node)


def _login_gate(node: ast.ClassDef) -> bool:
    return any(
        isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and turns_away_anonymous(stmt)
        for stmt in node.body
    )


def _switched_login(node: ast.ClassDef) -> bool:
    return any(
        isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and switched_anonymous_test(stmt)
        for stmt in node.body
    )


def _decorator_def(
    ctx: FileContext, stmt: ast.FunctionDef | ast.AsyncFunctionDef, qualified: str
) -> ViewDef | None:
    """A decorator of views whose wrapper refuses first a request without a header
    credential or without `X-Requested-With`, or a method other than those it lets through."""
    if decorator_verifies(ctx, stmt):
        verdict: tuple[tuple[str, str], ...] = (("", VERIFIES),)
    elif decorator_requires_ajax(ctx, stmt):
        verdict = (("", AJAX_ONLY),)
    else:
        verdict = ()
    holds = id(stmt) in _holding_functions(ctx)
    gate = method_gate(ctx, stmt, holds_functions=holds)
    wrappers = [
        node
        for node in (walk(stmt) if holds else ())
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node is not stmt
        and (_takes_request(node) or _passes_through(node))
    ]
    params = factory_parameters(stmt)
    wrapped = _wrappers_decorators(ctx, wrappers, params)
    guard = _returned_guard(ctx, stmt)
    applied = [] if guard is not None else applied_wrappers(ctx, stmt)
    wrapped += tuple(_decorator(ctx, w, params) for w in applied)
    if guard is not None:
        wrapped += (_decorator(ctx, guard, params),)
    checked = not ctx.is_test_file and any(checks_user(ctx, node) for node in wrappers)
    calls: tuple[str, ...] = ()
    if not (checked or ctx.is_test_file):
        calls = tuple(dict.fromkeys(name for node in wrappers for name in request_calls(ctx, node)))
    if not (verdict or gate is not None or wrapped or checked or calls):
        return None
    return ViewDef(
        qualified,
        "decorator",
        ctx.location(stmt),
        wrapped,
        checks_user=checked,
        request_calls=calls,
        caller_checks=verdict,
        method_gate=gate,
    )


METHOD_DECORATORS = {
    "require_POST": ("POST",),
    "require_GET": ("GET",),
    "require_safe": ("GET", "HEAD"),
}
"""Django's decorators letting fixed methods through, with those methods."""
METHOD_LISTS = frozenset({"require_http_methods", "api_view"})
"""Django's and DRF's decorators letting through the methods they are given."""
_METHOD_LIMITS = frozenset(METHOD_DECORATORS) | METHOD_LISTS


def _wrappers_decorators(
    ctx: FileContext,
    wrappers: list[ast.FunctionDef | ast.AsyncFunctionDef],
    params: Mapping[str, int],
) -> tuple[Decorator, ...]:
    """The decorators a factory's wrappers carry; one limiting the methods only when every
    wrapper carries it: a factory returning one of several decorators (`if auths: return
    signed` else `logged_in`) limits a view's methods only if each of them does."""
    found = [tuple(_decorator(ctx, d, params) for d in node.decorator_list) for node in wrappers]
    everywhere = set(found[0]).intersection(*found[1:]) if found else set()
    return tuple(
        decorator
        for decorators in found
        for decorator in decorators
        if last_part(decorator.name) not in _METHOD_LIMITS or decorator in everywhere
    )


def _returned_guard(
    ctx: FileContext, stmt: ast.FunctionDef | ast.AsyncFunctionDef
) -> ast.expr | None:
    """A decorator factory whose last statement returns one of Django's login decorators
    made for its arguments (`def group_excluded(*names): ... return
    user_passes_test(in_groups)`, `return permission_required(perm)`): the decorator it
    makes, which a view decorated `@group_excluded("ViewOnly")` is wrapped in. The same
    `return` read by `applied_wrappers` would give the bare decorator a second time
    (`permission_required(perm)` taken for `perm` wrapped), so that reading is skipped."""
    last = stmt.body[-1] if stmt.body else None
    if not isinstance(last, ast.Return) or last.value is None:
        return None
    value = last.value
    name = ctx.qualified_here(value.func if isinstance(value, ast.Call) else value) or ""
    if name.startswith("django.") and last_part(name) in LOGIN_DECORATORS:
        return value
    return None


def _holding_functions(ctx: FileContext) -> set[int]:
    """The ids of the module's functions that define a function inside them (from the
    node index, once per module: most functions hold none and need no walk)."""
    known = ctx.memo.get(_holding_functions)
    if isinstance(known, set):
        return known
    found: set[int] = set()
    for function in ctx.nodes(ast.FunctionDef, ast.AsyncFunctionDef):
        for holder in ctx.ancestors(function):
            if isinstance(holder, ast.FunctionDef | ast.AsyncFunctionDef):
                found.add(id(holder))
    ctx.memo[_holding_functions] = found
    return found


def _guarding_class(ctx: FileContext, node: ast.ClassDef) -> bool:
    """A decorator written as a class (`@write_access(type=Project)`) whose wrapper calls
    the view only where a test of the user decides (`class_decorators.guards_view`)."""
    if ctx.is_test_file or not ctx.mentions("__call__"):
        return False
    call = decorating_call(node)
    return call is not None and guards_view(call)


def _class_decorators(ctx: FileContext, node: ast.ClassDef) -> tuple[Decorator, ...]:
    """A class's decorators, and its metaclass as one: a metaclass remakes each class as
    a decorator does (`metaclass=PermissionViewMeta` may wrap `dispatch` in a permission
    check), and its name says what for as a decorator's does."""
    metaclasses = [k.value for k in node.keywords if k.arg == "metaclass"]
    return tuple(_decorator(ctx, d) for d in (*node.decorator_list, *metaclasses))


DRF_PACKAGES = (
    "rest_framework",
    "rest_framework_simplejwt",
    "rest_framework_jwt",
    "dj_rest_auth",
    "rest_auth",
    "knox",
    "djoser",
)
"""Django REST framework and the packages whose views are its views (`APIView`s,
generic views, viewsets): djangorestframework-simplejwt, djangorestframework-jwt,
dj-rest-auth and django-rest-auth before it, django-rest-knox, djoser. REST framework's
`dispatch` runs its authentication, permissions and throttles for them as for the
project's own."""
_VIEW_PACKAGES = ("django", *DRF_PACKAGES, "dal", "dal_select2", "braces")
"""Packages whose classes a module's views derive from: Django, DRF and those built on
it, django-autocomplete-light, whose views a module may subclass importing nothing
else, and django-braces, whose access mixins (`UserPassesTestMixin`,
`GroupRequiredMixin`) a module of the project's own mixins may derive from alone."""


def extract_views(ctx: FileContext) -> tuple[ViewDef, ...] | None:
    """Candidate views of a module importing Django, DRF or a view package of theirs,
    else None."""
    if not any(map(ctx.names.imports, _VIEW_PACKAGES)):
        return _header_middleware(ctx)
    found: list[ViewDef] = []
    session_screen = not ctx.is_test_file and ctx.mentions("session")
    for stmt in ctx.tree.body:
        qualified = f"{ctx.module}.{getattr(stmt, 'name', '')}"
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            if _takes_request(stmt) or stmt.decorator_list:
                decorators = tuple(_decorator(ctx, d) for d in stmt.decorator_list)
                found.append(_function(ctx, stmt, qualified, decorators, session_screen))
            elif (decorator := _decorator_def(ctx, stmt, qualified)) is not None:
                found.append(decorator)
        elif isinstance(stmt, ast.ClassDef) and _guarding_class(ctx, stmt):
            found.append(ViewDef(qualified, "decorator", ctx.location(stmt), checks_user=True))
        elif isinstance(stmt, ast.ClassDef) and (
            stmt.bases
            or stmt.name.endswith("Mixin")
            or _defines_view_entry(stmt)
            or _login_gate(stmt)
            or _switched_login(stmt)
        ):
            # NOTE: a mixin of no base that overrides `dispatch` (`class CsrfExemptMixin:`)
            # or `as_view` changes every view it is mixed into; a middleware of no base (`__call__`)
            # may turn away the anonymous from every view. Any other mixin of no base is
            # kept too, so that a view mixing it in knows the handlers it adds (or none:
            # `class NoNavMixin:` only adding to the context).
            found.append(_class(ctx, stmt, qualified))
        elif isinstance(stmt, ast.ClassDef) and (
            _frames_denied(ctx, stmt) or checks_no_password(stmt)
        ):
            found.append(_class(ctx, stmt, qualified))
        elif isinstance(stmt, ast.Assign) and not ctx.is_test_file:
            found.extend(_aliases(ctx, stmt))
            _rewrap(ctx, stmt, found)
        if isinstance(stmt, ast.ClassDef) and not ctx.is_test_file:
            found.extend(
                _function(ctx, method, f"{qualified}.{method.name}", decorators, session_screen)
                for method, decorators in _static_views(ctx, stmt)
            )
    return tuple(found) or None


def _aliases(ctx: FileContext, stmt: ast.Assign) -> Iterator[ViewDef]:
    """A module-level name bound to a decorator the module names or makes
    (`require_manage_backends = require_permission(Permission.BACKEND_MANAGE)`,
    `staff_only = user_passes_test(lambda u: u.is_staff)`, `guard = login_required`):
    applied to a view, it is that decorator applied, recorded as an `alias` whose one
    decorator is the factory (or the decorator) named, for `decorator_guards` to follow.
    Only a lower-case name, as a function's is (not `User = get_user_model()`), and
    not one the module defines by `def` or `class` too (`edit = login_required(edit)`
    rebinds the view itself, which stays as defined); a
    call of anything else (`logger = structlog.get_logger(__name__)`) is recorded too,
    and leads `decorator_guards` to no decorator."""
    value = stmt.value
    func = value.func if isinstance(value, ast.Call) else value
    if not isinstance(func, ast.Name | ast.Attribute):
        return
    name = ctx.qualified_here(func)
    if name and "." not in name and ctx.module:
        name = f"{ctx.module}.{name}"  # NOTE: another such name of the module's
    if not name or "." not in name:
        return
    decorator = _decorator(ctx, value)
    if decorator.name != name:
        decorator = replace(decorator, name=name)
    defined = _module_definitions(ctx)
    for target in stmt.targets:
        if isinstance(target, ast.Name) and target.id.islower() and target.id not in defined:
            qualified = f"{ctx.module}.{target.id}"
            yield ViewDef(qualified, "alias", ctx.location(stmt), (decorator,))


def _rewrap(ctx: FileContext, stmt: ast.Assign, found: list[ViewDef]) -> None:
    """`edit = login_required(edit)` (or `edit = user_passes_test(test)(edit)`) after
    `def edit(request)`: the name now holds the function wrapped, as `@login_required`
    on it would, so the wrapper is added to the function's decorators, outermost first."""
    value = stmt.value
    if not (
        isinstance(value, ast.Call)
        and len(value.args) == 1
        and not value.keywords
        and isinstance(value.args[0], ast.Name)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
        and stmt.targets[0].id == value.args[0].id
    ):
        return
    wrapper = _decorator(ctx, value.func)
    if wrapper.name == "?":
        return
    qualified = f"{ctx.module}.{value.args[0].id}"
    for at in range(len(found) - 1, -1, -1):
        definition = found[at]
        if definition.qualified == qualified and definition.kind == "function":
            found[at] = replace(definition, decorators=(wrapper, *definition.decorators))
            return


def _module_definitions(ctx: FileContext) -> frozenset[str]:
    """The names the module's own top-level `def` and `class` statements bind."""
    known = ctx.memo.get(_module_definitions)
    if isinstance(known, frozenset):
        return known
    found = frozenset(
        stmt.name
        for stmt in ctx.tree.body
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    )
    ctx.memo[_module_definitions] = found
    return found


def _static_views(
    ctx: FileContext, node: ast.ClassDef
) -> Iterator[tuple[ast.FunctionDef | ast.AsyncFunctionDef, tuple[Decorator, ...]]]:
    """The class's `@staticmethod`s taking the request first, with their other decorators:
    a URLconf may name one as a view (`path("reboot/", TaskRoutes.reboot)`), which
    Django calls as it would a function."""
    for stmt in node.body:
        if not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        static = [
            d for d in stmt.decorator_list if isinstance(d, ast.Name) and d.id == "staticmethod"
        ]
        if static and _takes_request(stmt):
            others = [d for d in stmt.decorator_list if d not in static]
            yield stmt, tuple(_decorator(ctx, d) for d in others)


def _function(
    ctx: FileContext,
    stmt: ast.FunctionDef | ast.AsyncFunctionDef,
    qualified: str,
    decorators: tuple[Decorator, ...],
    session_screen: bool,
) -> ViewDef:
    """A function view (or a candidate: the URLconfs decide which functions are views)."""
    checked = not ctx.is_test_file and checks_user(ctx, stmt)
    targets = () if ctx.is_test_file else dispatches(ctx, stmt)
    return ViewDef(
        qualified,
        "function",
        ctx.location(stmt),
        decorators,
        checks_user=checked,
        refuses_only=checked and refuses_only(ctx, stmt),
        request_calls=(() if checked or ctx.is_test_file else request_calls(ctx, stmt)),
        posts=not ctx.is_test_file and posts(ctx, stmt),
        caller_checks=(("", caller_check(ctx, stmt)),),
        reads_session=reads_session(ctx, stmt),
        dispatches_to=targets,
        safe_dispatches_to=safe_dispatches(ctx, stmt, targets),
        shows_page=not ctx.is_test_file and only_shows_page(ctx, stmt),
        checks_nonce=session_screen and checks_session_nonce(ctx, stmt),
        gated_by=setting_gates(ctx, stmt),
        takes_sso_answer=takes_signed_sso_answer(ctx, stmt),
        arguments=_arguments(stmt),
        ajax_first=not ctx.is_test_file and refuses_non_ajax_first(ctx, stmt),
        signs_up=not ctx.is_test_file and builds_signup_form(ctx, stmt),
        checked_from=checked_from(ctx, stmt) if checked else 0,
    )


def _header_middleware(ctx: FileContext) -> tuple[ViewDef, ...] | None:
    """The classes a settings module may list from a module importing no view package:
    middleware denying framing (a new-style middleware needs no Django import), and
    authentication backends checking no password, by their own `authenticate` or as
    subclasses of a library's backend that checks none (a project's subclass of an
    OpenID Connect library's backend imports only that library)."""
    if ctx.is_test_file:
        return None
    frames = any(map(ctx.mentions, FRAME_HEADER_WORDS))
    found = tuple(
        _class(ctx, stmt, f"{ctx.module}.{stmt.name}")
        for stmt in ctx.tree.body
        if isinstance(stmt, ast.ClassDef)
        and ((frames and sets_frame_header(stmt)) or _passwordless_backend(ctx, stmt))
    )
    return found or None


def _passwordless_backend(ctx: FileContext, node: ast.ClassDef) -> bool:
    return checks_no_password(node) or any(
        library_passwordless(name)
        for base in node.bases
        if (name := ctx.qualified_here(base)) is not None
    )


fast_pickling(globals())
