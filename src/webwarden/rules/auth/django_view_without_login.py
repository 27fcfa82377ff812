"""WW722: a state-changing Django view without login in a project that requires login elsewhere."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from webwarden.analysis.writes import StateChanges, Write, state_changes
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model import STATE_CHANGING
from webwarden.model.django import DjangoProject
from webwarden.model.django.drf_permissions import DefaultPermissions, default_permissions
from webwarden.model.django.login_middleware import login_middleware
from webwarden.model.django.setting_gates import switched_off
from webwarden.model.django.view_bodies import LOGIN_DECORATORS
from webwarden.model.django.views import LIBRARY_FORM_VIEWS, View
from webwarden.model.names import last_part
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._public import is_basket, is_public
from webwarden.rules.base import Framework, ProjectRule
from webwarden.rules.csrf.state_change_on_get import get_handlers, get_writes

_GUARD_WORDS = re.compile(r"auth|login|perm|staff|admin|superuser")
"""Words of a project's own access decorator (`@key_and_ip_auth`, `@staff_only`)."""
_DRF_CLASS_SETTERS = frozenset(
    {
        "rest_framework.decorators.permission_classes",
        "rest_framework.decorators.authentication_classes",
    }
)
"""DRF's decorators setting a function view's classes, whatever those let through."""
_GUARD_CLASS = re.compile(r"Required|Permission|Login")
"""Words of a project's own access mixin (`EventPermissionRequired`, `StaffLoginMixin`)."""


def guarded(view: View) -> bool:
    """A login or permission decorator, URLconf wrapper or mixin guards the view: Django's
    (`View.requires_login`), or a project's own named the same way (`@staff_required`,
    `SuperuserRequiredMixin`), but for a mixin of the project whose `dispatch` reads and
    checks no user (`TransactionRequiredMixin`, `View.userless_dispatch`), or a check in
    its body (`request.user.is_authenticated`, `has_perm()`)."""
    if view.requires_login or view.checks_user or view.names_permission:
        return True
    if any(map(_guards, view.decorators)) or _guarded_handlers(view):
        return True
    return any(
        _GUARD_CLASS.search(last_part(base))
        for base in view.bases
        if base not in view.userless_dispatch
    )


def guarded_by_login(view: View) -> bool:
    """`guarded`, but not by a refusal naming no user alone (`View.refuses_only`: a health
    check's IP allow-list): the mark of a project whose views require login."""
    return guarded(replace(view, checks_user=False) if view.refuses_only else view)


def _as_changed(view: View) -> View:
    """The view as a DELETE or a POST finds it: without its user check when that lies in
    methods REST framework's inherited `destroy()` does not run (`View.unchecked_delete`),
    or that Django's inherited `post()` does not run for a valid form
    (`View.unchecked_post`: a check in `get_context_data()`)."""
    unchecked = view.unchecked_delete or view.unchecked_post
    return replace(view, checks_user=False) if unchecked else view


def _written_first(changes: StateChanges, view: View) -> Write | None:
    """A write of a function view's own body on a line before its check of the user
    (`View.checked_from`), when that check is its only guard: made for anyone
    (`task.save()`, then `task.owners.add(request.user)`)."""
    if not view.checked_from or view.location is None:
        return None
    if guarded(replace(view, checks_user=False)):
        return None
    return next(
        (
            write
            for write in changes.writes(view.target)
            if write.clear
            and not write.via
            and write.relpath == view.location.path
            and write.line < view.checked_from
            and _shared((write,))
        ),
        None,
    )


def _guards(decorator: str) -> bool:
    name = last_part(decorator).lower()
    if name == "login_not_required":
        return False  # NOTE: Django 5.1's mark of a public view, for `LoginRequiredMiddleware`
    if decorator in _DRF_CLASS_SETTERS:
        return False  # NOTE: judged by the classes they set (`View.requires_login`, `opened`)
    return name in LOGIN_DECORATORS or name.endswith("_required") or bool(_GUARD_WORDS.search(name))


def _guarded_handlers(view: View) -> bool:
    """Every state-changing handler of a class-based view has its own guard
    (`@method_decorator(login_required)` on `post`, django-silk's views)."""
    changing = STATE_CHANGING & set(view.methods or ())
    return bool(changing) and all(_handler_guarded(view, method) for method in changing)


def _handler_guarded(view: View, method: str) -> bool:
    """The class-based view's handler of `method` has a guard of its own."""
    return any(map(_guards, dict(view.handler_decorators).get(method, ())))


