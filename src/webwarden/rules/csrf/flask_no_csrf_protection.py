"""WW620: state-changing routes in a cookie-using Flask app with no CSRF protection."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel, Route
from webwarden.rules.csrf._cookie_free import acts_as_user
from webwarden.rules.flask_base import (
    CSRF_EXTENSIONS,
    FlaskRule,
    in_effect,
    user_cookies_kept_off_cross_site,
    uses_cookie_auth,
)


class FlaskNoCsrfProtection(FlaskRule):
    """## What it does
    Finds routes accepting POST in a Flask app that has no CSRF protection (PUT, PATCH
    and DELETE take a script, which the browser sends across sites only with the app's
    CORS consent, so a view class is judged by its `post`, its decorators and the methods
    it may call, not by its other handlers: a sign-up's `post` beside `put` and `delete`
    under `@jwt_required()`): no Flask-WTF `CSRFProtect`, no Flask-SeaSurf (also named by
    its dotted path in a settings file, `- flask_wtf.csrf.CSRFProtect` in a YAML list of
    extensions, of a project importing objects by name with `import_string` or
    `importlib`: its factory sets up what the list names), and the view validates no
    `FlaskForm` (`validate_on_submit()` and `validate()` check the token; a form built
    and never validated checks nothing), made there or by a helper it calls (also a
    method of a project class called on an object whose class the view does not name,
    `form = campaign.form()` on a row a decorator loaded, when no other function of the
    project has its name) (a call of
    `validate_on_submit()`, which only Flask-WTF's forms have, is one whatever library
    its class comes from; so is baseframe's `forms.Form`, a `FlaskForm`, and so does
    baseframe's `render_delete_sqla()`, which deletes only once its `ConfirmDeleteForm`
    validates), validated there
    or by a function of the project the view calls, which may be handed the form
    (`return _change_password(PasswordForm())`, whose `validate_on_submit()` checks the
    token before it writes), or by a method of the project's form class that validates
    its own form (`form.validate_or_flash()` calling `self.validate_on_submit()`), or,
    for a class-based view, by the project's view class it derives from (a base's
    `post()` calling `self.form.validate()`), the form being the one its class or such
    a base names in `form_class`, which a mixin builds (`self.form_class(request.form)`),
    or by a decorator of the project that runs the view only once
    such a form is submitted (Mailu's `@confirmation_required`); for the delete and
    action views of a Flask-Admin `ModelView`, no `form_base_class` that checks a token
    (`flask_admin.form.SecureForm` or a `FlaskForm`, set on the class or a project base
    class: Flask-Admin builds those views' forms of it); and no
    `before_request` hook covering the view checks a token the project's own way (a
    hook named for CSRF that aborts, as CTFd's compares the session's nonce with the
    form's, or that returns a response, which Flask sends in the view's place, as the
    Flask snippet's `csrf_protect` returning an error body on a mismatch does, or one calling a check named for it such as `check_csrf_token()`; also a Flask-Classful view
    class's `before_request` method calling such a check, itself or through the hook of
    a base it calls, `super().before_request(name)`: a project's `csrf_protect()`
    refusing a post whose `Referer` is another site's), nor a view
    under a decorator named for such a check (Quay's `@csrf_protect()`, `@prevent_csrf`) or calling one
    (`verify_csrf()`, Flask-WTF's `validate_csrf(token)`), nor a view under a decorator
    of the project that compares the token the request sends with the session's and
    refuses a mismatch (`if stored["xsrf_token"] != request.headers.get("X-XSRF-Token"):
    abort(403)`), in its wrapper or, for a decorator class whose instance wraps the view
    (`@requires_login()`), in a method of the class or its bases the wrapper calls on
    `self` (a base's `load_user()` calling the `session_checks()` the class overrides),
    unless the view turns it off (`@requires_login(check_xsrf=False)`), nor a view under a decorator
    of the project whose wrapper, before it calls the view, answers a form failing
    validation with a refusal (`form = FlaskForm()`, then `if not form.validate():
    return error(...)`, also only on posts carrying the session cookie: an access
    decorator checking Flask-WTF's token itself). A form
    class whose `class Meta` sets `csrf = False` checks no token, nor do its subclasses
    that leave it so: a sign-in form so made lets another site sign the visitor in as
    the attacker; nor does a form built with the check turned off
    (`CommentForm(meta={"csrf": False})`, the older `csrf_enabled=False`), as a JSON API
    that also takes the session cookie may build its forms. Only
    apps whose users are known by a cookie are judged: apps using `session`,
    Flask-Login, Flask-Security or Flask-User, or a login cookie of their own (a
    `before_request` hook reading `request.cookies`, the signed token that names the
    user, in an app some of whose routes require login; or a session token a view draws
    from `secrets` or `uuid4` and hands out with `set_cookie`, which views read back from
    `request.cookies`: a wiki's edit views checking `request.cookies.get("sid") in
    SESSIONS`), or HTTP Basic or Digest
    credentials a `before_request` hook reads (`request.authorization`, rq-dashboard's
    `add_basic_auth` hook on its blueprint) or a view's decorator checks (Flask-HTTPAuth's
    `HTTPBasicAuth`, `HTTPDigestAuth` or `MultiAuth`, Flask-BasicAuth's
    `@basic_auth.required`, the project's `requires_auth` reading `request.authorization`),
    which the browser sends again by itself once the user typed them. Apps without them (token-authenticated JSON APIs,
    forms with no login) give a forged request no user to act as, and are not
    reported. Nor are views that read what the client sends only as JSON (`request.json`,
    `get_json()`, Flask-RESTX's `api.payload` of an `Api` or `Namespace` the module
    makes, also of a namespace made of another module's `Api` that routes the module's
    resources (`ns = api.namespace("pumps")`, `@ns.route(...)`), webargs' `parse(schema, request, location="json")`,
    the `parse_args()` of a Flask-RESTful or Flask-RESTX `RequestParser` (or a project's
    copy of its `reqparse` module) each of whose arguments is read from the JSON body
    (`add_argument("name", location="json")`; one with no location is read from the
    form too), itself, through a method
    of its Flask-Classful view class, through the project functions it calls, such as a
    login view's `authenticate()`, or through the wrapper of a project decorator that
    reads the body before it calls the view (`@api.validate(model)` checking
    `request.json`); not `get_json(force=True)`), the query
    string aside: Flask
    refuses other bodies, and another site cannot send a JSON one without the app's CORS
    consent. Nor are views that act as no one: they read neither the session, nor `g`,
    nor the signed-in user, nor the `Cookie` or `Authorization` headers the browser adds
    by itself, call no login library (`login_user`; Flask-JWT-Extended's
    `create_access_token()`, which only builds the token the view answers with, is none,
    `set_access_cookies()` is), and call no function of the project
    that may (a function is judged by its body; a class or object by whether its module
    imports any of them, an object a library made, `log = logging.getLogger()`, by that
    library, also through the methods of such objects: `parser = ns.parser()` of a
    Flask-RESTX namespace, or its `parser.copy()`; one a project factory made, `user_mod =
    make_authenticator()`, called by the view itself, by the factory's module too; a view
    class's handlers inherited from the project's own view
    classes count as its own), under no decorator but a user-blind extension's
    (`@talisman(...)`), a project's that only asks the app's config whether a feature is
    on and refuses otherwise, reading nothing of the visitor (`if
    current_app.config["ENABLE_FEDERATED_LOGIN"]: return f(*args, **kwargs)`, else a
    flashed message and a redirect: no login check, whatever its name), or one that only describes a Flask-RESTX handler
    (`@ns.expect(parser)`, `@ns.response(201, "Created")`, `@ns.marshal_with(model)`),
    and no `before_request` hook that may read them (an experiment's
    participants posting under the id their page was given, in an app whose dashboard
    signs in; an API whose hook knows the caller by an `Authorization: Token` header
    only, its session kept for the OAuth sign-in): a forged post gains another site
    nothing it could not send itself. Nor
    are views that turn away first every request proving no credential of
    its caller (a secret header compared with the app's, a signature checked, a signed
    token decoded: the token of an e-mailed link loaded by an itsdangerous serializer
    keyed with the app's secret, `try: email = ts.loads(token, max_age=86400)` with
    every handler leaving the view, not `loads_unsafe()`; a webhook's, also by a predicate of another module the view first
    refuses on, `if not is_github_hook(request): return ...`, that is true only once
    `hmac.compare_digest` held, also after statements that change nothing, such as the
    site's config read through a reader named for it, `hook_branch = _cfg("hook_branch")`,
    and a branch answering `"ignored"` when it is unset, or a `try` looking a row up by
    the URL's id whose handlers refuse, `try: device = get_device(device_id)` `except
    LookupError: return abort(404)` (not a getter named for storing,
    `get_or_create_device`), and inside a `try` whose
    handlers leave the view; Stripe's `Webhook.construct_event()` raises unless the
    header signs the payload, also past a branch skipping it in test mode, `if
    app.config["TESTING"]:`; a SAML assertion consumer whose view returns what a method
    handing the request to python3-saml's `process_response()` or pysaml2's
    `parse_authn_request_response()` makes, `return user_mod.consume_saml_assertion()`,
    or one making that call itself, as python3-saml's Flask demo does (`auth.process_response(
    request_id=...)`, then acting only when `auth.get_errors()` is empty),
    also on an object whose class the project chooses at start-up when no other method
    of the project has that name: the identity provider's page posts its signed answer
    across sites by design, where no CSRF token can ride), which a browser never sends
    another site's forms with;
    comparing the owner of a record the request names with the signed-in user (`if
    query.user_id != get_user().id: return ..., 403`) proves no credential: a forged
    request carries the user's cookie; nor does a check that a record the request names
    exists (`check_user_exists(user_id)`), whatever its name says.
    Nor are views that provably change nothing (they only read the request or the app's
    config, `current_app.config.get("AUTH")`, query
    `Model.query` (`User.query.get(name)`) or Flask-SQLAlchemy's session for rows
    (`db.session.get(User, user_id)`, `db.session.scalars(db.select(User).filter_by(...))`,
    the legacy `db.session.query(Job, Task).join(Task).count()`, also of the scoped
    session Flask's docs name `db_session`, sorted by
    `Job.created.desc()` or filtered by an `exists()` subquery, built with SQLAlchemy's
    expressions, `case(...)`, `.label()`, `.ilike()`, `.is_()`; not a select taking
    locks, `with_for_update()`, nor a query's `.delete()` or `.update()`), compute values (`len()`, `json.loads()`,
    `data.decode()`, `random.uniform(a, b)`, sign a value with itsdangerous,
    `URLSafeTimedSerializer(key).dumps(user.id)`), test a Flask-Principal permission (`readers.can()`), build a form
    only to render it (`TokenForm()`), call project
    functions, of any module, that do no more (a pagination form's view redirecting to
    `helpers.current_url(page=n)`, which builds the URL), or such a method of the
    project called on the signed-in user (Flask-Login's `current_user`, or a member of
    `g` named for the user), when no other method of the project has its name (Flasky's token view answering
    `g.current_user.generate_auth_token()`, which signs the user's id), render, redirect
    or refuse, under no decorator but an access
    check, Flask-Limiter's rate limit (`@limiter.limit("10/minute")`, which counts
    requests only) or one of the project's whose wrapper stores nothing but for calling
    the view (`@json_output` answering its dict as JSON, Flask's documented
    `@templated`) or that hands the view back unchanged (`@listed` noting the view's
    name for a site map at import); a query's column operators (`Mod.id.in_(ids)`) and `.with_entities(...)` select too;
    a display preference kept in the session, `session["language"] = code`, counts
    as no change): a forged request
    makes them do nothing the user could not see by visiting the page. Nor are views whose decorator checks a credential read from a header (an
    API key or token answered with 401 or 403) and that do not read the session, nor
    views under Flask-JWT-Extended's `@jwt_required` (or a project decorator calling its
    `verify_jwt_in_request()`) while `JWT_COOKIE_CSRF_PROTECT` is left on: a token sent
    as a cookie is refused without the CSRF token the page sends in a header.
    Reported at low severity when `SESSION_COOKIE_SAMESITE` is `Lax` or `Strict` in every
    config the app loads (browsers leave the cookie off the posts other sites start) and,
    should the app log users in with Flask-Login's remember-me cookie
    (`login_user(user, remember=...)`, or Flask-Security's or Flask-User's login view),
    `REMEMBER_COOKIE_SAMESITE` is too: that cookie alone logs the user in again. Not
    when a deployment decides the value (`os.environ.get("SESSION_COOKIE_SAMESITE",
    "Lax")`, or a file loaded after it by `from_envvar` or `from_pyfile`): it may set
    `None`, and the source cannot show that it keeps the cookie off.

    ## Why is this bad?
    The browser sends the session cookie with every request to the site, including a
    form another site posts. Without a per-session token the app cannot tell the user's
    own submission from a forged one: the attacker's page changes the user's email,
    password or data.

    ## Known problems
    SameSite does not separate sites sharing a registrable domain: a page on a sibling
    subdomain (or one an attacker can upload to there) still posts with the cookie, and
    browsers that ignore the attribute send it anyway; hence low, not silent. A setting
    made in an `if` (`if env == "production": ...`) counts as made. A hook reading
    `request.authorization` is taken to read HTTP Basic or Digest credentials: since
    Werkzeug 2.3 it also parses a `Bearer` token, which the browser does not add by itself.

    ## Example
    ```python
    from flask import Flask, request, session

    app = Flask(__name__)


    @app.post("/email")
    def change_email():
        session["email"] = request.form["email"]
        return "ok"
    ```

    ## Fix
    ```python
    from flask import Flask, request, session
    from flask_wtf.csrf import CSRFProtect

    app = Flask(__name__)
    csrf = CSRFProtect(app)


    @app.post("/email")
    def change_email():
        session["email"] = request.form["email"]
        return "ok"
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery (CSRF)](https://cwe.mitre.org/data/definitions/352.html)
    - [Flask-WTF: CSRF protection](https://flask-wtf.readthedocs.io/en/stable/csrf/)
    """

    code = "WW620"
    name = "flask-no-csrf-protection"
    practice = Practice.CSRF
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 352
    message = "`{route}` (`{endpoint}`) changes state and {unprotected}"
    fix = "add `CSRFProtect(app)` (Flask-WTF) and put `csrf_token()` in every form"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        if app.extension(*CSRF_EXTENSIONS):
            return
        if not (uses_cookie_auth(app) or _own_login_cookie(app) or app.asks_basic_credentials):
            return
        same_site = user_cookies_kept_off_cross_site(app)
        jwt_csrf_on = not any(
            in_effect(j.value) is False for j in app.judge("JWT_COOKIE_CSRF_PROTECT")
        )
        for route in app.routes:
            # NOTE: another site's form sends a POST only: a view class is judged by its
            # `post` (and what it may call), not by its handlers that need a script.
            posted = route.post_view or route
            if (
                app.takes_json_only(posted)
                or posted.body.verifies_caller
                or _writes_nothing(app, posted)
                or not acts_as_user(app, posted)
            ):
                continue
            if app.checks_csrf_in_hook(posted) or app.checks_csrf_itself(posted):
                continue
            if app.header_guarded(posted, forged=True) and not app.authenticates_by_cookie(posted):
                continue  # NOTE: the caller is known by a header a forged request lacks
            if app.jwt_guarded(posted) and jwt_csrf_on:
                continue
            if route.forgeable and not app.uses_flask_form(posted):
                finding = self.at(
                    route.location,
                    key=route.endpoint,
                    route=route.display,
                    endpoint=route.endpoint,
                    unprotected=_CHECK_OFF if app.forms_check_no_token(posted) else _NO_PROTECTION,
                    severity=Severity.LOW if same_site else None,
                )
                yield dataclasses.replace(finding, context=_SAME_SITE) if same_site else finding


_NO_PROTECTION = "the app has no CSRF protection"
_CHECK_OFF = "its form's CSRF check is turned off"
_SAME_SITE = "`SESSION_COOKIE_SAMESITE` keeps the session cookie off the posts other sites start"


def _own_login_cookie(app: FlaskApp) -> bool:
    """Whether the app knows its users by a cookie of its own: a `before_request` hook
    reads the cookies (the project's signed token naming the user), and some routes
    require login, which that user passes; or a view hands out a session token it draws
    from `secrets` (or `uuid4`) in a cookie, which views read back (`_issues_token_cookie`)."""
    if _issues_token_cookie(app):
        return True
    if not any(
        hook.kind.startswith("before") and "cookies" in hook.body.request_reads
        for _, hook, _ in app.hooks
    ):
        return False
    return any(app.protected_by_login(route) for route in app.routes)


_TOKEN_DRAWS = frozenset(
    {"secrets.token_urlsafe", "secrets.token_hex", "secrets.token_bytes", "uuid.uuid4"}
)
"""Random values a session token is made of; a display preference is never drawn so."""


def _issues_token_cookie(app: FlaskApp) -> bool:
    """Whether a view sets a cookie and draws a random token (a session id of the app's
    own, kept in a server-side list or table), and a view reads the request's cookies
    back: the browser sends that cookie with another site's posts too."""
    bodies = [route.body for route in app.routes]
    return any(
        any(call.endswith("set_cookie") for call in body.calls) and body.calls & _TOKEN_DRAWS
        for body in bodies
    ) and any("cookies" in body.request_reads for body in bodies)


def _writes_nothing(app: FlaskApp, route: Route) -> bool:
    """Whether the view provably changes no state (it renders, redirects or refuses) and
    no decorator but an access check, which only turns requests away, or one of the
    project's storing nothing around the view (`@json_output`) runs around it."""
    return app.writes_nothing(route) and all(
        app.guards_access(d) or d.name in app.inert_decorators | app.config_gates
        for d in route.decorators
    )
