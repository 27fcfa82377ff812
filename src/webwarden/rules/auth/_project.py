"""Reading the authentication facts of a project (non-test modules only)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from webwarden.model.auth import AUTH_FACTS, AuthFacts, LoginEntry
from webwarden.model.auth.drf_throttles import (
    disabled_scopes,
    throttle_scopes,
    users_only_throttles,
)
from webwarden.model.auth.logins import (
    LOGIN_PATH,
    LOGIN_USER,
    LOGIN_VIEWS,
    hands_login_on,
    login_link,
    login_name,
    logs_out,
    password_check,
    resets_password,
    single_sign_on,
    token_login,
)
from webwarden.model.django.views import View
from webwarden.model.flask.app import FlaskApp, Route
from webwarden.model.flask.facts import BodyFacts
from webwarden.model.http_methods import READ_ONLY_METHODS
from webwarden.model.module import identifier_words
from webwarden.model.names import last_part
from webwarden.model.project import ProjectModel


def auth_facts(project: ProjectModel) -> Iterator[AuthFacts]:
    """The authentication facts of every non-test module, in path order."""
    for _, facts in auth_facts_by_path(project):
        yield facts


def auth_facts_by_path(project: ProjectModel) -> Iterator[tuple[str, AuthFacts]]:
    """(relpath, facts) of every non-test module with authentication facts, in path order."""
    known = project.memo.get(auth_facts_by_path)
    if not isinstance(known, list):
        # NOTE: the login rules ask for each entry point and application; sorting the
        # paths of a large tree each time cost a fifth of a daemon's rescan on Django.
        known = project.memo[auth_facts_by_path] = [
            (relpath, facts)
            for relpath in sorted(project.modules)
            if isinstance(facts := project.modules[relpath].facts.get(AUTH_FACTS), AuthFacts)
            and not project.modules[relpath].is_test
        ]
    yield from known


def protections(project: ProjectModel, family: str, application: str | None = None) -> list[str]:
    """The evidence of one family (`ratelimit`, `mfa`) found anywhere in the project, or
    in one application of it (see `ProjectModel.application_of`)."""
    prefix = family + ":"
    found = {
        p[len(prefix) :]
        for relpath, facts in auth_facts_by_path(project)
        if application is None or project.application_of(relpath) == application
        for p in facts.protections
        if p.startswith(prefix)
    }
    return sorted(found)


def disabled_drf_throttles(project: ProjectModel, application: str) -> tuple[str, ...]:
    """The scopes of the Django REST framework throttles an application puts to work when
    every judged settings module gives each a rate of None (DRF's `SimpleRateThrottle`
    then lets every request through), sorted; () when one of them may throttle, or
    cannot be known to let everything through (`drf_throttles.throttle_scopes`)."""
    django = project.django
    if django is None:
        return ()
    scopes = throttle_scopes(
        facts.drf_throttles
        for relpath, facts in auth_facts_by_path(project)
        if facts.drf_throttles is not None and project.application_of(relpath) == application
    )
    if scopes is None or not disabled_scopes(scopes, django.judged):
        return ()
    return tuple(sorted(scopes))


def anonymous_drf_unthrottled(project: ProjectModel, application: str) -> tuple[str, ...] | None:
    """When no Django REST framework throttle an application puts to work by default may
    limit an anonymous client: those it puts to work (keying authenticated users alone;
    () when none is: one in `DEFAULT_THROTTLE_CLASSES` only when a variable of the
    environment is set). None when one may, or it cannot be known
    (`drf_throttles.users_only_throttles`)."""
    django = project.django
    if django is None:
        return None
    return users_only_throttles(
        (
            (relpath, facts.drf_throttles)
            for relpath, facts in auth_facts_by_path(project)
            if facts.drf_throttles is not None and project.application_of(relpath) == application
        ),
        django.judged,
    )


def entries_by_application(project: ProjectModel) -> dict[str, list[LoginEntry]]:
    """Login entry points grouped by the application they belong to, in path order."""
    grouped: dict[str, list[LoginEntry]] = {}
    for entry in login_entries(project):
        grouped.setdefault(project.application_of(entry.location.path), []).append(entry)
    return grouped


def _model_entries(project: ProjectModel) -> Iterator[LoginEntry]:
    """Login routes the Django and Flask route models know (`path()` chains with their
    `include()` prefixes, views deriving from `LoginView` through the project's classes,
    Flask `add_url_rule` and `MethodView` routes)."""
    if project.django is not None:
        for route in project.django.routes:
            bases = route.view.bases if route.view is not None else ()
            view = last_part(route.view.target) if route.view is not None else ""
            # NOTE: the route's name and its view's say single sign-on as a Flask endpoint
            # does (`oidc_authentication_init`, mozilla-django-oidc's
            # `OIDCAuthenticationRequestView`): a redirect to the identity provider.
            by_path = (
                LOGIN_PATH.search(route.pattern)
                and not single_sign_on(route.pattern, route.name or "", view)
                and not resets_password(route.pattern, route.name or "", view)
                and not login_link(route.pattern, route.name or "", view)
                and not logs_out(route.pattern, route.name or "", view)
                and not _token_listing(route.pattern, bases)
            )
            if by_path or any(base.rpartition(".")[2] in LOGIN_VIEWS for base in bases):
                yield LoginEntry(f"URL `{route.pattern}`", route.location)
    if project.flask is not None:
        extensions = _extension_classes(project.flask.apps)
        for flask_route in project.flask.routes:
            rule = flask_route.rule or ""
            view = flask_route.endpoint.rpartition(".")[2]
            # NOTE: the view's own name, not its blueprint's: a `simplelogin` blueprint
            # (a service so named) holds views that log no one in.
            named = login_name(view) or LOGIN_PATH.search(rule)
            if single_sign_on(rule, flask_route.endpoint) or resets_password(rule, view):
                continue
            if login_link(rule, view):
                continue
            if logs_out(rule, view):
                continue
            if "DELETE" in flask_route.methods and flask_route.methods <= _REVOKING:
                continue  # NOTE: `DELETE /token` revokes a token; no one signs in by it
            logs_in = bool(flask_route.body.calls & LOGIN_USER)
            if token_login(rule, view) and not login_name(view) and not LOGIN_PATH.search(rule):
                continue  # NOTE: `remotelogin.token_verified`: the blueprint's name says login
            decorators = frozenset(d.name for d in flask_route.decorators)
            if decorators & _SESSION_LOGIN_REQUIRED:
                continue  # NOTE: only who is signed in already reaches it: no login
            if not named and not flask_route.methods - READ_ONLY_METHODS:
                # NOTE: a GET callback logging the user in (OAuth's return with `code` and
                # `state`, a signed link) gets no password but in the Authorization header.
                logs_in = logs_in and "authorization" in flask_route.body.request_reads
            if (named or logs_in) and _may_take_password(flask_route.body, decorators, extensions):
                yield LoginEntry(f"route `{rule or flask_route.endpoint}`", flask_route.location)


_SESSION_LOGIN_REQUIRED = frozenset(
    {
        "flask_login.login_required",
        "flask_login.fresh_login_required",
        "flask_login.utils.login_required",
        "flask_login.utils.fresh_login_required",
    }
)
"""Flask-Login's decorators, which send a visitor without a signed-in session away before
the view runs: a route so decorated (`/stats/user_logins`, its path naming logins) takes
no password to sign anyone in. Not Flask-HTTPAuth's `@auth.login_required`, which checks
the password each request carries."""
_REVOKING = frozenset({"DELETE", "OPTIONS"})
"""A route answering only `DELETE` (and the `OPTIONS` Flask adds to every route): it
removes a session or a token, never takes a password to start one."""


_FORM_CHECKS = frozenset({"validate_on_submit", "validate", "is_submitted"})
"""WTForms' and Flask-WTF's methods that read and check the form the request posted."""


def _passwordless_form(app: FlaskApp, route: Route) -> frozenset[str]:
    """When every form class of the project the view builds asks for no password
    (`FlaskApp.passwordless_forms`: `SupportSignInIssuesForm()` with a radio field, on
    `/support/cannot-sign-in`), those calls and the form's checks
    (`form.validate_on_submit()`): they read a choice, no password. Else none."""
    calls = route.body.calls | route.class_calls
    built = calls & app.form_classes
    if not built or not built <= app.passwordless_forms:
        return frozenset()
    checks = {call for call in calls if call.rpartition(".")[2] in _FORM_CHECKS}
    return frozenset(built | checks)


def _passwordless_flask_routes(project: ProjectModel) -> set[tuple[str, int]]:
    """Where a Flask view takes no password, whatever its path says, in one pass over the
    routes: one that runs only for a caller holding a token already, or one that builds
    only forms asking for no password (`_form_only`), or one answering GET alone that
    only shows a page (`_shows_page_only`)."""
    if project.flask is None:
        return set()
    extensions = _extension_classes(project.flask.apps)
    return {
        (route.location.path, route.location.line)
        for app in project.flask.apps
        for route in app.routes
        if _token_guarded(app, route)
        or _form_only(app, route)
        or _shows_page_only(app, route, extensions)
    }


def _form_only(app: FlaskApp, route: Route) -> bool:
    """Whether the view builds only forms of the project that ask for no password
    (`_passwordless_form`), reads nothing submitted itself and calls nothing else that
    checks a password: a route named for signing in that asks why one cannot
    (`/support/cannot-sign-in`), which a module alone takes for a login form."""
    checks = _passwordless_form(app, route)
    return bool(checks) and not _may_take_password(
        route.body, checks | frozenset(d.name for d in route.decorators)
    )


def _token_guarded(app: FlaskApp, route: Route) -> bool:
    """Whether the view runs only for a caller holding a token already: a decorator
    checks one read from a header (Flask-HTTPAuth's `HTTPTokenAuth`, an OAuth resource
    server's `@require_oauth()`, the project's API-key check) or Flask-JWT-Extended's
    (`@jwt_required()`). No password reaches such a view, whatever its path says
    (`/token` handing out invitation tokens to an admin holding the API's secret): the
    caller logged in, or was given the token, elsewhere."""
    return app.header_guarded(route) or app.jwt_guarded(route)


_DISPLAY_VIEWS = ("ListView", "DetailView", "TemplateView")
"""Django's generic display views (and a library's views named after them, such as
django-oauth-toolkit's `AuthorizedTokensListView`): they answer GET with a page."""


def _token_listings(project: ProjectModel) -> set[tuple[str, int]]:
    """Where the URLconfs route `token/` to a view that lists or shows tokens: a module
    alone takes such a route for a token endpoint, not knowing the view's bases."""
    if project.django is None:
        return set()
    return {
        (route.location.path, route.location.line)
        for route in project.django.routes
        if route.view is not None and _token_listing(route.pattern, route.view.bases)
    }


def _page_routes(project: ProjectModel) -> set[tuple[str, int]]:
    """Where the URLconfs route a login path to a function view that only shows a page
    (`login/` telling the user to log in through single sign-on, or a page whose form
    posts elsewhere), to an OAuth callback (`_sso_callback`), to DRF's generic views of
    a model's rows (`login-attempts/` on a `ModelViewSet`), to Django's `RedirectView`
    or a project's class on it answering no method itself (`_redirects_only`),
    to a view answering reads alone (`_reads_only`, `_function_reads_only`), to a view
    only a logged-in user reaches (`_behind_login`), or to a class view taking nothing a
    caller could guess (`View.takes_no_password`: an API trading the identity single
    sign-on vouched for, sent by its front end, for a token): no password reaches it.
    A view that checks one is an entry point of its own, found by what it calls."""
    if project.django is None:
        return set()
    return {
        (route.location.path, route.location.line)
        for route in project.django.routes
        if route.view is not None
        and (
            (route.view.kind == "function" and route.view.shows_page)
            or _sso_callback(route.view)
            or _reads_only(route.view)
            or _function_reads_only(route.view)
            or route.view.serves_rows
            or _behind_login(route.view)
            or route.view.target in _REDIRECT_VIEWS
            or _redirects_only(project, route.view)
            or route.view.takes_no_password
        )
    }


_LOGGED_IN_ONLY = frozenset(
    {"login_required", "permission_required", "staff_member_required", "admin_view"}
    | {"LoginRequiredMixin", "PermissionRequiredMixin"}
)
"""Decorators and mixins that turn away a visitor not logged in; among them an admin
site's `admin_view` (`method_decorator(admin.site.admin_view)` on a report's `dispatch`),
which sends a visitor who is not active staff to the admin's login. Not
`user_passes_test` (nor its mixin): its test may as well let only the anonymous in."""
_LOGGED_IN_WORDS = frozenset({"authenticated", "admin", "staff", "superuser"})
_OPEN_WORDS = frozenset({"not", "unauthenticated", "anonymous", "anon", "guest", "or"})
"""Words of a permission class that lets a visitor not logged in through: `IsNotAuthenticated`,
`AllowAnonymous`, `IsAuthenticatedOrCreate` (either test passing is enough)."""


def _behind_login(view: View) -> bool:
    """A view only a logged-in user reaches (`login_required`, `LoginRequiredMixin`, a
    project's decorator named for requiring a signed-in user or staff, `superuser_required =
    user_passes_test(lambda u: u.is_superuser)`, `xhr_login_required`, or a DRF permission
    class named for an authenticated user or staff: `IsAuthenticated`, `IsAdminUser`, a
    project's `AdminOnly`): on a route named for logging in (`token/`, an administrator's
    `users/signinas/` taking over an account), it acts for the user logged in already,
    and takes no password. A view checking one itself (re-authentication) is an entry
    point found by what it calls."""
    names = [last_part(n) for n in (*view.decorators, *view.bases)]
    if any(name in _LOGGED_IN_ONLY or _names_logged_in_requirement(name) for name in names):
        return True
    for permission in view.permission_classes or ():
        words = {w.lower() for w in identifier_words(last_part(permission))}
        if words & _LOGGED_IN_WORDS and not words & _OPEN_WORDS:
            return True
    return False


def _names_logged_in_requirement(name: str) -> bool:
    """A decorator named for requiring a signed-in user (`staff_required`,
    `ajax_login_required`), not for letting the anonymous in (`anonymous_required`,
    `login_not_required`)."""
    words = {w.lower() for w in identifier_words(name)}
    return (
        name.endswith("_required")
        and bool(words & (_LOGGED_IN_WORDS | {"login"}))
        and not words & _OPEN_WORDS
    )


_REDIRECT_VIEWS = frozenset(
    {"django.views.generic.RedirectView", "django.views.generic.base.RedirectView"}
)
"""Django's view answering every method with a redirect (`path("login",
RedirectView.as_view(url=settings.LOGIN_URL))`): it reads no password."""


def _redirects_only(project: ProjectModel, view: View) -> bool:
    """A class view of the project on Django's `RedirectView` that answers no method itself
    (only `get_redirect_url()`: a single sign-on start sending the visitor to the identity
    provider's authorization URL) or only GET, HEAD or OPTIONS (a `get` sending a visitor
    already logged in on to `next`, others to the login page), its other bases Django's
    or the project's: every method gets a redirect, and no password is read (a `get`
    checking one is an entry point found by what it calls)."""
    if view.kind != "class":
        return False
    if view.methods is not None and not READ_ONLY_METHODS.issuperset(view.methods):
        return False
    if not any(base in _REDIRECT_VIEWS for base in view.bases):
        return False
    return all(
        base.startswith("django.") or project.modules_named(base.rpartition(".")[0]) is not None
        for base in view.bases
    )


def _sso_callback(view: View) -> bool:
    """A function view that reads no form and tests no method, and refuses a request
    whose parameter does not match a value it kept in the session (OAuth's `state`): the
    identity provider sends the user back to it with a `code` in the query string, which
    it trades for the user (`github-login/`). A login form posts its password instead."""
    return view.kind == "function" and view.checks_nonce and not view.posts


def _reads_only(view: View) -> bool:
    """A class view whose every handler is known and answers GET, HEAD or OPTIONS alone
    (a page listing the ways to log in, a single sign-on start that redirects to the
    identity provider; Django's `TemplateView` routed to directly with the template of
    such a page): a login form posts its password, so none reaches this view."""
    return (
        view.kind in {"class", "unknown"}
        and view.handlers_known
        and view.methods is not None
        and READ_ONLY_METHODS.issuperset(view.methods)
    )


def _function_reads_only(view: View) -> bool:
    """A function view whose decorators let GET, HEAD or OPTIONS alone through
    (`require_GET`, `require_safe`, `require_http_methods(["GET"])`: Django answers any
    other method 405 before the body runs), as a developer's login as a fixed user is: a
    login form posts its password, so none reaches it. One checking a password it reads
    from the query string is an entry point found by what it calls."""
    return (
        view.kind == "function"
        and view.methods is not None
        and bool(view.methods)
        and READ_ONLY_METHODS.issuperset(view.methods)
    )


def _single_sign_on_routes(project: ProjectModel) -> set[tuple[str, int]]:
    """Where the URLconfs route a path to a single sign-on library's view
    (`social_django.views.auth` as `login/<backend>/`, see `single_sign_on_routes`): the
    identity provider checks the password, the route gets a code or an assertion."""
    return {
        (relpath, line)
        for relpath, facts in auth_facts_by_path(project)
        for line in facts.single_sign_on_routes
    }


def _routed_to_reader(project: ProjectModel, entry: LoginEntry) -> bool:
    """Whether a URL pattern found in its module routes to a class view of the project
    answering reads alone (`_reads_only`) or only a logged-in user reaches
    (`_behind_login`: a staff report on logins, `performance/login-stats/`, that an admin
    site's `get_urls()` lists and the route model does not reach); the module alone
    cannot tell."""
    if project.django is None or not entry.view or entry.view not in project.django.views:
        return False
    view = project.django.views[entry.view]
    return _reads_only(view) or _behind_login(view)


def _token_listing(pattern: str, bases: tuple[str, ...]) -> bool:
    """A route named only `token/` whose view lists or shows tokens (a page of the user's
    API tokens on a generic display view): no token endpoint taking a password."""
    found = LOGIN_PATH.search(pattern)
    named_token = found is not None and found.group(0).strip("/").lower() == "token"
    return named_token and any(base.rpartition(".")[2].endswith(_DISPLAY_VIEWS) for base in bases)


_SUBMITTED = frozenset({"form", "json", "get_json", "values", "data", "authorization"})
"""What a client types a password into. Not `files`: a route named for a token that
takes an uploaded file (`/vpp/upload/token`, a service token issued as a file) stores
it, no one logs in with it."""
_SENT_BODY = (_SUBMITTED - {"values"}) | {"files"}
_FORM_CLASS = re.compile(r"(?:^|\.)[A-Z]\w*Form$")
"""A class named for a form (`LoginForm`, `app.forms.SignInForm`)."""
_GET_CARRIES = frozenset({"args", "values", "authorization", "headers"})
"""What of a client's credentials a GET request carries: the query string, the headers."""
_SERVER_IDENTITY = frozenset({"environ", "remote_user"})
"""Where the WSGI server hands the app a user it authenticated (`REMOTE_USER`)."""


def _extension_classes(apps: Iterable[FlaskApp]) -> dict[str, str]:
    """The class of each extension object the apps keep by name (`pkgdb2.FAS` ->
    `flask_fas_openid.FAS`, of `FAS = FAS(APP)`)."""
    return {e.ref: e.kind for app in apps for e in app.extensions if e.ref}


def _by_class(call: str, extensions: Mapping[str, str]) -> str:
    """A method of an extension object named by the object's class (`pkgdb2.FAS.login`
    -> `flask_fas_openid.FAS.login`); other calls as they are."""
    owner, dot, method = call.rpartition(".")
    return extensions[owner] + dot + method if owner in extensions else call


def _may_take_password(
    body: BodyFacts, decorators: frozenset[str], extensions: Mapping[str, str] | None = None
) -> bool:
    """A login route that reads what the client submits, or calls something that checks a
    password or logs in: not one that sends the user to another site (OAuth) or refreshes
    a token, nor one calling `login_user` for a user no password vouched for (an
    anonymous or guest user for an embedded page). Its decorators are no such call (nor,
    handed in with them, the forms of the project asking for no password and their
    checks, `_passwordless_form`): an
    `@api_login_required` checks the caller is logged in already. Nor does one taking
    the user from the WSGI environment (`request.environ[...]`, `request.remote_user`)
    and no body: the web server in front authenticated them (`REMOTE_USER`, as Django's
    `RemoteUserBackend`), and the query string holds only where to go next."""
    if body.request_reads & _SERVER_IDENTITY and not body.request_reads & _SENT_BODY:
        return False
    if (body.request_reads - body.destination_reads) & _SUBMITTED:
        return True
    logins = body.calls & LOGIN_USER
    # NOTE: `flask_login.login_user(user)` is also recorded by its tail, `.login_user`.
    tails = {"." + name.rpartition(".")[2] for name in logins}
    called = body.calls - logins - tails - decorators
    names = [call.rsplit(".", 1)[-1] for call in called]
    if any(password_check(name) for name in names):
        return True
    # NOTE: a route handing the login to a backend's own (`basic.login()`, alerta) takes
    # what that one takes; one handing it to single sign-on (`cas_login()`, or the
    # `login()` of an OpenID extension's object, `flask_fas_openid.FAS.login`) takes none.
    # A method's tail (`.login`) is judged by the qualified call recorded beside it.
    qualified = {"." + call.rpartition(".")[2] for call in called if not call.startswith(".")}
    return any(hands_login_on(_by_class(call, extensions or {})) for call in called - qualified)


def _shows_page_only(app: FlaskApp, route: Route, extensions: Mapping[str, str]) -> bool:
    """Whether a view answering GET alone only shows a login page: it hands the body to a
    form it never checks (`LoginForm(request.form)` rendered, the form posting back to a
    route that answers it with 405), reads no credential a GET carries (the query string,
    the headers), logs no one in, keeps nothing in the session and calls nothing that
    checks a password. A browser sends no body with a GET, but Werkzeug parses one a
    script sends: a form validated or a password checked still counts."""
    body = route.body
    if route.methods - READ_ONLY_METHODS or body.uses_session:
        return False
    if body.calls & LOGIN_USER or (body.request_reads - body.destination_reads) & _GET_CARRIES:
        return False
    if any(call.rpartition(".")[2] in _FORM_CHECKS for call in body.calls):
        return False
    bodiless = replace(body, request_reads=body.request_reads - (_SENT_BODY - _GET_CARRIES))
    # NOTE: building a form is no login call (`LoginForm` names one), whether the
    # project's form class or one named so that a library or a star import brings;
    # the checks of what it holds are refused above.
    built = {call for call in body.calls if _FORM_CLASS.search(call)}
    skipped = frozenset(d.name for d in route.decorators) | (body.calls & app.form_classes)
    skipped |= built
    return not _may_take_password(bodiless, skipped, extensions)


def _default_site_single_sign_on(project: ProjectModel) -> bool:
    """Whether the project replaces Django's default admin site (an `AdminConfig`
    subclass naming `default_site`, installed in the place of `django.contrib.admin`, as
    Django's documentation shows) and every site so named is a class of the project
    whose `login` hands the visitor to single sign-on: `admin.site`'s login form then
    takes no password."""
    named: set[str] = set()
    single_sign_on: set[str] = set()
    for facts in auth_facts(project):
        named |= facts.default_admin_sites
        single_sign_on |= facts.single_sign_on_admin_sites
    return bool(named) and all(
        any(_same_path(path, site) for site in single_sign_on) for path in named
    )


def _same_path(named: str, qualname: str) -> bool:
    """Whether a dotted path a setting names is the class `module.Class`: the same, or one
    ending the other, as a module's name is known from where the scan found the package
    roots (`mysite.sso.admin.Site` for `sso.admin.Site`)."""
    return named == qualname or named.endswith("." + qualname) or qualname.endswith("." + named)


def login_entries(project: ProjectModel) -> list[LoginEntry]:
    """Every login entry point: from the per-file facts and from the route models, each
    once (by place, or by what it is within a file). The Django admin's login is none
    in an application that sends visitors to the site's login first (see
    `admin_login_behind_login`): that login is the entry point; nor is the login of
    Django's default admin site when the project replaces that site by one logging in
    through single sign-on (`_default_site_single_sign_on`). A Django project whose
    settings let only backends that check no password log users in has none
    (`_passwordless_django`), nor has one that a sign-on proxy logs users in to, its
    middleware refusing every request without the proxy's header (`_behind_proxy_login`)."""
    if _passwordless_django(project) or _behind_proxy_login(project):
        return []
    listings = (
        _token_listings(project)
        | _page_routes(project)
        | _single_sign_on_routes(project)
        | _passwordless_flask_routes(project)
    )
    replaced = _default_site_single_sign_on(project)
    guarded = {
        project.application_of(relpath)
        for relpath, facts in auth_facts_by_path(project)
        if facts.admin_login_behind_login
    }
    entries = [
        entry
        for facts in auth_facts(project)
        for entry in facts.logins
        if (entry.location.path, entry.location.line) not in listings
        and not _routed_to_reader(project, entry)
        and not (entry.admin_site and project.application_of(entry.location.path) in guarded)
        and not (entry.default_site and replaced)
    ]
    seen = {(e.location.path, e.location.line) for e in entries}
    seen_what = {(e.location.path, e.what) for e in entries}
    for entry in _model_entries(project):
        where = (entry.location.path, entry.location.line)
        if where in listings:
            continue
        if where not in seen and (entry.location.path, entry.what) not in seen_what:
            entries.append(entry)
            seen.add(where)
    return sorted(entries, key=lambda e: (e.location.path, e.location.line, e.location.column))


def _behind_proxy_login(project: ProjectModel) -> bool:
    """Whether the project is a Django one alone (no Flask route) whose every judged
    settings module lists a middleware refusing each request without the header of the
    sign-on proxy in front (`DjangoProject.proxy_login`): the admin's login form and any
    other of the project's are shown only to users the proxy has logged in already."""
    django = project.django
    if django is None or not django.proxy_login:
        return False
    return project.flask is None or not project.flask.routes


def _passwordless_django(project: ProjectModel) -> bool:
    """Whether the project is a Django one alone (no Flask route) whose every judged
    settings module lists in `AUTHENTICATION_BACKENDS` only backends that check no
    password (`SettingsModule.passwordless_backends`: a backend reading the headers of
    the single sign-on proxy in front): `authenticate()` returns None for any password,
    so no login view, form or admin page takes one that works."""
    django = project.django
    if django is None or not django.judged:
        return False
    if project.flask is not None and project.flask.routes:
        return False
    return all(module.passwordless_backends for module in django.judged)