def opened(view: View) -> bool:
    """A DRF view that sets its own `permission_classes` to open ones only
    (`[AllowAny]`, `[]`): the project's `DEFAULT_PERMISSION_CLASSES` no longer apply."""
    return view.permission_classes is not None and not view.requires_login


def drf_default_closed(django: DjangoProject) -> bool:
    """Whether a settings module sets `REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"]` to
    classes of which none is `AllowAny`: DRF views that set none are guarded."""
    return any(
        isinstance(config := possibility.shipped, dict)
        and default_permissions(config) is DefaultPermissions.CLOSED
        for settings in django.settings.values()
        for possibility in settings.get("REST_FRAMEWORK")
    )


def drf_default_open(django: DjangoProject) -> bool:
    """Whether every judged settings module but development and test ones sets a
    `REST_FRAMEWORK` dict whose `DEFAULT_PERMISSION_CLASSES` lets anyone in (not set,
    empty, or naming `AllowAny`), as WW1167 reports: a DRF view that keeps the default
    lets anyone in. Not when a value cannot be read."""
    shipped = [s for s in django.judged if not s.role.is_development]
    return bool(shipped) and all(
        isinstance(config := possibility.shipped, dict) and default_permissions(config).is_open
        for settings in shipped
        for possibility in settings.get("REST_FRAMEWORK")
    )


def _skipped_drf(view: View, default_open: bool) -> bool:
    """A DRF view judged by its permission classes rather than here: one the project's
    `DEFAULT_PERMISSION_CLASSES` guard (or may: set in a way webwarden cannot read, or
    by a library's base class), unlike one that sets open classes itself (`opened`) or
    keeps an open default (`drf_default_open`, `View.takes_default_permissions`)."""
    if not view.is_drf or opened(view):
        return False
    return not (default_open and view.takes_default_permissions)


def _guarded_by_default(view: View, closed: bool) -> bool:
    return closed and view.is_drf and view.permission_classes is None


def may_write(changes: StateChanges, view: View) -> bool:
    """Whether the view may change state when it handles a POST, PUT, PATCH or DELETE: a
    function view that writes (itself or through the project's functions it calls), a
    class whose handler of such a method writes or is not the project's own (a generic
    editing view's `post`), but for Django's `FormView`, whose `post()` saves nothing
    and hands the form to the project's `form_valid()` or `form_invalid()`: those are
    judged (a search form). A DRF viewset's `@action` is judged as a function: its
    own body handles each of its methods, and a viewset's `create()`, `update()`,
    `partial_update()` and `destroy()` the methods a router binds them to. Not found, or
    calling what may write, is yes.
    A write to the visitor's own web session only is no change a login guards."""
    if view.kind in {"function", "action"}:
        return changes.function(view.target) is None or _shared(changes.writes(view.target))
    for method in sorted(STATE_CHANGING & set(view.methods or ())):
        handler = changes.method(view.target, method.lower())
        if handler is None and _viewset(view):
            handler = changes.method(view.target, _VIEWSET_HANDLERS[method])
        if handler is None and method == "POST" and _plain_form_view(view):
            if _form_handled_with_writes(changes, view):
                return True
        elif handler is None or _shared(changes.writes(handler.function.qualname)):
            return True
    return False


_VIEWSET_HANDLERS = {
    "POST": "create",
    "PUT": "update",
    "PATCH": "partial_update",
    "DELETE": "destroy",
}
"""The action a DRF viewset's router (or `as_view({...})`) binds to each method."""


def _viewset(view: View) -> bool:
    return view.is_drf and any(
        last_part(base).endswith(("ViewSet", "ViewSetMixin")) for base in view.bases
    )


_FORM_VIEWS = frozenset({"FormView", "BaseFormView", "ProcessFormView"})
_MODEL_EDITING = frozenset(
    {"CreateView", "UpdateView", "DeleteView", "BaseCreateView", "BaseUpdateView"}
    | {"BaseDeleteView", "ModelFormMixin", "DeletionMixin"}
)


def _plain_form_view(view: View) -> bool:
    """A class on Django's `FormView` (or a library's view handling a POST as it does,
    `LIBRARY_FORM_VIEWS`: smartmin's `SmartFormView`), none of its bases editing a model, and none but
    Django's or the project's own whose handlers are known (`View.handlers_known`: a
    project base's `post()` would have been judged instead): its `post()` validates the
    form and calls `form_valid()` or `form_invalid()`, the first of which, unless the
    project's, only redirects."""
    names = [last_part(base) for base in view.bases]
    return (
        (view.handlers_known or all(base.startswith("django.") for base in view.bases))
        and bool(_FORM_VIEWS.intersection(names) or LIBRARY_FORM_VIEWS.intersection(view.bases))
        and not _MODEL_EDITING.intersection(names)
    )


