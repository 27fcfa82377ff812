"""Views as the project sees them: inherited bases and attributes, access control, methods.

Built from the per-file `ViewDef`s: a class's bases are followed through the project's own
classes, so `class OrderView(StaffOnlyView)` knows the `LoginRequiredMixin` of its parent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Location
from webwarden.model import STATE_CHANGING
from webwarden.model.auth.logins import LOGIN_VIEWS
from webwarden.model.django.actions import Action, actions
from webwarden.model.django.caller_checks import (
    AJAX_ONLY,
    LIBRARY_VERIFIERS,
    OAUTH_ENDPOINT_VIEWS,
    OAUTH_GUARDS,
    PASSES,
    VERIFIES,
)
from webwarden.model.django.composed_decorators import bind
from webwarden.model.django.decorator_guards import wrapper_guards
from webwarden.model.django.extract_views import (
    DRF_PACKAGES,
    METHOD_DECORATORS,
    METHOD_LISTS,
    REQUEST_METHODS,
    Decorator,
    Method,
    Ref,
    ViewDef,
)
from webwarden.model.django.inherited_deletes import unchecked_delete
from webwarden.model.django.inherited_posts import unchecked_post
from webwarden.model.django.short_names import ShortNames
from webwarden.model.django.signed_serializers import GENERAL
from webwarden.model.django.signup_forms import signup_form
from webwarden.model.django.view_bodies import LOGIN_DECORATORS
from webwarden.model.http_methods import enum_method
from webwarden.model.names import last_part

_DRF_PREFIXES = (*(f"{package}." for package in DRF_PACKAGES), "rest_framework_")
"""Names of REST framework's views and of the packages' built on it (`DRF_PACKAGES`),
also its other extensions, named `rest_framework_*` (drf-extensions' mixins)."""
_LOGIN_MIXINS = frozenset(
    {"LoginRequiredMixin", "PermissionRequiredMixin", "UserPassesTestMixin", "AccessMixin"}
)
_OPEN_PERMISSIONS = frozenset({"AllowAny"})
_ONE_METHOD_VIEWS = frozenset(
    {"hatchway.api_view", "hatchway.view.api_view", "hatchway.ApiView", "hatchway.view.ApiView"}
)
"""django-hatchway's view wrapper, whose `@api_view.post` (`.get`, `.put`, `.patch`,
`.delete`) answers any other method `405 Method Not Allowed` before the view runs."""
_PLAIN_VIEWS = frozenset(
    {"django.views.View", "django.views.generic.View", "django.views.generic.base.View"}
)
"""Django's base view, which reads no session: what a view on it uses is its own."""
_CHECK_DEPTH = 3
"""How many calls deep a check of the user handed the request is looked for."""
_HANDLERS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
_HANDLER_METHODS = frozenset(h.upper() for h in _HANDLERS)
_VIEWSET_ACTIONS = {
    "list": "GET",
    "retrieve": "GET",
    "create": "POST",
    "update": "PUT",
    "partial_update": "PATCH",
    "destroy": "DELETE",
}
_GENERIC_METHODS: dict[str, tuple[str, ...]] = {
    "TemplateView": ("GET",),
    "ListView": ("GET",),
    "DetailView": ("GET",),
    "ArchiveIndexView": ("GET",),
    "FormView": ("GET", "POST"),
    "CreateView": ("GET", "POST"),
    "UpdateView": ("GET", "POST"),
    "DeleteView": ("GET", "POST", "DELETE"),
    "LoginView": ("GET", "POST"),
    "LogoutView": ("POST",),
    "ListAPIView": ("GET",),
    "RetrieveAPIView": ("GET",),
    "CreateAPIView": ("POST",),
    "DestroyAPIView": ("DELETE",),
    "UpdateAPIView": ("PUT", "PATCH"),
    "ListCreateAPIView": ("GET", "POST"),
    "RetrieveUpdateAPIView": ("GET", "PUT", "PATCH"),
    "RetrieveDestroyAPIView": ("GET", "DELETE"),
    "RetrieveUpdateDestroyAPIView": ("GET", "PUT", "PATCH", "DELETE"),
    "ReadOnlyModelViewSet": ("GET",),
    "ModelViewSet": ("GET", "POST", "PUT", "PATCH", "DELETE"),
}


_PLAIN_BASES = frozenset(
    {"django.views.View", "django.views.generic.View", "django.views.generic.base.View"}
    | {"rest_framework.views.APIView", "rest_framework.generics.GenericAPIView"}
)
"""Views that answer no method of their own but OPTIONS."""
_BARE_VIEWSETS = frozenset(
    f"rest_framework.viewsets.{name}" for name in ("ViewSet", "GenericViewSet", "ViewSetMixin")
)
"""REST framework's viewsets of no model: every route is an action the project's class
defines (a method, or an `@action`), none of their own."""
_HANDLERLESS_MIXINS = frozenset(
    f"django.views.generic.{module}.{name}"
    for module, name in (
        ("base", "ContextMixin"),
        ("base", "TemplateResponseMixin"),
        ("detail", "SingleObjectMixin"),
        ("detail", "SingleObjectTemplateResponseMixin"),
        ("list", "MultipleObjectMixin"),
        ("list", "MultipleObjectTemplateResponseMixin"),
    )
)
"""Django's mixins of class-based views that define no handler (`TemplateResponseMixin`
renders a template for the handlers of the class)."""


_SMARTMIN_METHODS: dict[str, tuple[str, ...]] = {
    f"smartmin.views.{name}": methods
    for name, methods in (
        ("SmartTemplateView", ("GET",)),
        ("SmartReadView", ("GET",)),
        ("SmartListView", ("GET",)),
        ("SmartCsvView", ("GET",)),
        ("SmartXlsView", ("GET",)),
        ("SmartFormView", ("GET", "POST")),
        ("SmartCreateView", ("GET", "POST")),
        ("SmartUpdateView", ("GET", "POST")),
        ("SmartDeleteView", ("GET", "POST")),
        ("SmartModelActionView", ("GET", "POST")),
    )
}
"""smartmin's generic views (used by RapidPro's family of apps) and the methods they
answer: each is its `SmartView` (whose `dispatch` checks `permission`, runs the
`pre_process` hook, then hands on to Django's `dispatch`) on Django's generic view of the
same kind (`TemplateView`, `DetailView`, `ListView`, `FormView`, ...), and only the
delete and model action views add a `post` of their own."""
LIBRARY_FORM_VIEWS = frozenset({"smartmin.views.SmartFormView"})
"""Views of libraries that handle a POST as Django's `FormView` does: smartmin's
`SmartFormView` (`SmartView` on `FormView`) keeps Django's `post()`, which validates the
form and calls `form_valid()` or `form_invalid()`, and its own `form_valid()` only adds
a success message before Django's redirect."""
_OBJECT = frozenset({"object", "builtins.object"})
"""The base a mixin of the project names explicitly (`class OrgMixin(object):`), which
answers no method."""
_SMARTMIN_HOOK = "pre_process"
"""The hook `SmartView.dispatch` runs for every method before Django's: one of the
project's may answer a POST itself."""


_LIBRARY_GENERIC_MODULES = ("django.views.generic.", "rest_framework.generics.")


def _library_generic_methods(target: str) -> tuple[str, ...] | None:
    """The methods a generic view of Django's or REST framework's answers when the
    URLconf routes to it directly (`TemplateView.as_view(template_name="login.html")`):
    its own handlers, as `as_view()` keywords set attributes and add none. None for
    any other view defined outside the project."""
    if not target.startswith(_LIBRARY_GENERIC_MODULES):
        return None
    return _GENERIC_METHODS.get(last_part(target))


def _handlers_known(ancestors: list[ViewDef | str], classes: list[ViewDef]) -> bool:
    """Whether every handler the class answers with is known: no ancestor outside the
    project but a plain view, a generic view of known methods (Django's, REST
    framework's, smartmin's unless a project class overrides its `pre_process` hook), a
    mixin of Django's defining none (`TemplateResponseMixin`) or an auth mixin, and no
    `dispatch` of the project's that may answer a request itself (`dispatch_answers`);
    one that only hands on to `super().dispatch()`, as when it is there only to carry
    `@method_decorator(csrf_exempt)`, leaves the handlers as they were."""
    outside = [a for a in ancestors if isinstance(a, str)]
    hooked = any(m.name == _SMARTMIN_HOOK for cls in classes for m in cls.methods)
    known = all(
        a in _PLAIN_BASES
        or a in _HANDLERLESS_MIXINS
        or a in _OBJECT
        or (a.startswith(("django.", "rest_framework.")) and last_part(a) in _GENERIC_METHODS)
        or a.startswith("django.contrib.auth.mixins.")
        or (a in _SMARTMIN_METHODS and not hooked)
        for a in outside
    )
    return known and not any(c.dispatch_answers for c in classes)


def _takes_no_password(ancestors: list[ViewDef | str], classes: list[ViewDef]) -> bool:
    """See `View.takes_no_password`."""
    # NOTE: a bare viewset's routes are its class's own methods, which are judged.
    own = [a for a in ancestors if not (isinstance(a, str) and a in _BARE_VIEWSETS)]
    return (
        _handlers_known(own, classes)
        and all(c.takes_no_password for c in classes)
        and not any(isinstance(a, str) and last_part(a) in LOGIN_VIEWS for a in ancestors)
    )


_ROW_VIEWS = frozenset(
    {"ModelViewSet", "ReadOnlyModelViewSet", "ListAPIView", "RetrieveAPIView"}
    | {"ListCreateAPIView", "RetrieveUpdateAPIView", "RetrieveDestroyAPIView"}
    | {"RetrieveUpdateDestroyAPIView"}
)
"""DRF's generic views that list or show the rows of their queryset."""


def _serves_rows(ancestors: list[ViewDef | str], classes: list[ViewDef]) -> bool:
    """Whether a class-based view is one of DRF's generic model views (see
    `View.serves_rows`) whose project classes define no handler nor viewset action."""
    lists_rows = any(
        isinstance(a, str) and a.startswith("rest_framework.") and last_part(a) in _ROW_VIEWS
        for a in ancestors
    )
    own = {m.name for cls in classes for m in cls.methods}
    answers = own & {*_HANDLERS, *_VIEWSET_ACTIONS}
    return lists_rows and not answers and _handlers_known(ancestors, classes)


def _signup_form_class(form: object) -> bool:
    return isinstance(form, Ref) and signup_form(form.name)


def _oauth_endpoint(chain: list[ViewDef | str], classes: list[ViewDef]) -> bool:
    """A subclass of an OAuth 2 library's token endpoint or protected resource view
    (`OAUTH_ENDPOINT_VIEWS`) none of whose project classes reads the browser's user or
    session: it answers only a caller proving an OAuth credential."""
    return not OAUTH_ENDPOINT_VIEWS.isdisjoint(c for c in chain if isinstance(c, str)) and not any(
        c.reads_session for c in classes
    )


def _signed_webhook(
    chain: list[ViewDef | str], classes: list[ViewDef], verifiers: frozenset[str]
) -> bool:
    """A subclass of a library's view that checks its provider's signature in the handlers
    it answers with (`LIBRARY_VERIFIERS`: django-sns-view's `SNSEndpoint`), the check left
    on by the settings (`verifiers`), none of whose project classes answers a
    state-changing method itself (its own `post` runs without the library's check) or
    reads the browser's user or session."""
    return (
        not verifiers.isdisjoint(c for c in chain[1:] if isinstance(c, str))
        and not any(m.name in _STATE_CHANGING for c in classes for m in c.methods)
        and not any(c.reads_session for c in classes)
    )


_STATE_CHANGING = frozenset({"post", "put", "patch", "delete"})


def _verifies_caller(
    classes: list[ViewDef], methods: set[str], decorated: Callable[[str], bool]
) -> bool:
    """Whether a class-based view (its own class and project bases, nearest first)
    refuses every request without a header credential before a handler runs: in a
    `dispatch` reached through the `dispatch`es before it
    (each going on only by `super().dispatch()`), or in every state-changing handler (in
    every handler of a view answering none: a `get()` that changes state), itself or by
    a decorator of the project on it (`decorated`, by method: `@method_decorator(
    api_authorized)` on `post`)."""
    if any(c.reads_session for c in classes):
        return False

    def first(method: str) -> str | None:
        return next((v for c in classes if (v := dict(c.caller_checks).get(method))), None)

    for verdict in (dict(c.caller_checks).get("dispatch") for c in classes):
        if verdict == VERIFIES:
            return True
        if verdict not in (None, PASSES):
            break
    changing = sorted(STATE_CHANGING & methods or methods)
    return bool(changing) and all(first(m.lower()) == VERIFIES or decorated(m) for m in changing)


@dataclass(frozen=True, slots=True)
class View:
    """A view a route leads to, with what protects it."""

    target: str
    kind: str
    """`function`, `class`, `action` (a viewset's extra action: a method the router runs
    as a function view, see `actions`), or `unknown` (defined outside the project)."""
    location: Location | None = None
    decorators: tuple[str, ...] = ()
    """Qualified names of every decorator that applies: on the function, on the class or
    its `dispatch` through `method_decorator`, and wrappers in the URLconf."""
    bases: tuple[str, ...] = ()
    """Every ancestor class, through the project's own classes."""
    permission_classes: tuple[str, ...] | None = None
    """DRF `permission_classes` (None: the `DEFAULT_PERMISSION_CLASSES` apply)."""
    authentication_classes: tuple[str, ...] | None = None
    takes_default_permissions: bool = False
    """A DRF view that `DEFAULT_PERMISSION_CLASSES` alone guards, as far as the code
    says: a function view under `@api_view` without `@permission_classes`, or a class
    whose every ancestor is the project's own or REST framework's or Django's, none of
    which sets `permission_classes` (to any value, read or not) or overrides
    `get_permissions()` or `check_permissions()`, nor sets `authentication_classes` to
    others than REST framework's own (a project's scheme may refuse a request without
    its key before any permission is asked)."""
    methods: tuple[str, ...] | None = None
    """HTTP methods the view accepts; None when any may be (or it cannot be known)."""
    checks_user: bool = False
    """Its body (or a method of it or of a project base) checks who the user is."""
    refuses_only: bool = False
    """`checks_user` holds only by a `PermissionDenied` its body raises naming no user,
    session or permission (a health check's IP allow-list): it turns some callers away,
    but not by who they are, and shows no login."""
    unchecked_delete: bool = False
    """A DRF class view whose DELETE runs REST framework's inherited `destroy()`, which
    none of the methods holding its `checks_user` runs for
    (`inherited_deletes.unchecked_delete`): that check guards no deletion."""
    unchecked_post: bool = False
    """A class view whose POST runs the inherited `post()` of one of Django's editing
    views, which none of the methods holding its `checks_user` runs for when the form is
    valid (`inherited_posts.unchecked_post`: a check in `get_context_data()`): that
    check guards no change."""
    posts: bool = False
    """A function view whose body handles form data or a state-changing method."""
    names_permission: bool = False
    """A class-based view that sets `permission_required` or `login_required` (read by
    `PermissionRequiredMixin`, or a project's own mixin)."""
    verifies_caller: bool = False
    """It refuses, before anything else, every request without a credential a browser
    never sends by itself: a secret header, a signed token or signature checked in the
    function, or in its class's `dispatch` (a project base's, reached through
    `super().dispatch()`) or every state-changing handler, and reads no session or user;
    or a decorator of the project does so before it runs (`model.django.caller_checks`);
    or a REST framework view whose every authentication class is the project's and so
    refuses in `authenticate()`, which REST framework runs before the handler
    (`header_authenticated`)."""
    header_authenticated: bool = False
    """A REST framework view whose `authentication_classes` are all classes of the project
    (or subclasses of them) whose `authenticate()` raises for every request without a
    header credential and returns None nowhere (`drf_authenticators`): no permission
    class need turn the anonymous away, none gets past authentication."""
    requires_ajax: bool = False
    """A function view a decorator of the project guards by refusing, before it runs,
    every request without `X-Requested-With` (`@require_AJAX`), or whose own first act
    so refuses (`if not request.is_ajax(): return HttpResponseForbidden()`), or refuses
    every body a form sends (`if request.content_type != "application/json":`): no page on
    another site can make a browser send that header or type without a CORS preflight
    the site allows."""
    handlers_known: bool = False
    """A class-based view whose every ancestor is the project's own or a Django or DRF
    view whose handlers webwarden knows, and none of whose classes overrides `dispatch`;
    or such a generic view of Django's or REST framework's itself, routed to directly
    (`TemplateView.as_view(...)`, of `unknown` kind): `methods` are then all the methods
    it answers."""
    names_methods: bool = False
    """A class-based view whose `http_method_names` (its own or a project base's) lists
    the methods it takes, and whose project bases' `dispatch` each hands the request on
    to Django's (`super().dispatch()`) without handling a state-changing one itself:
    Django's refuses every method not listed with a 405, so no handler answers it."""
    checks_nonce: bool = False
    """A function view refusing a request whose parameter does not match a value it kept
    in the session (an OAuth callback's `state`): another site cannot forge it."""
    takes_sso_answer: bool = False
    """It checks a SAML identity provider's signed answer: an assertion consumer or
    single logout service, which the provider posts to cross-site."""
    gated_by: tuple[str, ...] = ()
    """Settings a function view refuses every request without first (`if not
    settings.ENABLE_TEST_ENDPOINTS: raise Http404`), or a class the `dispatch` it runs
    (its own or the nearest project base's) does: an end-to-end tests' API base."""
    dispatches_to: tuple[str, ...] = ()
    """A function view that only hands the request on, by its method, to these functions
    (`checks(request)` returning `create_check(request)` for a POST, `list_checks(request)`
    else): each guards itself, or not."""
    safe_dispatches_to: tuple[str, ...] = ()
    """Those of `dispatches_to` the view hands only GET or HEAD requests (`if
    request.method == "GET": return list_checks(request)`)."""
    throttle_classes: tuple[str, ...] | None = None
    """DRF `throttle_classes` the view sets (None: not set, `DEFAULT_THROTTLE_CLASSES`
    apply; see `throttles_known`)."""
    throttle_scope: str | None = None
    """DRF `throttle_scope` the view sets, which `ScopedRateThrottle` reads."""
    throttles_known: bool = True
    """False when the view's throttles cannot be read: `throttle_classes` or
    `throttle_scope` set to something not written out, `get_throttles()` of its own, or
    a base of a library other than REST framework's and simplejwt's (dj-rest-auth's
    `LoginView` sets a `throttle_scope` of its own)."""
    shows_page: bool = False
    """A function view that only shows a page: it reads nothing submitted, checks no
    password and hands the request to page renderers alone (`view_bodies.only_shows_page`)."""
    uses_session: bool = True
    """Its body (a class's: any method's) reads `request.user`, `request.session` or
    `request.COOKIES`, checks the user or logs one in, or hands the request to a function
    of the project that does, a few calls deep (True when not known)."""
    serves_rows: bool = False
    """A class-based view made of DRF's generic model views alone, one that lists or shows
    the rows of its queryset (a `ModelViewSet`, a `ListCreateAPIView`), none of whose
    project classes answers a method or an action itself: a POST to it stores a row of
    its model through the serializer, and checks no password."""
    asks_captcha: bool = False
    """A class-based view whose `form_class` (its own or a project base's) is a form of the
    project asking a CAPTCHA, in its body or a project base's: a form made for visitors
    who are not logged in."""
    signs_up: bool = False
    """A view signing visitors up: a function view building a form named for it
    (`SignupForm(request.POST)`), a class-based view whose `form_class` is so named
    (`signup_forms.signup_form`)."""
    checked_from: int = 0
    """A function view checking the user in its own body alone (`checks_user`, no wrapper
    of it does): the line of the first statement checking it or handing the request on
    (`view_bodies.checked_from`): a write on an earlier line is made for anyone; 0 when
    not known."""
    takes_no_password: bool = False
    """A class-based view whose every handler is known (`handlers_known`), deriving from
    no login view of a library, none of whose project classes takes anything a caller
    could guess or hands the submitted data whole to a serializer, a form or a function
    (`password_reads.takes_no_password`): a token exchange for an identity a single
    sign-on service vouched for, called by a trusted front end."""
    arguments: tuple[str, ...] = ()
    """A function view's positional parameters after the request: the names of the
    values a regex route's unnamed groups pass (`secret_key` for `([a-z0-9]{40})`)."""
    userless_dispatch: tuple[str, ...] = ()
    """Project classes among `bases` whose own `dispatch` webwarden reads and that check
    no user, read none and hand the request to no function of the project: whatever
    such a mixin requires before the view runs (`TransactionRequiredMixin` turning away
    a session without a completed payment), it is not a login, whatever its name."""
    handler_decorators: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(HTTP method, decorators of its handler) for each handler method the class or a
    project base defines: `@method_decorator(login_required)` on `post` guards POST
    alone (and `csrf_exempt` there exempts nothing, so it is not in `decorators`)."""

    @property
    def state_changing(self) -> bool:
        """Whether it answers POST, PUT, PATCH or DELETE: a class-based view's handlers, a
        method decorator, or a function view that handles form data."""
        if self.methods is not None:
            return bool(STATE_CHANGING & set(self.methods))
        return self.kind == "function" and self.posts

    @property
    def is_drf(self) -> bool:
        """Whether it is a Django REST framework view (APIView, viewset, `@api_view`, an
        extra action of a viewset, whose bases may be a fork's or not all known), also one
        a package built on REST framework defines (`_DRF_PREFIXES`: simplejwt's
        `TokenObtainPairView`, dj-rest-auth's `LoginView`), a base of a project class or
        routed to directly (`obtain_jwt_token`)."""
        if self.kind == "action":
            return True
        named = (*self.bases, *self.decorators)
        if self.kind == "unknown":
            named = (*named, self.target)
        return any(n.startswith(_DRF_PREFIXES) for n in named)

    @property
    def csrf_exempt(self) -> bool:
        """Whether `csrf_exempt` applies to it."""
        return any(last_part(name) == "csrf_exempt" for name in self.decorators)

    @property
    def requires_login(self) -> bool:
        """Whether a login/permission decorator, mixin or DRF permission guards it."""
        if any(last_part(name) in LOGIN_DECORATORS for name in self.decorators):
            return True
        if any(last_part(name) in _LOGIN_MIXINS for name in self.bases):
            return True
        permissions = self.permission_classes or ()
        return any(last_part(name) not in _OPEN_PERMISSIONS for name in permissions)

    def hands_on_only_to(
        self, views: Mapping[str, View], test: Callable[[View], bool], *, unsafe: bool = False
    ) -> bool:
        """Whether it only hands the request on by its method (`dispatches_to`) to views
        that each pass `test` (a guard, a check of the caller); with `unsafe`, of those
        it hands other methods than GET and HEAD (`safe_dispatches_to` left out)."""
        names = [
            name for name in self.dispatches_to if not (unsafe and name in self.safe_dispatches_to)
        ]
        targets = [views.get(name) for name in names]
        return bool(targets) and all(t is not None and test(t) for t in targets)


def _refs(value: object) -> tuple[str, ...] | None:
    if isinstance(value, Ref):
        return (value.name,)
    if isinstance(value, tuple) and all(isinstance(v, Ref) for v in value):
        return tuple(v.name for v in value if isinstance(v, Ref))
    return None


def _action_view(
    viewset: View, action: Action, checks_user: bool, verifying: Callable[[View], bool]
) -> View:
    """The viewset's view answering the action's methods, with the permission and
    authentication classes its decorator sets in place of the viewset's, whether what
    runs for it checks the user (`checks_user`), and whether its authentication classes
    refuse a request without a header credential (`verifying`, asked of the action's
    own when it sets some)."""
    permissions = action.keyword("permission_classes")
    authentication = action.keyword("authentication_classes")
    header_authenticated = viewset.header_authenticated
    verifies = viewset.verifies_caller
    if authentication is not UNKNOWN:
        own = replace(viewset, authentication_classes=_refs(authentication))
        header_authenticated = verifying(own)
        verifies = verifies and not viewset.header_authenticated
    decorators = [n for d in action.others for n in _decorator_names(d)]
    throttles = _action_throttles(viewset, action)
    return replace(
        viewset,
        target=action.qualified,
        kind="action",
        location=action.location or viewset.location,
        decorators=tuple(dict.fromkeys((*viewset.decorators, *decorators))),
        methods=action.methods,
        unchecked_delete=False,
        unchecked_post=False,
        permission_classes=(
            viewset.permission_classes if permissions is UNKNOWN else _refs(permissions)
        ),
        authentication_classes=(
            viewset.authentication_classes if authentication is UNKNOWN else _refs(authentication)
        ),
        throttle_classes=throttles[0],
        throttle_scope=throttles[1],
        throttles_known=throttles[2],
        handler_decorators=(),
        verifies_caller=verifies or action.verifies_caller or header_authenticated,
        header_authenticated=header_authenticated,
        checks_user=checks_user,
    )


Throttles = tuple[tuple[str, ...] | None, str | None, bool]
"""`View.throttle_classes`, `View.throttle_scope` and `View.throttles_known`."""


def _action_throttles(viewset: View, action: Action) -> Throttles:
    """The throttles of a viewset's extra action: those its decorator sets
    (`@action(throttle_classes=[...], throttle_scope="...")`), else the viewset's."""
    listed = action.keyword("throttle_classes")
    scope = action.keyword("throttle_scope")
    classes, named, known = (
        viewset.throttle_classes,
        viewset.throttle_scope,
        viewset.throttles_known,
    )
    if listed is not UNKNOWN:
        classes = _refs(listed)
        known = known and classes is not None
    if scope is not UNKNOWN:
        named = scope if isinstance(scope, str) else None
        known = known and isinstance(scope, str)
    return classes, named, known


_THROTTLE_FREE_LIBRARIES = ("rest_framework.", "rest_framework_simplejwt.", "django.")
"""Libraries whose views set no throttles of their own: the `DEFAULT_THROTTLE_CLASSES`
run for them."""


def _throttles(
    ancestors: list[ViewDef | str],
    classes: list[ViewDef],
    inherited: Callable[[list[ViewDef], str], object],
) -> Throttles:
    """`throttle_classes`, `throttle_scope` and `throttles_known` of a class view, the
    nearest class of the project setting each."""
    listed = inherited(classes, "throttle_classes")
    scope = inherited(classes, "throttle_scope")
    refs = None if listed is UNKNOWN else _refs(listed)
    known = (
        (listed is UNKNOWN or refs is not None)
        and (scope is UNKNOWN or isinstance(scope, str))
        and not any(m.name == "get_throttles" for c in classes for m in c.methods)
        and all(
            not isinstance(base, str) or base.startswith(_THROTTLE_FREE_LIBRARIES)
            for base in ancestors
        )
    )
    return refs, scope if isinstance(scope, str) else None, known


_DEFAULT_TAKING_LIBRARIES = ("rest_framework.", "django.")
_PERMISSION_METHODS = frozenset({"get_permissions", "check_permissions"})


def _takes_default_permissions(ancestors: list[ViewDef | str], classes: list[ViewDef]) -> bool:
    """`View.takes_default_permissions` for a class-based view: a DRF one (an ancestor of
    REST framework's), none of whose ancestors is a library's other than REST
    framework's or Django's (which may set the classes), and none of whose classes sets
    `permission_classes` or decides the permissions in a method."""
    outside = [a for a in ancestors if isinstance(a, str)]
    return (
        any(a.startswith("rest_framework.") for a in outside)
        and all(a.startswith(_DEFAULT_TAKING_LIBRARIES) for a in outside)
        and not any(key == "permission_classes" for cls in classes for key, _ in cls.attributes)
        and not any(m.name in _PERMISSION_METHODS for cls in classes for m in cls.methods)
        and all(
            _drf_schemes(value)
            for cls in classes
            for key, value in cls.attributes
            if key == "authentication_classes"
        )
    )


def _drf_schemes(value: object) -> bool:
    """Authentication classes all REST framework's own (`SessionAuthentication`...), or
    none: each lets a request without credentials through as anonymous."""
    return isinstance(value, tuple) and all(
        isinstance(v, Ref) and v.name.startswith("rest_framework.") for v in value
    )


def _api_view_without_classes(decorators: tuple[Decorator, ...]) -> bool:
    """`View.takes_default_permissions` for a function view: `@api_view` without
    `@permission_classes`, and without `@authentication_classes` naming others than
    REST framework's own."""
    names = {decorator.name for decorator in decorators}
    if "rest_framework.decorators.authentication_classes" in names:
        schemes = _set_classes(decorators, "authentication_classes")
        if schemes is None or not all(c.startswith("rest_framework.") for c in schemes):
            return False
    return "rest_framework.decorators.api_view" in names and (
        "rest_framework.decorators.permission_classes" not in names
    )


def _set_classes(decorators: tuple[Decorator, ...], name: str) -> tuple[str, ...] | None:
    """The classes DRF's `@permission_classes([...])` or `@authentication_classes([...])`
    sets on a function view in place of the project's defaults (None: none set, or not
    known)."""
    for decorator in decorators:
        if decorator.name == f"rest_framework.decorators.{name}" and len(decorator.args) == 1:
            return _refs(decorator.args[0])
    return None


def _decorator_names(decorator: Decorator) -> list[str]:
    """`method_decorator(csrf_exempt)` counts as `csrf_exempt`."""
    if last_part(decorator.name) != "method_decorator" or not decorator.args:
        return [decorator.name]
    argument = decorator.args[0]
    inner = argument if isinstance(argument, tuple) else (argument,)
    names = [a.name.removesuffix("()") for a in inner if isinstance(a, Ref)]
    return names or [decorator.name]


def _function_methods(decorators: tuple[Decorator, ...]) -> tuple[str, ...] | None:
    for decorator in decorators:
        wrapper, _, name = decorator.name.rpartition(".")
        if wrapper in _ONE_METHOD_VIEWS and name.upper() in STATE_CHANGING | {"GET"}:
            return (name.upper(),)
        if name in METHOD_DECORATORS:
            return METHOD_DECORATORS[name]
        if name in METHOD_LISTS:
            methods = decorator.args[0] if decorator.args else _listed_methods(decorator, name)
            if methods is UNKNOWN:
                return ("GET",) if name == "api_view" else None
            if isinstance(methods, tuple):
                methods = tuple(_enum_member(m) for m in methods)
            if isinstance(methods, list | tuple) and all(isinstance(m, str) for m in methods):
                return tuple(str(m).upper() for m in methods)
    return None


_METHOD_KEYWORDS = {"api_view": "http_method_names", "require_http_methods": "request_method_list"}
"""The keyword each decorator of `METHOD_LISTS` also takes its methods by
(`@api_view(http_method_names=["POST"])`)."""


def _listed_methods(decorator: Decorator, name: str) -> object:
    """The methods given by keyword, `UNKNOWN` when none are (`@api_view()`: GET alone)."""
    given = decorator.keyword(_METHOD_KEYWORDS[name])
    return UNKNOWN if given is None else given


def _enum_member(method: object) -> object:
    """`HTTPMethod.POST` -> `"POST"`; any other argument as it is."""
    return (enum_method(method.name) or method) if isinstance(method, Ref) else method


def _defined(value: object) -> Iterator[tuple[str, ViewDef]]:
    if isinstance(value, tuple):
        yield from ((v.qualified, v) for v in value if isinstance(v, ViewDef))


_MAX_REEXPORTING = 32
"""Modules of a package read to find a class it re-exports (a whole project is not)."""
_MAX_HOPS = 4
"""Imports followed from the module a class is named through to the one defining it."""


class Definitions(Mapping[str, ViewDef]):
    """Every view-like definition of the project by qualified name, each module's read
    (unpickled) when a name in it is first asked for: routes lead to the views of a few
    modules, and a project defines thousands of classes."""

    def __init__(
        self,
        modules: Iterable[tuple[str, Callable[[], object]]],
        imports: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        """`modules`: (dotted name, the `ViewDef`s it defines, on call), in project order:
        of modules sharing a dotted name, the last defining a name wins. `imports`: each
        module's imported names (local name -> qualified name), to follow re-exports."""
        self._modules = list(modules)
        self._imports = imports or {}
        self._unread: dict[str, list[Callable[[], object]]] = {}
        for module, read in self._modules:
            self._unread.setdefault(module, []).append(read)
        self._read: dict[str, ViewDef] = {}
        self._by_name: dict[str, list[str]] = {}
        """Each definition read by its own (last) name: its qualified names."""
        self._all: dict[str, ViewDef] | None = None
        self._short_names = ShortNames([*self._imports, *self._unread])
        self._packaged: dict[str, ViewDef | None] = {}
        """`in_package` answers: each reads the package's modules and searches every
        definition read, and the views of a URLconf ask for the same names again."""

    def __getitem__(self, qualified: str) -> ViewDef:
        found = self.get(qualified)
        if found is None:
            raise KeyError(qualified)
        return found

    def get(self, qualified: str, default: ViewDef | None = None) -> ViewDef | None:  # type: ignore[override]
        """The definition of that name, read on first ask; `default` when there is none.

        NOTE: not `Mapping.get`, which raises and catches a `KeyError` for every name
        that is not a view's, and the route model asks for thousands."""
        # NOTE: a definition's qualified name is its module's dotted name and its own.
        qualified = self._full(qualified)
        module = qualified.rpartition(".")[0]
        reads = self._unread.pop(module, None)
        if reads is None and module not in self._imports:
            # NOTE: a class's static method a URLconf names (`TaskRoutes.reboot`).
            reads = self._unread.pop(module.rpartition(".")[0], None)
        for read in reads or ():
            self._take(read)
        return self._read.get(qualified, default)

    def _take(self, read: Callable[[], object]) -> None:
        for key, definition in _defined(read()):
            if key not in self._read:
                self._by_name.setdefault(key.rpartition(".")[2], []).append(key)
            self._read[key] = definition

    def imported(self, qualified: str) -> ViewDef | None:
        """A class a module imports from another and is named through it (`ModelViewSet`
        of `extras.api.views`, imported there from `core.api.views`), followed through a
        few such imports."""
        seen = {qualified}
        for _ in range(_MAX_HOPS):
            module, _, name = self._full(qualified).rpartition(".")
            qualified = self._imports.get(module, {}).get(name, "")
            if not qualified or qualified in seen:
                return None
            seen.add(qualified)
            found = self.get(qualified)
            if found is not None:
                return found
        return None

    def holds_module(self, module: str) -> bool:
        """Whether the tree has the module of that dotted name (or of its short name)."""
        full = self._short_names.full(module) or module
        return full in self._imports or any(name == full for name, _ in self._modules)

    def _full(self, qualified: str) -> str:
        """`qualified` under its module's full name (see `ShortNames`)."""
        module, _, name = qualified.rpartition(".")
        full = self._short_names.full(module) if module else None
        return qualified if full is None or full == module else f"{full}.{name}"

    def in_package(self, qualified: str) -> ViewDef | None:
        """A class a package re-exports (`from .domains import CsrfViewMiddleware` in
        `middleware/__init__.py`): the one definition of that name in the package's own
        modules, which are read for it (None when there is not exactly one)."""
        if qualified in self._packaged:
            return self._packaged[qualified]
        found = self._packaged[qualified] = self._in_package(qualified)
        return found

    def _in_package(self, qualified: str) -> ViewDef | None:
        package, _, name = qualified.rpartition(".")
        below = [m for m in self._unread if m.startswith(package + ".")]
        if len(below) > _MAX_REEXPORTING:
            return None
        for module in below:
            for read in self._unread.pop(module):
                self._take(read)
        found = [
            definition
            for key in self._by_name.get(name, ())
            if key.startswith(package + ".") and (definition := self._read[key]).kind != "alias"
        ]
        return found[0] if len(found) == 1 else None

    def __iter__(self) -> Iterator[str]:
        return iter(self._everything())

    def __len__(self) -> int:
        return len(self._everything())

    def _everything(self) -> dict[str, ViewDef]:
        if self._all is None:
            self._all = {}
            for _, read in self._modules:
                self._all.update(_defined(read()))
        return self._all


class ViewIndex:
    """Every view-like definition of the project, by qualified name."""

    def __init__(
        self,
        definitions: Mapping[str, ViewDef],
        library_verifiers: frozenset[str] = frozenset(LIBRARY_VERIFIERS),
    ) -> None:
        self.definitions = definitions
        self.library_verifiers = library_verifiers  # those the settings leave on
        self._views: dict[tuple[str, tuple[str, ...]], View | None] = {}
        """What `view` answered: URLconfs route several paths (and the route model
        follows `include()`s more than once) to one view."""

    def ancestry(self, qualified: str) -> list[ViewDef | str]:
        """The class and its ancestors, nearest first: project `ViewDef`s, else names."""
        found: list[ViewDef | str] = []
        queue = [qualified]
        seen: set[str] = set()
        while queue and len(seen) < 64:
            name = queue.pop(0)
            if name in seen:
                continue
            seen.add(name)
            definition = self.definitions.get(name)
            if definition is None and isinstance(self.definitions, Definitions):
                definition = self.definitions.imported(name)
            if definition is None and not found and isinstance(self.definitions, Definitions):
                # NOTE: only for the class asked about, which settings and URLconfs may
                # name through the package that re-exports it; its bases were resolved
                # by the imports of the module defining it.
                definition = self.definitions.in_package(name)
            if definition is None or definition.kind == "alias":
                found.append(name)
            else:
                found.append(definition)
                queue.extend(definition.bases)
        return found

    def _definition(self, target: str) -> ViewDef | None:
        definition = self._named(target)
        if definition is None and isinstance(self.definitions, Definitions):
            # NOTE: a URLconf names a view through the package re-exporting it
            # (`from explorer.views import QueryView`, `views/__init__.py` importing it
            # from `views/query.py`), as Django resolves it.
            definition = self.definitions.in_package(target)
        return definition

    def _named(self, target: str) -> ViewDef | None:
        """The definition `target` names, where it is defined or as a module imports it."""
        definition = self.definitions.get(target)
        if definition is None and isinstance(self.definitions, Definitions):
            definition = self.definitions.imported(target)
        return definition

    def _verifying_decorator(self, names: Iterable[str], verdict: str = VERIFIES) -> bool:
        """Whether one of the view's decorators is the project's and refuses, before the
        view runs, every request without a header credential (an API's `@authorize`
        looking up the key sent in `X-Api-Key`), wherever the project defines it, or a
        library's that checks its provider's signature (`library_verifiers`); with
        `AJAX_ONLY`, every request without `X-Requested-With` (`@require_AJAX`)."""
        for name in names:
            if verdict == VERIFIES and name in self.library_verifiers:
                return True
            definition = self._project_decorator(name)
            if definition is not None and dict(definition.caller_checks).get("") == verdict:
                return True
        return False

    def _project_decorator(self, name: str) -> ViewDef | None:
        """The project's own decorator `name` names; None for another definition, one not
        found, and Django's or REST framework's (never the project's)."""
        if name.startswith(("django.", "rest_framework.")):
            return None
        definition = self._named(name)
        return definition if definition is not None and definition.kind == "decorator" else None

    def _gated(self, definition: ViewDef) -> tuple[str, ...] | None:
        """The methods a decorator of the project lets reach the function view, refusing
        others first (`@api_endpoint(expected_methods=["POST"])`), or None."""
        for decorator in definition.decorators:
            found = self._project_decorator(decorator.name)
            gate = found.method_gate if found is not None else None
            methods = gate.allowed(decorator.args, dict(decorator.keywords)) if gate else ()
            if methods:
                return methods
        return None

    def _composed(self, decorators: tuple[Decorator, ...]) -> tuple[Decorator, ...]:
        """The view's decorators, each of the project's followed by those it applies to
        the view, the factory's parameters bound to what the view's use of it passes
        (`@setup_view(["POST"])` applying `api_view(methods)`: `composed_decorators`)."""
        found: list[Decorator] = []
        for decorator in decorators:
            found.append(decorator)
            definition = self._project_decorator(decorator.name)
            if definition is None:
                continue
            given = dict(decorator.keywords)
            found.extend(
                replace(
                    inner,
                    args=tuple(
                        bind(a, decorator.args, given, decorator.called) for a in inner.args
                    ),
                    keywords=tuple(
                        (k, bind(v, decorator.args, given, decorator.called))
                        for k, v in inner.keywords
                    ),
                )
                for inner in definition.decorators
            )
        return tuple(found)

    def _checks_user(
        self, definition: ViewDef, depth: int = _CHECK_DEPTH, by_user: bool = False
    ) -> bool:
        """Whether the body checks the user, or hands the request to a function of the
        project that does (`check_project_perms(request, project)` raising unless
        `request.user.has_perm(...)`), a few calls deep; `by_user`: by who they are, not
        by a refusal alone (`ViewDef.refuses_only`)."""
        if definition.checks_user and not (by_user and definition.refuses_only):
            return True
        called = (self._definition(name) for name in definition.request_calls if depth)
        return any(
            c is not None and c.kind == "function" and self._checks_user(c, depth - 1, by_user)
            for c in called
        )

    def _userless_dispatch(self, definition: ViewDef) -> bool:
        """Whether the class defines `dispatch` and neither checks nor reads the user,
        nor hands the request to a function of the project (`View.userless_dispatch`)."""
        return (
            any(method.name == "dispatch" for method in definition.methods)
            and not definition.reads_user
            and not self._checks_user(definition)
            and not any(self._definition(name) is not None for name in definition.request_calls)
        )

    def _refuses_only(self, classes: list[ViewDef], wrapper_checks: bool) -> bool:
        """Whether the bodies of a view's `classes` (its function, alone) check the user
        only by refusals naming no user (`View.refuses_only`)."""
        return (
            not wrapper_checks
            and any(self._checks_user(c) for c in classes)
            and not any(self._checks_user(c, by_user=True) for c in classes)
        )

    def _uses_session(self, definition: ViewDef, depth: int = _CHECK_DEPTH) -> bool:
        """Whether the body reads the session or the user, or hands the request to a
        function of the project that does, a few calls deep."""
        if definition.reads_session or definition.checks_user:
            return True
        called = (self._definition(name) for name in definition.request_calls if depth)
        return any(
            c is not None and c.kind == "function" and self._uses_session(c, depth - 1)
            for c in called
        )

    def applied_by(self, helper: str | None) -> tuple[str, ...]:
        """The wrappers a function of the project that makes routes applies to the view it
        routes (`ViewRef.helper`: `return url(pattern, admin_login_required(view), ...)`)."""
        definition = self._named(helper) if helper else None
        if definition is None or definition.kind != "decorator":
            return ()
        return tuple(n for d in definition.decorators for n in _decorator_names(d))

    def view(self, target: str | None, wrappers: tuple[str, ...] = ()) -> View | None:
        """The view `target` names (`unknown` kind when it is not defined in the project)."""
        if target is None:
            return None
        key = (target, wrappers)
        if key not in self._views:
            self._views[key] = self._view(target, wrappers)
        return self._views[key]

    def _view(self, target: str, wrappers: tuple[str, ...]) -> View | None:
        definition = self._definition(target)
        if definition is not None and definition.kind == "alias":
            definition = None  # NOTE: a name bound to a decorator's result, not followed
        if definition is None:
            return View(
                target,
                "unknown",
                decorators=wrappers,
                methods=_library_generic_methods(target),
                handlers_known=_library_generic_methods(target) is not None,
            )
        if definition.kind != "class":
            names = [n for d in definition.decorators for n in _decorator_names(d)]
            inner, wrapper_checks = wrapper_guards(
                (*wrappers, *names), self._named, self._checks_user
            )
            names += inner
            composed = self._composed(definition.decorators)
            function = View(
                target,
                "function",
                definition.location,
                (*wrappers, *names),
                permission_classes=_set_classes(composed, "permission_classes"),
                takes_default_permissions=_api_view_without_classes(composed),
                authentication_classes=_set_classes(composed, "authentication_classes"),
                throttle_classes=_set_classes(composed, "throttle_classes"),
                throttles_known=_set_classes(composed, "throttle_classes") is not None
                or not any(
                    d.name == "rest_framework.decorators.throttle_classes" for d in composed
                ),
                methods=_function_methods(composed) or self._gated(definition),
                checks_user=wrapper_checks or self._checks_user(definition),
                refuses_only=self._refuses_only([definition], wrapper_checks),
                posts=definition.posts,
                verifies_caller=(
                    (
                        dict(definition.caller_checks).get("") == VERIFIES
                        or not OAUTH_GUARDS.isdisjoint((*wrappers, *names))
                    )
                    and not definition.reads_session
                )
                or self._verifying_decorator((*wrappers, *names)),
                requires_ajax=definition.ajax_first
                or self._verifying_decorator((*wrappers, *names), AJAX_ONLY),
                dispatches_to=definition.dispatches_to,
                safe_dispatches_to=definition.safe_dispatches_to,
                checks_nonce=definition.checks_nonce,
                takes_sso_answer=definition.takes_sso_answer,
                gated_by=definition.gated_by,
                shows_page=definition.shows_page,
                uses_session=self._uses_session(definition),
                arguments=definition.arguments,
                signs_up=definition.signs_up,
                checked_from=0 if wrapper_checks else definition.checked_from,
            )
            return self._authenticated(function)
        return self._authenticated(self._class_view(definition, wrappers))

    def _authenticated(self, view: View) -> View:
        """The view, marked `header_authenticated` (and so `verifies_caller`) when its
        authentication classes refuse every request without a header credential."""
        if not self._header_authenticated(view):
            return view
        return replace(view, header_authenticated=True, verifies_caller=True)

    def _header_authenticated(self, view: View) -> bool:
        classes = view.authentication_classes
        return bool(classes) and all(map(self._authenticator_verifies, classes or ()))

    def _authenticator_verifies(self, name: str) -> bool:
        """Whether the `authenticate()` the class runs, its own or the nearest a project
        base defines, refuses every request without a header credential; not when a
        library's class comes first (REST framework's own return None for a request
        carrying no credential of theirs)."""
        for cls in self.ancestry(name):
            if isinstance(cls, str):
                return False
            if cls.header_authenticator is not None:
                return cls.header_authenticator
        return False

    def _class_view(self, definition: ViewDef, wrappers: tuple[str, ...]) -> View:
        chain = self.ancestry(definition.qualified)
        classes = [c for c in chain if isinstance(c, ViewDef)]
        bases = tuple(c if isinstance(c, str) else c.qualified for c in chain[1:])
        decorators = list(wrappers)
        handlers: set[str] = set()
        handler_decorators: dict[str, tuple[str, ...]] = {}
        for cls in classes:
            decorators += [n for d in cls.decorators for n in _decorator_names(d)]
            for method in cls.methods:
                if method.name == "dispatch":
                    decorators += [n for d in method.decorators for n in _decorator_names(d)]
                if method.name in _HANDLERS:
                    handlers.add(method.name.upper())
                    handler_decorators.setdefault(
                        method.name.upper(),
                        tuple(n for d in method.decorators for n in _decorator_names(d)),
                    )
                if method.name in _VIEWSET_ACTIONS:
                    handlers.add(_VIEWSET_ACTIONS[method.name])
        for base in bases:
            handlers.update(_GENERIC_METHODS.get(last_part(base), ()))
            handlers.update(_SMARTMIN_METHODS.get(base, ()))
        inner, wrapper_checks = wrapper_guards(decorators, self._named, self._checks_user)
        decorators += inner
        allowed = self._inherited(classes, "http_method_names")
        listed = isinstance(allowed, list | tuple) and all(isinstance(m, str) for m in allowed)
        if isinstance(allowed, list | tuple) and listed:
            named = {str(m).upper() for m in allowed}
            # NOTE: with a base outside the project (smartmin's `SmartReadView`) no handler
            # may be known, but Django's `dispatch` answers only the listed methods.
            known = handlers or _handlers_known(chain[1:], classes)
            handlers = handlers & named if known else named & _HANDLER_METHODS
        throttles = _throttles(chain[1:], classes, self._inherited)
        return View(
            definition.qualified,
            "class",
            definition.location,
            tuple(dict.fromkeys(decorators)),
            bases,
            _refs(self._inherited(classes, "permission_classes")),
            _refs(self._inherited(classes, "authentication_classes")),
            _takes_default_permissions(chain[1:], classes),
            tuple(sorted(handlers)) if handlers else None,
            checks_user=wrapper_checks or any(self._checks_user(c) for c in classes),
            refuses_only=self._refuses_only(classes, wrapper_checks),
            unchecked_delete="DELETE" in handlers
            and unchecked_delete(
                classes,
                bases,
                wrapper_checks or any(not c.checks_user and self._checks_user(c) for c in classes),
            ),
            unchecked_post="POST" in handlers
            and unchecked_post(
                classes,
                bases,
                wrapper_checks or any(not c.checks_user and self._checks_user(c) for c in classes),
            ),
            names_permission=any(
                self._inherited(classes, name) not in (UNKNOWN, None, False, "", ())
                for name in ("permission_required", "login_required")
            ),
            handler_decorators=tuple(handler_decorators.items()),
            userless_dispatch=tuple(c.qualified for c in classes[1:] if self._userless_dispatch(c)),
            asks_captcha=self._asks_captcha(self._inherited(classes, "form_class")),
            signs_up=_signup_form_class(self._inherited(classes, "form_class")),
            takes_no_password=_takes_no_password(chain[1:], classes),
            verifies_caller=_verifies_caller(
                classes,
                handlers,
                lambda method: self._verifying_decorator(handler_decorators.get(method, ())),
            )
            or self._verifying_decorator(decorators)
            or _oauth_endpoint(chain, classes)
            or _signed_webhook(chain, classes, self.library_verifiers)
            or self._signed_input(classes, handlers),
            handlers_known=_handlers_known(chain[1:], classes),
            serves_rows=_serves_rows(chain[1:], classes),
            takes_sso_answer=any(c.takes_sso_answer for c in classes),
            gated_by=_dispatch_gates(classes),
            names_methods=listed and not any(c.dispatch_answers for c in classes),
            uses_session=any(self._uses_session(c) for c in classes)
            or any(isinstance(c, str) and c not in _PLAIN_VIEWS for c in chain[1:]),
            throttle_classes=throttles[0],
            throttle_scope=throttles[1],
            throttles_known=throttles[2],
        )

    def _signed_input(self, classes: list[ViewDef], handlers: set[str]) -> bool:
        """Whether every state-changing handler of a class-based view, reading no session,
        validates only serializers that refuse a payload whose signature does not check
        (`signed_serializers`): its own handler's, or for one REST framework defines
        (`create()`, `update()`; not `destroy()`, which validates nothing) or hands on
        to (`super().post(...)`), those of the nearest `serializer_class` or
        `get_serializer_class()`."""
        changing = sorted(STATE_CHANGING & handlers)
        if not changing or any(c.reads_session for c in classes):
            return False
        general = next(
            (found for c in classes if (found := dict(c.handler_serializers).get(GENERAL))), ()
        )
        for method in changing:
            own = next(
                (
                    dict(c.handler_serializers)[method.lower()]
                    for c in classes
                    if method.lower() in dict(c.handler_serializers)
                ),
                None,
            )
            if own is None:
                own = (GENERAL,) if method != "DELETE" else ()
            names = [n for name in own for n in (general if name == GENERAL else (name,))]
            if not names or not all(map(self._checks_signature, names)):
                return False
        return True

    def _checks_signature(self, serializer: str) -> bool:
        """Whether the serializer (its own class or a project base) declares a field
        named for a signature and refuses, in a method, a signature that does not check."""
        classes = [c for c in self.ancestry(serializer) if isinstance(c, ViewDef)]
        return any(c.signature_field for c in classes) and any(c.signature_refusal for c in classes)

    def actions(self, view: View) -> list[tuple[Action, View]]:
        """The extra actions of a viewset a router registers, each with the view the
        router runs for it."""
        definition = self._definition(view.target) if view.kind == "class" else None
        if definition is None:
            return []
        chain = self.ancestry(definition.qualified)
        classes = [c for c in chain if isinstance(c, ViewDef)]
        found = actions(classes)
        return [
            (
                action,
                _action_view(
                    view,
                    action,
                    self._action_checks(view, action, classes),
                    self._header_authenticated,
                ),
            )
            for action in found
        ]

    def _action_checks(self, viewset: View, action: Action, classes: list[ViewDef]) -> bool:
        """Whether what runs for an extra action checks the user: a wrapper of the
        viewset's, the action's own body, a method of its class it calls, or one DRF
        runs for every request (`dispatch`, `get_object`, `get_permissions`...). A check
        elsewhere in the viewset (another action's, an `update()`'s) runs for other
        requests. When a class checks through a function it hands the request to, which
        method does is not known: the viewset's verdict stands."""
        if not viewset.checks_user:
            return False
        if any(not c.checks_user and self._checks_user(c) for c in classes):
            return True
        if wrapper_guards(viewset.decorators, self._named, self._checks_user)[1]:
            return True
        methods: dict[str, Method] = {}
        for cls in classes:
            for method in cls.methods:
                methods.setdefault(method.name, method)
        runs = (*action.self_calls, *REQUEST_METHODS)
        return action.checks_user or any(
            methods[name].checks_user for name in runs if name in methods
        )

    def _asks_captcha(self, form: object) -> bool:
        """Whether `form`, a class the project defines, or a project base of it, declares a
        CAPTCHA field."""
        if not isinstance(form, Ref):
            return False
        chain = self.ancestry(form.name)
        return any(isinstance(c, ViewDef) and c.asks_captcha for c in chain)

    @staticmethod
    def _inherited(classes: list[ViewDef], attribute: str) -> object:
        for cls in classes:
            value = cls.attribute(attribute)
            if value is not UNKNOWN:
                return value
        return UNKNOWN


def _dispatch_gates(classes: list[ViewDef]) -> tuple[str, ...]:
    """The settings the `dispatch` a class runs refuses every request without first:
    that of the nearest class of the project defining one (a subclass's own comes first,
    and may act before handing on to its base's)."""
    for cls in classes:
        if any(method.name == "dispatch" for method in cls.methods):
            return cls.gated_by
    return ()


class Views(Mapping[str, View]):
    """Every class and function that could be a view, as a `View`, each worked out on
    first use (a project defines thousands of classes; rules ask about a few)."""

    def __init__(self, index: ViewIndex) -> None:
        self._index = index
        self._made: dict[str, View] = {}

    def __getitem__(self, name: str) -> View:
        found = self._made.get(name)
        if found is None:
            if name not in self._index.definitions:
                raise KeyError(name)
            view = self._index.view(name)
            assert view is not None  # noqa: S101 - a defined name always gives a view
            found = self._made[name] = view
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._index.definitions)

    def inheriting(self, base: str) -> list[View]:
        """The class views with `base` among their ancestors: the classes are told apart
        by their ancestry, and only those are worked out as views."""
        found: list[View] = []
        for name, definition in self._index.definitions.items():
            if definition.kind == "class" and any(
                (a if isinstance(a, str) else a.qualified) == base
                for a in self._index.ancestry(name)[1:]
            ):
                found.append(self[name])
        return found

    def __len__(self) -> int:
        return len(self._index.definitions)


def inheriting(views: Mapping[str, View], base: str) -> list[View]:
    """The class views of `views` with `base` among their ancestors."""
    if isinstance(views, Views):
        return views.inheriting(base)
    return [view for view in views.values() if base in view.bases]
