"""WW748: login entry points and no login throttling anywhere in the project."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.auth import LoginEntry
from webwarden.model.names import last_part
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._project import (
    anonymous_drf_unthrottled,
    disabled_drf_throttles,
    entries_by_application,
    protections,
)
from webwarden.rules.base import ProjectRule


class LoginWithoutRateLimit(ProjectRule):
    """## What it does
    Finds projects that let users log in (a route or view named for it, `login`,
    `sign-in`, not `signing` a document, a view calling
    Django's `authenticate()`, a `LoginView`, `django.contrib.auth.urls`, the Django
    admin, Wagtail's admin (`wagtail.admin.urls`, whose `login/` is a form of its own), a
    DRF token endpoint, DRF's `BasicAuthentication` turned on in
    `DEFAULT_AUTHENTICATION_CLASSES`, a view's `authentication_classes` or the
    `@authentication_classes` decorator, written there or in a module-level list given
    to them (`API_AUTH = (...)`, then `"DEFAULT_AUTHENTICATION_CLASSES": API_AUTH`), or
    set as an item of the imported settings (`REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]
    = [...]`)
    (every API request may carry a password), a GraphQL mutation named for it whose
    `mutate` takes a password, the login form a Flask extension adds to the app it is
    set up on: Flask-SimpleLogin's `SimpleLogin(app, login_checker=...)`, Flask-User's
    `UserManager(app, db, User)`) and use no login
    throttling anywhere: no Flask-Limiter, django-axes, django-ratelimit,
    django-defender, DRF throttles
    (`DEFAULT_THROTTLE_CLASSES`, `throttle_classes`) unless every one put to work
    reads a rate of None (`SimpleRateThrottle` and its subclasses then let every
    request through: `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` gives None, in every
    judged settings module, to the scope of each, its class's `scope = "login"`, the
    view's `throttle_scope` for `ScopedRateThrottle`, `anon` and `user` for
    `AnonRateThrottle` and `UserRateThrottle`, as DRF's own default rates do; a rate
    read from the environment with no default, or a throttle deciding with an
    `allow_request()` of its own, counts as throttling; and DRF throttles alone leave
    out a Django URL for logging in routed to a plain Django view, a `View` subclass or a
    function with no `@api_view`, and the Django admin's login form (`admin.site.urls`,
    Django's own view, beside a throttled `obtain_auth_token`): REST framework throttles
    only its own views, so the
    finding names that URL, and `rest_framework.exceptions.Throttled` handled somewhere
    is DRF's evidence too; the views of packages built on REST framework are its views:
    simplejwt's `TokenObtainPairView`, dj-rest-auth's and knox's `LoginView`, djoser's,
    djangorestframework-jwt's `obtain_jwt_token`; nor do DRF throttles count when none
    put to work by default may slow an anonymous client: none in
    `DEFAULT_THROTTLE_CLASSES` as the judged settings ship it (one added there only when
    an environment variable is set is not there by default) nor in a view's
    `throttle_classes`, or only classes of the project keyed by the signed-in user (a
    `get_cache_key()` giving a key only under `user.is_authenticated`, an
    `allow_request()` letting the anonymous through first); `AnonRateThrottle`,
    `ScopedRateThrottle` and `UserRateThrottle`, which keys the anonymous by address,
    slow them), django-allauth (which limits login
    attempts itself, in its own views only: the Django admin's login form, unless
    wrapped in allauth's `secure_admin_login`, and DRF's `BasicAuthentication` check
    passwords outside them, so with allauth alone they are still reported), nor a rate-limit or lockout function of their own (in a module
    where users log in, also one routing a login path such as a Flask-RESTX resource's
    `@ns.route("/login")` with `@rate_limit(...)` on its `post`, or a module named for
    it, such as `accounts/auth.py`, or itself named for
    logging in or failures: `LoginLockoutMiddleware`, `USER_FAILED_RATE_LIMITING`; a
    device's `throttle()` or an API client's rate-limit check slows no password
    guessing), nor an account locked after failed logins (a count of them compared with
    a limit anywhere in the application: `user.failed_login_count >=
    MAX_FAILED_LOGIN_COUNT`, either way round, also a bare `count` in a function named
    for the failures it counts, `incr_failed_count()`, compared with a limit whose name,
    or the setting a local of that function holds (`limit = settings.LOGIN_LIMIT_COUNT`),
    names the logins, `if user.login_failed_count <
    int(app.config["LOGIN_TRIES"]): return False`, the limit a number, a name saying so or
    a value the configuration holds under a constant key, whether the app or a service it asks for the password keeps
    the count; not a count of failed jobs). One finding per project, at the first login entry point. A route named
    for logging in that reads nothing the client submits and checks no password (an
    OAuth redirect, a token refresh, its `state` drawn from the `secrets` module:
    `secrets.token_urlsafe()` names a library, as `nacl.secret` does, not a password the
    client sends; a parameter read only by a key naming the page to
    come back to, `request.values["next"]`, is nothing submitted, and the `login()` of a
    single sign-on extension's object, Flask-FAS-OpenID's `FAS.login(return_url=...)`,
    hands the visitor to the identity provider; the name of a key the app keeps, such as
    `app.config["SECRET_KEY"]` signing the token it hands out, names no password the
    client sends; an uploaded file alone, `/vpp/upload/token` storing a service token
    issued as a file, is no password either; nor does a helper it calls named for what it
    tells of logging in, `get_login_providers_info()`, `login_url()`,
    `list_login_methods()`: a route listing the identity providers to choose from) is no
    entry point, nor is a route named for a password reset
    (`/reset/token`, `forgot_password`: it mails or checks a reset token), nor one
    named for a sign-in link (`login_link`, a DRF viewset's `@action` of that name,
    `magic-links/<token>`, `sign-in-link/`: it e-mails a link whose token vouches for
    the user, or follows one), nor is one named for logging out on the way to the login page (`logout_then_login/`,
    `sign-out-and-sign-in/`, Django's `logout_then_login`: it ends the session and
    redirects, and reads no password), nor is a Flask route named for a token that
    answers `DELETE` alone (`DELETE /api/token`: it revokes one), nor is a Flask route
    that runs only for a caller holding a token already (Flask-HTTPAuth's
    `HTTPTokenAuth`, an OAuth resource server's `@require_oauth()`, a header check of the
    project, or Flask-JWT-Extended's `@jwt_required()` not `optional=True`: an admin's
    `/token` handing out invitation tokens takes no password), nor is single sign-on (a route
    whose path, URL name or view is named for SAML, CAS, OAuth, OpenID Connect, SSO or a
    social login, `sociallogin`, `oidc_authentication_init`, also run together with
    the step, `/oauthinit`, `/oauthcallback`, or for a login's callback,
    `/login/<service>/callback`, or whose view is a single sign-on library's,
    python-social-auth's `social_django.views.auth` routed as `login/<backend>/`, also
    chosen by a setting beside a maintenance redirect, or cg-django-uaa's
    `uaa_client.views.login` routed as `admin/login`, a redirect to Cloud Foundry's UAA, gets a ticket or an assertion,
    not a password; so does one named for WebAuthn, `/webauthn/authenticate`, a passkey
    or a security key: the authenticator signs the assertion), nor is a Flask route whose
    view builds only forms of the project none of whose classes asks for a password
    (`/support/cannot-sign-in` posting a `SignInProblemForm` with a radio field: no field
    that is or is named for a password, a one-time code or a PIN, every base the
    project's or Flask-WTF's and WTForms' own form) and reads nothing submitted itself,
    nor is `authenticate(request, remote_user=...)` (Django's
    `RemoteUserBackend`: the proxy in front vouched for the user), nor
    `authenticate(request)` handed the request alone, or with keywords naming neither an
    account nor a password (`authenticate(request=request, lti=launch)`, a signed LTI
    launch), by a function that names no password
    (a decorator logging in the user a single sign-on proxy's headers name: Django's
    `ModelBackend` checks nothing without a username and a password), nor `authenticate()`
    handed a password its function made from nothing it was given (`username = password
    = prefix + uuid.uuid4().hex`, a test-only view creating a user and logging it in:
    no one types that password; one a parameter or the request feeds still counts),
    nor a Flask login route taking the user from the WSGI environment (`request.environ[user_env]`,
    `request.remote_user`) that reads no body, nor a `token/` route
    whose view is a generic display view (`ListView`, `DetailView`, django-oauth-toolkit's
    `AuthorizedTokensListView`: a page of the user's tokens), nor a Django route named
    for logging in whose function view only shows a page (it reads nothing submitted,
    checks no password and hands the request to `render` alone: a page telling the user
    to log in through single sign-on, or whose form posts to another view, judged by
    what it calls; or to Django's messages alone before a redirect:
    `messages.warning(request, ...)` in a `login_required/` view sending the visitor on), nor one whose function view reads no form and refuses a request
    whose parameter does not match a value kept in the session (an OAuth callback such
    as `github-login/` checking `state` before trading the `code` for the user), nor a
    Django URL named for logging in whose class view answers GET, HEAD and OPTIONS alone
    (a DRF `APIView` with only a `get`: a list of the ways to log in, a single sign-on start redirecting to the identity provider; found also in a
    URLconf no other includes, as a plugin's registered at run time) or only a logged-in
    user reaches (`LoginRequiredMixin`, an admin site's `admin_view` on its `dispatch`: a
    staff report counting logins, `reports/login-stats/`; a decorator of the project
    named for requiring a signed-in user or staff, `@superuser_required` on an
    administrator's `users/signinas/` taking over an account; in Flask, Flask-Login's
    `@login_required` on a chart of logins, `/stats/user_logins`, but not
    Flask-HTTPAuth's, which checks the password each request carries), or is a class of the
    project on Django's `RedirectView` answering no method itself (`get_redirect_url()`
    alone, returning the identity provider's authorization URL: every method gets that
    redirect) or only GET (a `get` sending a visitor already logged in on to `next` and
    others to the login page; a `get` checking a password is found by that call), or
    whose function
    view's decorators let only those through (`require_GET`, `require_safe`,
    `require_http_methods(["GET"])`: a developer's login as a configured user; one that
    checks a password it reads from the query string is found by its `authenticate()`), nor a route not named for logging in that calls `login_user` and
    answers GET alone (`@bp.get`, `@app.route` without `methods`) unless it reads a
    password from the query string or the `Authorization` header (a browser posts a
    login form; such a route is the callback an identity provider sends the user back to
    with a `code`, or a signed link); a login route handing the work to a backend's own
    `login()` is one. Nor is a Flask route named for logging in that answers GET alone
    and only shows the page (`LoginForm(request.form)` handed to `render_template`, the
    form posting back to a route that refuses POST): it reads no query string nor header,
    never checks the form (`validate()`), logs no one in, keeps nothing in the session
    and calls nothing that checks a password, building a form aside (Werkzeug parses
    the body a script sends with a GET, so one checking it is still an entry point).
    Nor is the Django admin's login in an application that sends a
    visitor who is not logged in to the site's own login first (`admin.site.login =
    login_required(admin.site.login)`, allauth's `secure_admin_login`,
    `staff_member_required(..., login_url=...)`, in any of its modules): that login,
    judged on its own, is the entry point; nor is the login of Django's default admin
    site (`admin.site.urls`) when an `AdminConfig` of the project replaces that site
    (`default_site = "..."`) by an `AdminSite` subclass whose `login` hands the visitor
    to single sign-on and takes no password (`return sso_start(request)`, not
    `super().login(...)`), nor the login of an admin site whose URLconf routes the
    site's `login/` to a view of its own above it (`path("admin/login/", sso_redirect)`
    before `path("admin/", admin.site.urls)`): Django serves the first pattern that
    matches, so that view, judged on its own, is the entry point (in source order: a
    list reordered by `insert(0, ...)` is read as written). Nor is a URL named for logins whose view is
    made of REST framework's generic views of a model's rows alone (`login-attempts/` on
    a `ModelViewSet` or a `ListCreateAPIView` defining no handler or action of its own):
    it stores and lists rows through its serializer and checks no password. Nor is a
    URL named for logging in whose class view (its handlers known, on no library's login
    view) takes nothing a caller could guess: none of its classes names a password, a PIN
    or a one-time code, checks a password or logs anyone in, uses a serializer or a form,
    or hands the request or its submitted data whole to anything but a logger
    (`authenticate/` of an API reading only `request.data.get("email")` that a front end,
    having logged the user in through single sign-on, calls to get a token; one posting
    the data to a serializer or a helper of the project is still an entry point). Nor is a
    URL named for logging in whose view only a logged-in user reaches (`login_required`,
    `LoginRequiredMixin`, a DRF permission class named for an authenticated user or
    staff, `IsAuthenticated`, `IsAdminUser`, a project's `AdminOnly`, and not for the
    anonymous, `IsNotAuthenticated`): a `token/` showing or revoking the user's own API
    token; a password it checks itself is found by that call. Nor is a
    function of a module of shell commands (a management command's test client whose
    `login` calls `authenticate()` for a load test): no request reaches it. Nor has a
    Django project any entry point when every settings module judged lists in
    `AUTHENTICATION_BACKENDS` only backends that check no password (Django's
    `RemoteUserBackend`, an identity provider library's, a backend of the project whose
    own `authenticate` names no password and hands nothing to `super().authenticate()`,
    reading the headers of the single sign-on proxy in front, or a project subclass of
    either that defines no `authenticate` of its own): `authenticate()` then returns None for any password,
    so the admin's login form and a `LoginView` log no one in with one; nor when every
    settings module judged lists a middleware that refuses each request without the
    header a single sign-on proxy in front sets and takes the user from it (`email =
    request.META.get(settings.OIDC_EMAIL_HEADER)`, `if email is None: return
    HttpResponse(status=401)`, then `request.user = ...`): the admin's login form and the
    project's others are shown only to users the proxy has logged in already. Nor is a
    URL pattern a URLconf adds only when `settings.DEBUG` is on (`if settings.DEBUG:
    urlpatterns += [path("django-admin/", admin.site.urls)]`, the `else` of `if not
    settings.DEBUG:`): the development server serves it, not the deployed site.

    ## Why is this bad?
    Without a limit an attacker tries passwords as fast as the server answers:
    credential stuffing with leaked password lists, or guessing one account's password.
    Django and Flask have no login throttling of their own.

    Nor does it report an application whose failed logins a fail2ban jail shipped with
    the project bans clients for: a jail enabled in a `jail.local`, a `jail.d/` file or a
    `.conf` of a `fail2ban/` folder, using a filter of the project's own
    (`filter.d/<name>.conf`) whose `failregex` quotes a line about a failed login
    (`Failed login attempt from ip <HOST>`) that the application's code writes.

    ## Known problems
    Throttling done outside the application (nginx `limit_req`, a WAF, the load
    balancer, a fail2ban jail configured outside the repository or with a stock filter)
    is invisible in the code; record it as an accepted risk.

    ## Example
    ```python
    from flask import Flask, request
    from flask_login import login_user

    app = Flask(__name__)

    @app.route("/login", methods=["POST"])
    def login():
        user = check_credentials(request.form["email"], request.form["password"])
        login_user(user)
        return "ok"
    ```

    ## Fix
    ```python
    from flask import Flask, request
    from flask_limiter import Limiter
    from flask_limiter.util import get_remote_address
    from flask_login import login_user

    app = Flask(__name__)
    limiter = Limiter(get_remote_address, app=app)

    @app.route("/login", methods=["POST"])
    @limiter.limit("5 per minute")
    def login():
        user = check_credentials(request.form["email"], request.form["password"])
        login_user(user)
        return "ok"
    ```

    ## References
    - [CWE-307: Improper Restriction of Excessive Authentication Attempts](https://cwe.mitre.org/data/definitions/307.html)
    - [OWASP Authentication Cheat Sheet: login throttling](https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#login-throttling)
    - [django-axes](https://django-axes.readthedocs.io/)
    - [Flask-Limiter](https://flask-limiter.readthedocs.io/)
    """

    code = "WW748"
    name = "login-without-rate-limit"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 307
    message = "{what}{others} accepts passwords with no login throttling anywhere in the project{throttles}"
    fix = "limit login attempts: django-axes or django-ratelimit, Flask-Limiter, DRF throttles"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        # NOTE: one finding per application; apps scanned together are judged apart.
        for application, entries in entries_by_application(project).items():
            throttles = ""
            limiters = protections(project, "ratelimit", application)
            if limiters == [_ALLAUTH]:
                # NOTE: allauth limits the logins of its own views (through its adapter),
                # not the admin's form nor a password an API request carries.
                entries = [e for e in entries if e.admin_site or e.basic_auth]
                if not entries:
                    continue
                throttles = _ONLY_ALLAUTH
            elif limiters:
                continue
            if protections(project, "drf-throttle", application):
                # NOTE: DRF's rate throttles let every request through when the rate of
                # their scope is None; a rate that may be set counts as throttling.
                scopes = disabled_drf_throttles(project, application)
                idle = anonymous_drf_unthrottled(project, application)
                if scopes and idle != ():
                    # NOTE: when none is put to work by default, that says more than
                    # the rates of the ones a switch would add.
                    throttles = _disabled(scopes)
                elif idle is not None:
                    # NOTE: a throttle keyed by the signed-in user, or none at all by
                    # default, leaves every API login open to an anonymous guesser.
                    throttles = _users_only(idle)
                else:
                    entries = _plain_django_entries(project, entries)
                    if not entries:
                        continue
                    throttles = _ONLY_DRF
            if project.fail2ban_throttled(application):
                continue  # NOTE: the firewall blocks a client past the jail's `maxretry`
            first = entries[0]
            count = len(entries) - 1
            others = (
                f" (and {count} other login entry point{'s' if count > 1 else ''})" if count else ""
            )
            what = first.what[0].upper() + first.what[1:]
            yield self.make_finding(
                first.location, key="login", what=what, others=others, throttles=throttles
            )


_ALLAUTH = "allauth"
_ONLY_ALLAUTH = (
    " (none that reaches it: django-allauth's rate limits cover only its own login views)"
)
_ONLY_DRF = (
    " (none that reaches it: Django REST framework's throttles limit only its own views,"
    " and this URL routes to a plain Django view)"
)


def _plain_django_entries(project: ProjectModel, entries: list[LoginEntry]) -> list[LoginEntry]:
    """The entries that are Django URLs routed to a view of the project known not to be
    REST framework's (a `View` subclass, a function without `@api_view`), and the Django
    admin's login, Django's own view: no DRF throttle runs for them."""
    if project.django is None:
        return []
    plain = {
        (route.location.path, route.location.line)
        for route in project.django.routes
        if route.view is not None
        and route.view.kind in {"class", "function"}
        and not route.view.is_drf
    }
    return [e for e in entries if e.admin_site or (e.location.path, e.location.line) in plain]


def _users_only(classes: tuple[str, ...]) -> str:
    """Why the DRF throttles put to work by default (`classes`) slow no anonymous client."""
    if not classes:
        return (
            " (Django REST framework's throttles: none is put to work by default, in"
            " `DEFAULT_THROTTLE_CLASSES` or a view's `throttle_classes`)"
        )
    names = ", ".join(f"`{last_part(name)}`" for name in classes)
    return (
        " (Django REST framework's throttles put to work by default limit signed-in users"
        f" alone: {names})"
    )


def _disabled(scopes: tuple[str, ...]) -> str:
    """` (Django REST framework's throttles ...: ... None to scope `login`)` for the message."""
    names = ", ".join(f"`{scope}`" for scope in scopes)
    plural = "s" if len(scopes) > 1 else ""
    return (
        " (Django REST framework's throttles let every request through:"
        f' `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` gives None to scope{plural} {names})'
    )