_FORM_HOOKS = ("form_valid", "form_invalid")
_FORM_HOOK_CALLS = frozenset(f"`{name}()`" for name in _FORM_HOOKS)


def _form_handled_with_writes(changes: StateChanges, view: View) -> bool:
    """Whether a `form_valid()` or `form_invalid()` of the project's, in the view's class
    or a project base, writes. A call of one that the write analysis cannot follow
    (`super().form_valid(form)`) reaches the next in the chain: a project base's, judged
    here itself, or Django's, which saves nothing in a view editing no model."""
    found = {
        method.function.qualname
        for cls in (view.target, *view.bases)
        for name in _FORM_HOOKS
        if (method := changes.method(cls, name)) is not None
    }
    return any(
        _shared(w for w in changes.writes(qualname) if not _form_hook_call(w)) for qualname in found
    )


def _form_hook_call(write: Write) -> bool:
    return write.kind == "unknown" and write.what in _FORM_HOOK_CALLS


def _shared(writes: Iterable[Write]) -> bool:
    """Whether a write changes what others than the visitor see: not one to the visitor's
    own web session (where to go after logging in, a language, a cart), which an
    anonymous visitor has too and which no login protects, nor a logout (`logout(request)`
    ends the visitor's own session, whatever the view is named: an OAuth page signing
    the visitor out of the site once a client holds the token), nor one to the requesting
    user's row or a relation of it (`request.user.profile.save()`), which an anonymous
    visitor cannot make: Django's `AnonymousUser` has no row to save and no relations."""
    return any(write.kind not in _VISITOR_OWN and not write.own_account for write in writes)


_VISITOR_OWN = frozenset({"session", "logout"})
"""Kinds of write that change only the requesting visitor's own web session."""


def writes_on_get(changes: StateChanges, view: View) -> bool:
    """Whether the view answers GET and changes state when it does (a function view
    answering every method, saving the row its URL names): it changes state whatever
    the method, as WW680 reports."""
    if view.methods is not None and "GET" not in view.methods:
        return False
    if view.kind in {"function", "action"}:
        handlers = [view.target]
    elif view.methods is not None:
        if _handler_guarded(view, "GET"):
            return False  # NOTE: `@method_decorator(login_required)` on the writing `get`
        handlers = get_handlers(changes, view.target)
    else:
        return False
    return any(_shared(get_writes(changes, handler)) for handler in handlers)


def _changes_state(changes: StateChanges, view: View) -> bool:
    if view.state_changing and may_write(changes, view):
        return True  # NOTE: a search or lookup answering POST (graphite's /metrics/find) is not
    return writes_on_get(changes, view)


class DjangoViewWithoutLogin(ProjectRule):
    """## What it does
    In a Django project whose views require login (`@login_required`,
    `@permission_required`, `LoginRequiredMixin`, a test of the user in the view's own
    body, `if not request.user.is_authenticated: return redirect("/login/")`, also where
    no view has a decorator, a DRF permission, a wrapper the URLconf
    puts around the view, also a function of the project, in the URLconf or elsewhere,
    that wraps the view it is given in such checks, rebinding it check by check before
    returning it (`view = user_passes_test(is_staff)(view)`; not checks applied only in
    a loop, which may not run) or handing it on to another such function
    (`ward_checks(view, extra_tests=[...])`), or the decorator a factory returns
    (`needs(perms)(View.as_view())`, whose decorator returns `login_required(view)`;
    also a factory whose last statement returns one of Django's login decorators,
    `def group_excluded(*names): ... return user_passes_test(in_groups)`),
    also through a function of the project making the routes under
    Django's name (`from .auth import admin_url as url`, returning `url(pattern,
    admin_login_required(view), name=name)`), a project's own
    decorator or mixin named the same way such as `@staff_required` (not a mixin of the
    project whose `dispatch` reads and checks no user and hands the request to no function
    of the project: a `PledgeRequiredMixin` sending a session without a pledge back to the
    start requires no login, whatever its name), a decorator of the
    project whatever its name whose wrapper is so decorated or tests the user before
    calling the view (`@is_press_manager` returning `@login_required def
    wrapper(request, ...)`, also a wrapper taking whatever it is called with, `def
    handler(*args, **kwargs)`, and in a factory returning one of several decorators
    (`if auths: return signed`), any of their wrappers so decorated, or a wrapper calling it only `if can_manage(request, obj):`;
    or a class whose `__call__(self, view)` returns a wrapper making every call of the
    view under a test of the user, `if access:` after `access = can_write(user=
    request.user, ...)`, or after one refusing, `if not request.user.is_staff: return
    redirect(...)`, not one letting a public object's request through first),
    or such a decorator
    on each state-changing handler: `@method_decorator(login_required)` on `post`; not a
    view whose only check is a `PermissionDenied` it raises in a body naming no user,
    session or permission, such as a health check's allow-list of addresses, which turns
    callers away by something else than who they are and shows no login), finds
    the views that change state and have no such guard: class-based views that handle
    POST, PUT, PATCH or DELETE (a `post()` method, `FormView`, `CreateView`, `UpdateView`,
    `DeleteView`; a DRF view or viewset that sets `permission_classes = [AllowAny]` or
    `[]`, or a function view whose `@permission_classes([AllowAny])` does (not one whose
    `@authentication_classes` alone changes how callers are identified), which the
    project's `DEFAULT_PERMISSION_CLASSES` then no longer guard, or one that keeps
    an open default (every settings module but development and test ones leaves
    `DEFAULT_PERMISSION_CLASSES` unset, DRF's `AllowAny`, or lists `AllowAny`, as
    WW1167 reports) and sets no classes anywhere in its ancestry, all of it the
    project's or REST framework's, nor an authentication scheme but REST framework's
    own (a project's API-key class may refuse a request without its key): an `APIView`
    beside API base classes that set `IsAuthenticated`, an `@api_view` without
    `@permission_classes`, by the
    methods its `as_view({...})` mapping or router binds, and a viewset's `@action`
    setting such permission classes, judged by what runs for it: its own body, the
    methods of its class it calls and those DRF runs for every request (`initial`,
    `get_object`, `get_permissions`...), not a check in another action or in `update()`),
    and function views that read form data or test `request.method` for
    POST, and that write when they do, themselves or through the project's functions
    they call (also one handed to another of the project as an argument, `each_line(
    lines, store)`, which that one is given to call): save, create, update or delete model objects, change a relation, a
    SQLAlchemy session, run SQL that writes, send mail (not `mail_admins()` to the
    site's own operators), write files,
    log in, or call what may write and cannot be followed (a project function
    webwarden cannot find, a method named for a change, such as `obj.approve()`, of an
    object of unknown class, but for a setter of an object a library's function made in
    the view, `checker.set_reference(...)`, which configures that object, and for a bare
    `clean()`, which checks or sanitises a value: a form field's, bleach's `Cleaner`); a
    search or lookup that takes its query by POST is not reported (also a DRF viewset's
    `create()`, the action its router binds to POST, that only searches; a `FormView`
    on Django's bases alone, or on smartmin's `SmartFormView`, whose `form_valid()` and
    `form_invalid()` write nothing: Django's `post()` only validates the form and hands
    it to them, and smartmin's `form_valid()` only adds a message before Django's
    redirect), nor is a view that
    only stores into the visitor's own web session (`request.session["next_url"] =
    path`, a language, a cart) or its cookies (`response.set_cookie("toast_seen", 1)`),
    or only logs the visitor out (`logout(request)`, whatever the view's name or URL:
    an OAuth page that signs the visitor out of the site once a client holds its token),
    also through a DRF serializer's `save()`, which runs the project's `create()` or
    `update()` (a plain `Serializer`'s own only raise; a `ModelSerializer`'s save a row):
    an anonymous visitor has a session too, and no one else sees what it holds; nor one
    that writes only the requesting user's row or a relation of it
    (`self.request.user.membership.save()`, also through a name bound to it once:
    `membership = request.user.membership`, then `membership.save()`): Django's anonymous
    user has no row and no relations, so an anonymous request fails before it changes
    anything. A view that answers GET and writes when it does, as WW680 finds, changes
    state whatever the method too, and is reported as well: a function view that no
    decorator limits to other methods (`get_object_or_404(Printer, pk=pk).retire()`,
    the model's method saving the row), a class whose `get()` writes, unless a login
    decorator guards that `get()` (`@method_decorator(login_required)`). Views that check the user themselves, or through a mixin
    of theirs (in `dispatch()`, or in `setup()`, which Django runs first, raising; not a
    check only in the methods building the page, `get_context_data()`, `get()` or
    `form_invalid()`, of a view whose POST runs the inherited `post()` of Django's
    `UpdateView`, `CreateView`, `DeleteView` or `FormView`: a valid form is saved
    without them), the
    request by whatever name the view gives it (`def hide(req, pk)` handing `req.user`
    to the project's membership test)
    (`request.user.is_authenticated`, `has_perm()`, the user's permission set,
    `perm not in request.user.get_all_permissions()`, `PermissionDenied`, a call named for a permission check such as
    `check_edit_post_permission(request.user_permissions, post)`, not an override
    handing on to its library base's hook, `super().check_all_permissions(request)`,
    whose name shows no check: django-select2's is empty; or the user given to a
    query such as `filter(owner=request.user)`), check the credentials the request carries
    (`authenticate(...)`, `user.check_password(password)`, themselves or in a function of
    their module they call: an API taking the account's password with each request) or log one in (`login(request, user)`, also imported under another name in the view,
    `auth_login(request, admin)`: a sign-up or
    first-run setup view, the way in), or that hand the request to a function of the project
    that does, up to three calls deep (`check_project_perms(request, project)` raising
    unless `request.user.has_perm(...)`), or that only hand it on by its method to views
    that each have a guard (`return create_note(request)` for a POST, `return
    list_notes(request)` else, both `@login_required`), are not reported (but a function
    view whose only guard is such a check of its own body, made on a line after a write of
    that body, `issue.save()` and then `issue.watchers.add(request.user)`, or a redirect
    chosen by `request.user.is_authenticated` after `Comment.objects.create(...)`, is: the
    write is made for anyone; not in a body that logs a user in or checks credentials, a
    sign-up storing the account it then logs in), nor are views public by nature (login,
    also into one object at a URL ending in it, `elections/<uuid>/login`,
    registration, password reset, a forgotten username's reminder, e-mail verification,
    opting out of e-mail or back in, signing up to the site's mailing list (`subscribe/`
    as the whole URL, `news/subscribe/`), LTI launches, webhooks, callbacks,
    trackback, pingback and Webmention receivers, which other blogs' servers post to,
    also at a URL after the post's id (`entries/<int:pk>/trackback/`), contact forms, a form reporting a problem with a page (`report_problem/`), a view building a form named for signing up whatever its own name
    (`create_account` making a `SignupForm(request.POST)`, a `form_class` such as
    `UserRegistrationForm`; not a `RegisterApplicationForm`, a signed-in user's), a shop's basket or cart (`basket/vouchers/<int:pk>/remove/`, which
    an anonymous shopper fills before checking out), the site's first-run setup at `setup/` or `install/` (or a named step of it,
    `install/database/`), by their name, the
    words of their class name (`ProviderAuthView`) or URL, or a secret among the URL's
    parameters: `verify/<slug:token>/`, `invitation/<key>/`, `rsvp/<slug:code>/`,
    an invitation's `(?P<secret_code>...)`,
    `change_password/<code>/`, a bare key ending the URL after the id of the object it acts
    on (`reminders/cancel/<pk>/<key>`), a random UUID named for what the link confirms,
    `<uuid:confirmation_id>`, `<uuid:validation_id>`, or naming the invitation a URL accepts
    (`accept_invite/<uuid:invitation_id>/start/`: the invitee's steps before any account,
    not the inviter's `invitations/<uuid:invitation_id>/cancel/`), or naming nothing
    after a URL that says it accepts an invitation (`invite/accept/<uuid:uidb64>/`; not
    `teams/<uuid:team_id>/invite/accept/`), or a regex route's unnamed group
    that fills a view parameter so named, `def enable_alert(request, secret_key)` for
    `alert/enable/([a-z0-9]{40})/`: a link e-mailed to someone),
    class-based views whose `form_class` asks a CAPTCHA (a field of the form or of a form
    of the project it derives from: `captcha = ReCaptchaField()`, `CaptchaField`,
    `HCaptchaField`, `AltchaField`, `TurnstileField`; a form made for visitors who are
    not logged in, such as a request for an API key, whom a login would not need to tell
    from robots; also one declared under a test of the form's body, `if
    settings.RECAPTCHA_ENABLED: captcha = ReCaptchaField()`), views authenticated by a
    header (refusing first, after at most reading the form or query into locals, `data =
    request.POST`, also turned into bytes or text, `force_bytes(request.GET.get("signature",
    ""))`, reading the clock, `now = time.time()`, or answering with a response made of
    literals and the view's parameters alone, `if not channel: return JsonResponse({"cmd":
    "rel", "id": channel_id})`, which changes nothing, in the function, a `dispatch` of the class or its project
    bases, each state-changing handler, or a DRF viewset's `@action` itself (a
    conference server's `recording-ready` callback posting a keyed JSON Web Token),
    or in a function of its module handed the request (also the Django request a REST
    framework request wraps, `request._request`), past a metric counted by name, the URL
    read and the parameters copied into a sorted mapping for the check (a phone
    provider's `validator.validate(url, params, signature)`), every request without a
    secret header, a signature or a keyed JSON Web Token, or whose value or URL parameter the server
    signed, checked first by Django's `signing.loads(key)` or a signer's `unsign()`
    (raising `BadSignature`: a webhook's link the app signed for one user), or whose
    query or form parameter matches a secret of the settings or a digest of one (`if not
    sign == get_sha256(settings.SECRET_KEY): return HttpResponseForbidden()`, also inside
    `if request.method == "POST":` whose `else` refuses: an upload script's key; or tested
    by a check the form is handed, `if not _verify(request.POST): return ...`, returning
    whether the posted signature equals an HMAC keyed with a secret setting: a mail
    provider's inbound-mail post), or that names a record the view looks up by it and
    refuses when unknown (an e-mailed link's `?token=...`: `token = request.GET["token"]`,
    also in a `try` whose `except KeyError:` leaves, then `get_object_or_404(Reset,
    token=token)`, or `filter(token=token).first()` and `if row is None: raise Http404`;
    not a parameter naming no secret, `?slug=`), and reading
    no user or session, themselves or by
    a decorator of the project (one whose wrapper, after reading the form or the JSON
    body into a local, calls the view only once an HMAC it computes of them matches the
    signature sent: `if _verify(data): return view(request)`, a mail provider's event
    hooks) or of a library checking its provider's signature
    (django-twilio's `@twilio_view`, `X-Twilio-Signature`, unless
    `DJANGO_TWILIO_FORGERY_PROTECTION = False` switches it off): an API
    gateway's action and event views, or a worker's post checked against the token of
    the job it names, `constant_time_compare(token, job.token)` once the job is loaded
    and an unknown one refused; or served only under a path, such as `/api/`, a
    middleware of `MIDDLEWARE` refuses every request to without an API key header
    first: `if not request.path.startswith("/api/"): return None`, then the check;
    or a REST framework view, extra action or viewset whose every authentication class
    is the project's (or a subclass of one) whose `authenticate()` so refuses by raising
    (`AuthenticationFailed` for a missing bearer token, and for one not among
    `settings.SERVER_TO_SERVER_API_TOKENS`) and returns None nowhere: REST framework
    authenticates every request before its permissions and handler, whatever
    `permission_classes=[]` says, and only a None would let the request through as
    anonymous; or a class-based view whose every state-changing handler first (past
    statements changing nothing: logging, a refusal while a switch is off) calls a
    method of its class or of a base class its module defines, handed the request, that
    raises REST framework's `AuthenticationFailed`, itself or in a method it calls
    (`project = self.project_for(request, pk)` looking up the key sent in a header or
    the query string, also as the first statement of a `try` whose handlers leave), and
    reads no user, session or cookie: an ingestion endpoint taking a project's key,
    with `authentication_classes = []`; or a REST framework class view reading no session whose every
    state-changing handler validates only serializers that declare a field named for a
    signature and raise `ValidationError` in a method handing it to a check,
    `recover_signer(message, signature)`: an API without accounts whose writes the
    holder of a key signs; not a DELETE that REST framework's inherited `destroy()`
    answers, which validates nothing),
    Django REST framework views that keep the project's
    `DEFAULT_PERMISSION_CLASSES` when a closed one is set (it counts as the login the
    project requires) or may be (a value webwarden cannot read; a library's base class
    or a `get_permissions()` of the project, which may choose others), and any view when a middleware requires login for every view
    (Django 5.1's `LoginRequiredMiddleware`, or a project's own named for it:
    `CheckLoginMiddleware`, `ForceLoginMiddleware`, django-staff-sso-client's
    `authbroker_client.middleware.ProtectAllViewsMiddleware`; not a project's own whose
    code tests for the anonymous only under a switch read at run time first, `if
    SiteOptions.load().members_only:`, which lets everyone in while it is off), or whatever its name, one whose
    `process_request`, `process_view` or `__call__` answers the anonymous itself in a
    test at the top of its body, `if not request.user.is_authenticated: return
    redirect(settings.LOGIN_URL)`, which may let the paths of a `LOGIN_EXEMPT_URLS`
    list through, or only sets a flag there that a later test answers for
    (`allow = False`, then `if not allow: return redirect(...)`), or one handing on the
    logged-in first, `if request.user.is_authenticated or request.path in EXEMPT: return
    None`, and answering every other request at the end of its body, also, in a client of
    a single sign-on server keeping its token in the session, one so handing on a
    session holding a key (`signed_in = request.session.get("sso_token") and ...`) and
    sending the rest to a login (`return HttpResponseRedirect(reverse("users:login"))`,
    not a session key's wall sending elsewhere, such as a cookie choice's), or testing
    at the top `not request.session.get("sso_token")` and sending to a login (not when
    a test handing requests on lets through all paths but some, `if not
    request.path.startswith("/manage/"): return None`), or one taking the user
    from the header a single sign-on proxy in front sets, `email =
    request.META.get(settings.OIDC_EMAIL_HEADER)`, refusing a request without it at the
    top of its body, `if email is None: return HttpResponse(status=401)`, and setting
    `request.user` from it, but not one turning them away under some paths only, or handing
    their request on), or the views served under a path prefix that a middleware of
    every judged settings module turns the anonymous away from (`path =
    request.path_info`, `if path.startswith("/api/admin/"):` holding `if not
    (request.user.is_authenticated and request.user.is_admin_role()): return
    JsonResponse(...)`: an admin area's gate; views elsewhere are judged as any); its
    `@login_not_required` marks a
    view public and guards nothing. Routes that only a test URLconf (`tests/urls.py`) serves,
    or that a URLconf adds under `if settings.DEBUG:` (served by a development server
    only), are not reported either, nor function views whose first act refuses every
    request unless a setting is on that every settings module but development and test
    ones ships off (`if not settings.ALLOW_TEST_FIXTURES: raise Http404`: an end-to-end
    tests' endpoint), nor class-based views whose `dispatch` (their own, or the nearest
    project base's) so refuses first: an end-to-end tests' API base class. A setting
    read from a pydantic-settings object ships as the field's default
    (`ENABLE_TEST_API = env.enable_test_api`, `enable_test_api: bool = False`). The routes an app config's `get_urls()` makes
    (django-oscar's apps, included through `apps.get_app_config(...).urls`) are judged
    as any: a view it wraps (`login_required(self.saved_view.as_view())`) is guarded,
    and so is every view of a config that returns its routes through a method wrapping
    each pattern's view in what another method returns (`pattern.callback =
    decorator(pattern.callback)`, `permissions_required(...)`) when the attributes that
    method tests hold a permission (`default_permissions = ["is_staff"]`).
    A user check in a DRF class view guards it only where it runs: one in `create()` or
    in an extra action does not guard the DELETE that REST framework's inherited
    `destroy()` answers (a `ModelViewSet`, `DestroyModelMixin`, `DestroyAPIView`), which
    runs only the view's methods of every request (`initial()`, `get_permissions()`,
    `get_object()`), its `get_queryset()` (`filter(owner=self.request.user)` guards)
    and `perform_destroy()`; unless the view sets `filter_backends`, which
    `get_object()` applies too.
    Medium confidence: a view may check permissions in a way webwarden does not
    recognise.

    ## Why is this bad?
    A project that protects some of its state-changing views has users whose data
    matters; a view that was forgotten lets anyone on the internet change that data.

    ## Known problems
    A view decorated with what a module of the project's own packages defines, where
    that module is missing from the tree (`from tola.util import group_excluded`, with
    `tola/` in the project and no `tola/util.py`: left out of the repository), is
    reported at low confidence, naming the decorator: what it checks cannot be read.

    ## Example
    ```python
    # views.py
    from django.contrib.auth.decorators import login_required
    from django.shortcuts import redirect
    from django.views.decorators.http import require_POST

    from notes.models import Note


    @login_required
    @require_POST
    def create_note(request):
        Note.objects.create(text=request.POST["text"])
        return redirect("/")


    @require_POST
    def delete_note(request, note_id):
        Note.objects.filter(pk=note_id).delete()
        return redirect("/")
    ```

    ```python
    # urls.py
    from django.urls import path

    import views

    urlpatterns = [
        path("notes/new/", views.create_note),
        path("notes/<int:note_id>/delete/", views.delete_note),
    ]
    ```

    ## Fix
    ```python
    # views.py
    from django.contrib.auth.decorators import login_required
    from django.shortcuts import redirect
    from django.views.decorators.http import require_POST

    from notes.models import Note


    @login_required
    @require_POST
    def create_note(request):
        Note.objects.create(text=request.POST["text"])
        return redirect("/")


    @login_required
    @require_POST
    def delete_note(request, note_id):
        Note.objects.filter(pk=note_id).delete()
        return redirect("/")
    ```

    ```python
    # urls.py
    from django.urls import path

    import views

    urlpatterns = [
        path("notes/new/", views.create_note),
        path("notes/<int:note_id>/delete/", views.delete_note),
    ]
    ```

    ## References
    - [CWE-306: Missing Authentication for Critical Function](https://cwe.mitre.org/data/definitions/306.html)
    - [Django: limiting access to logged-in users](https://docs.djangoproject.com/en/stable/topics/auth/default/#limiting-access-to-logged-in-users)
    - [Django: LoginRequiredMiddleware](https://docs.djangoproject.com/en/stable/ref/middleware/#django.contrib.auth.middleware.LoginRequiredMiddleware)
    """

    code = "WW722"
    name = "django-view-without-login"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 306
    frameworks = frozenset({Framework.DJANGO})
    message = (
        "`{view}` (`{pattern}`) changes state without login, unlike other views of the project"
    )
    fix = "add `@login_required` (or `LoginRequiredMixin`, or the project's permission check) to the view"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        django = project.django
        if django is None or not django.routes:
            return
        routed = [r for r in django.routes if r.view is not None and r.view.kind != "unknown"]
        closed = drf_default_closed(django)
        if not any(
            guarded_by_login(r.view) or _guarded_by_default(r.view, closed)
            for r in routed
            if r.view is not None
        ):
            return
        if login_middleware(django):
            return
        reported: set[str] = set()
        default_open = drf_default_open(django)
        for route in routed:
            view = route.view
            if view is None or view.location is None or view.target in reported:
                continue
            summary = project.modules.get(view.location.path)
            if summary is None or summary.is_test or _skipped_drf(view, default_open):
                continue
            urlconf = project.modules.get(route.location.path)
            if urlconf is not None and urlconf.is_test:
                continue  # NOTE: a route only the tests' URLconf serves
            if route.debug_only or switched_off(view.gated_by, django.judged):
                continue  # NOTE: served by a development server, or refusing all requests
            # NOTE: a view handing each request on to guarded views (an API's `checks`
            # calling `@authorize`d `create_check` for a POST) runs a guard first too.
            judged = _as_changed(view)
            early = _written_first(state_changes(project), judged)
            if (
                (guarded(judged) and early is None)
                or view.verifies_caller
                or view.hands_on_only_to(django.views, guarded)
                or django.served_with_credential(route)
                or django.served_with_login(route)
            ):
                continue
            if not _changes_state(state_changes(project), view):
                continue
            names = (view.target, route.name or "")
            if is_public(names, route.pattern or "", route.positional_names):
                continue
            if is_basket(route.pattern or ""):
                continue
            if view.asks_captcha or view.signs_up:
                continue  # NOTE: a form for the anonymous, which a login would not need
            reported.add(view.target)
            absent = _absent_decorator(project, view)
            message = self.message + _ABSENT.format(*absent) if absent else None
            if judged is not view and guarded(view):
                message = self.message + (_POST if view.unchecked_post else _DELETE)
            elif early is not None:
                message = (message or self.message) + _EARLY.format(early.what, early.line)
            yield self.make_finding(
                view.location,
                confidence=Confidence.LOW if absent else None,
                message=message,
                key=view.target,
                view=last_part(view.target),
                pattern=route.pattern or "/",
            )


_DELETE = (
    " (DELETE runs REST framework's inherited `destroy()`, which none of its user checks reaches)"
)
_POST = (
    " (a valid form's POST runs Django's inherited `post()`, which none of its user checks"
    " reaches: they only guard the page it renders)"
)
_EARLY = " (it checks the user only after {}, line {})"
_ABSENT = " (its decorator `{}` comes from `{}`, a module of the project missing from the tree)"


def _absent_decorator(project: ProjectModel, view: View) -> tuple[str, str] | None:
    """A decorator of the view or of a handler of it imported from a module of one of the
    project's own packages that the tree lacks (`tola.util.group_excluded`, with
    `tola/__init__.py` and no `tola/util.py`): what it checks cannot be read, so it may
    be the view's guard. Its name and module, or None."""
    handlers = [name for _, names in view.handler_decorators for name in names]
    for name in (*view.decorators, *handlers):
        module, _, function = name.rpartition(".")
        package = module.partition(".")[0]
        if not package or package == module or project.modules_named(module) is not None:
            continue
        if project.modules_named(package) is not None:
            return function, module
    return None
