"""WW721: a state-changing route without login in an app that requires login elsewhere."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel, Route
from webwarden.rules.auth._public import is_public
from webwarden.rules.auth._sign_ups import signs_up
from webwarden.rules.flask_base import CSRF_EXTENSIONS, FlaskRule


class FlaskRouteWithoutLogin(FlaskRule):
    """## What it does
    In an app whose routes use `@login_required` (or Flask-Security's `@auth_required`,
    `@roles_required`, `@permission_required`, a project's own decorator named the Flask
    way such as `@user_login_required` or `@edit_required` (not one whose wrapper only
    asks the app's config whether a feature is on and reads nothing of the visitor,
    `@federated_login_route`, whatever its name), or whose wrapper checks the
    login whatever its name, such as a `@secure` that reads the session and redirects to
    the login page or a `@check_token` that reads an API key from a header and answers
    401 or 403 (Flask's `abort` or Flask-RESTX's), or whose wrapper first turns away a
    request whose header token does not decode with the app's key (`jwt.decode(token,
    key)` in a `try` whose handlers leave), a `@require_api_sudo` whose wrapper
    hands back what the project's `authorize_request()` refuses with, an `@is_organizer`
    whose wrapper reads
    `current_user` and refuses the request (`raise ForbiddenError(...)`), a
    `@user_needed("manage_users")` whose wrapper asks the user the project keeps on `g`
    (`g.user`, or the login session's there: Canaille's `if not g.session or not
    g.session.user.can(...): abort(403)`), one made by a
    factory that hands its
    wrapper to `login_required` (Mailu's `@permissions_wrapper def owner(...)`),
    Flask-RBAC's `@rbac.allow(["admin"], ["POST"])` naming roles other than the anonymous
    one, a `before_request` login check...), finds
    routes accepting POST, PUT, PATCH or DELETE that have none of these. A view given to
    `add_url_rule` carries its own decorators, wherever it is defined, and those wrapping
    it there (`view_func=login_required(edit)`), and those a loop over the app's
    `view_functions` wraps it in after it is registered (`app.view_functions[endpoint] =
    login_required(view)`, bar the endpoints the loop skips by a constant list: `if
    endpoint in PUBLIC_ROUTES: continue`); a `before_request` hook counts when it
    asks who is logged in (`current_user.is_authenticated`, SecureDrop's
    `session.logged_in()`) and turns the anonymous user away (`return
    redirect(url_for("login"))`, `abort(401)`; not one refusing only under a test the
    anonymous fails, flasky's `if current_user.is_authenticated:` sending an account not
    confirmed yet to the page saying so), or refuses a request whose header lacks
    the caller's token (an API's `bp.before_request(requires_token)`, the function
    imported from another module or wrapped in `functools.partial`, answering 401 or
    403, also when it reads the header through project helpers: `check_auth` calling
    `get_token_from_headers()`, and when a helper refuses for it by raising an exception
    of the project given the status, `raise AuthError("Unauthorized", 401)`, which the
    app's error handler answers with), not when it only reads them, nor when it
    checks a CSRF token against the session's and refuses a forged post without sending
    anyone to log in (CTFd's `csrf` hook lets in every visitor who posts the token of
    their own session, the anonymous too); so does a Flask-Classful view class's
    `before_request` (or `before_<name>`) method that checks the login, or that calls the
    hook of a base that does (`super().before_request(name)`, `Base.before_request(self,
    name)`), the base a mixin of any module of the project. A public view's own check does not show that
    the app requires login: a sign-in view asks `current_user.is_authenticated` to send
    a signed-in user on, or calls `authenticate_user(password, user)` to sign one in.
    Routes that are
    public by nature (login, logout, asking for or following a sign-in link by e-mail
    (`magic-links/new`, `passwordless/`), register or create an account
    (`create_your_account`; not a bare `create_account`, which may be staff's), join a mailing list or newsletter (`join_mailing_list`,
    `newsletter/subscribe`, not `newsletter/send`), password reset, e-mail verification,
    webhooks, callbacks, trackback, pingback and Webmention receivers, the endpoints a
    page's script posts its errors to, the site's
    first-run setup at `/setup` or `/install`, or a named step of it such as
    `/setup/admin-pass`, which makes the first account), views
    building a WTForms form that asks for an account's name and its one password
    (`username = StringField(...)`, `password = PasswordField(...)`: whoever posts it
    proves who they are by the password, as on a sign-in page or one syncing a
    one-time-password token before the user can log in; not a form with a new password
    and its confirmation, which the session's user sets), or whose one field is a
    password to prove (a password gate, `password = PasswordField(...)` opening a
    protected project to whoever knows its shared password; not `new_password`), views asking a CAPTCHA
    (building, themselves or through the project's helpers, a form of the project with
    a CAPTCHA field, Flask-WTF's `recaptcha = RecaptchaField()` or `captcha =
    StringField(...)`, or checking a CAPTCHA's answer, `validate_captcha(answer)`,
    Flask-reCaptcha's `recaptcha.verify()`: a tip line's or a contact page's form, made
    for visitors who are not signed in, whom the CAPTCHA tells from robots), views
    signing a visitor up whatever their name (they call a function named for making an
    account, `create_user(...)`, `register_member(...)`, and one logging a user in,
    Flask-Login's `login_user` or the project's `log_user_in`: the account is made and
    its owner signed in, which no login can come before; a staff page adding an account
    logs no one in), and
    views that refuse the request themselves (`abort(403)`, `abort(401)`,
    `raise Forbidden()` or the project's own `ForbiddenError` or `Forbidden403`, or any exception of the
    project given the status, `raise APIError("denied", 403)`, `return body, 403`, an error page of the project's for either
    status, `return error_page(error=401)`, or a response of the project's given
    the status beside its message, `return json_with_status("denied", 403)`, a helper named for the refusal it returns,
    `return api.send_access_denied_response()`, not a test such as `return
    is_forbidden(text)`: a permission check of their own, such as a wiki's per-page ACL)
    are not reported, nor views whose first statements turn away a visitor the session
    does not name (`if "user_id" not in session: return redirect(url_for("login"))`,
    also of a login session the app keeps on `g` from its own cookie, `if "username" not
    in g.session:`, not a database's `g.db_session`; `if g.user is None: abort(401)`, `if not user_has_permission("edit"): return
    redirect(...)` or `current_user.has_role("admin")`: a permission or role, which the
    visitor the session does not name lacks, as it lacks a staff role (`if not
    current_user.is_admin(): abort(404)`, `is_staff`, `is_superuser`), or the same test through a function of the module
    whose one statement returns it: `if not authenticated(): return redirect(...)` with
    `def authenticated(): return hasattr(g, "fas_user") and g.fas_user`; a redirect
    under a test of something else, such as the method, refuses no one; `if not
    current_user: return redirect("/login")`, here or in a decorator's wrapper, where the
    app's Flask-Login manager makes the anonymous user false, `login_manager.anonymous_user
    = lambda: None`, and only there: Flask-Login's own `AnonymousUserMixin` is true, and
    such a test turns no one away), nor views
    that call the project's own login or permission decorator themselves once they know
    what is asked (`authorize("create", resources)`, where other views carry
    `@authorize`: the project's check doubles as a function), or a function of the
    project that checks the permission itself: it reads `current_user` and refuses the
    request as unauthorised (`abort(403)`, `abort(refusal)` where `refusal=403` is the
    parameter's default), called by the view or by helpers it calls
    (`_check_editable(post)` handing a JSON refusal to `check_post_editable(post,
    refusal)`), nor views calling a method of an object of a project class
    (`Page(path).save(text)`, `page = Page(path)` then `page.rename(new)`, or an object
    the project builds once) whose first statements, before any that may store, refuse
    the request as unauthorised (`if not has_permission("WRITE"): abort(403)`), call
    such a check, or call a method of the same object doing so, through at most three
    calls on `self` (`self._require_writer()`; a method storing nothing, such as one
    answering 404 while a feature is off, may come first), or which carries a login or
    permission decorator (a check after a call that may store, or in a method of
    another class than the object's, counts for nothing),
    nor views that hand the request to CKAN's authorization, themselves or
    through such a helper: CKAN runs an action's auth function before the action
    (`get_action("package_update")(context, data)`, of `ckan.logic` or the toolkit), or
    the view asks it (`toolkit.check_access("group_create", context)`), and the auth
    functions of the actions that change data refuse a visitor who is not logged in (not
    those of reads, `package_show`, which admit anyone to a public dataset, nor signing
    up, `user_create`; nor an action run with `{"ignore_auth": True}` or as the site's own
    user, `get_site_user`, in the same function), nor views
    whose one statement returns the call of another of the app's views that a login
    decorator guards (`return update_pool(name)` under a URL kept for clients that cannot
    send `PATCH`): the name is bound to the decorated function, whose check runs first,
    nor views another server calls with a credential of its
    own, whose first statement (after reads of the request, logging and bare refusals
    such as `if not data: return "empty", 400`) turns away a request without it:
    `if request.headers.get(H) != SECRET: return ...`, `if not
    verify_incoming_request(request.form): return ...`, `if verify_request(...): ...`
    followed by a refusal (also through a local holding the check's answer: `success =
    verify_order(data)`, `if success: ...`), a `try` decoding a JSON Web Token with a key whose handlers
    return, a check of the module's that answers with a refusal for such a request
    and `None` otherwise, whose answer the view hands back when it is set (`refused =
    check_admin_secret()`, `if refused: return refused`), or a lookup of the key sent
    that raises when the app knows none (`try: invite =
    Invite.query.filter_by(hash=token).one()`, its handlers leaving the view: an invitation
    accepted by its e-mailed token), nor views under a path that an nginx configuration shipped with the project
    serves only to its own subrequests (`location /internal { internal; }`, the
    longest prefix matching the path and no regular-expression location): nginx answers
    a client asking for it with 404, so only the servers behind it call the view. A route accepting POST whose view provably writes
    nothing is not reported either: it calls only Flask's response builders
    (`render_template`, `jsonify`, `redirect`; also a library's wrapper of
    `render_template` named for it, `timed_render_template`), reads of the request
    (`request.args.get()`) and of the app's config (`current_app.config.get(...)`),
    Flask-SQLAlchemy queries
    (`User.query.filter_by(name=n).first()`, `db.session.get(User, user_id)`,
    `db.session.scalars(db.select(User).filter_by(...))`, the legacy
    `db.session.query(Job).order_by(Job.created.desc()).all()`, also of the scoped session
    Flask's docs name `db_session`, with SQLAlchemy's expressions, `case(...)`,
    `.label()`, `.ilike()`), a Flask-Principal permission test (`readers.can()`), a
    constant plain SELECT run as SQL and
    its rows fetched (a status page's `db.session.execute(text("SELECT version_num FROM
    alembic_version")).fetchone()`; not one taking locks, `FOR UPDATE`, or advancing a
    sequence), computations of values (`len()`,
    `json.loads()`, `data.decode()`; values drawn at random, `random.uniform(a, b)`,
    `uuid.uuid4()`, not `random.shuffle(items)`, which reorders a list in place), lines written to the log
    (`current_app.logger.info(...)`), forms built to be rendered (`TokenForm()`, or
    `self.form()` in a view class whose `form = SearchForm`), validated
    (`form.validate_on_submit()`) and asked for what their own methods return when
    those do no more (`form.get_results()` returning `User.query.whooshee_search(q)`,
    Flask-Whooshee's full-text query, its `.paginate(...)` a read too), a sort order
    picked among SQLAlchemy's (`order_func = asc` or `desc`, then `order_func(User.id)`)
    or a query's reading method picked from a dict (`actions[kind](q)`), and
    project functions, of any module, that do no more (`helpers.current_url(page=n)`
    building the URL a pagination form's view redirects to), stores into no object but a display preference in
    the session (`session["language"] = code`, also under a key another module holds in
    a constant named for it: `session[KEY_TIMEZONE] = tz`) and those it made itself (a dict it fills,
    `del headers[key]` after `headers = dict(request.headers)`, the status and headers
    of the response it built with `make_response()` or `jsonify()`, not a `Set-Cookie`
    header; also the fields of a form it built, `form.kind.query = Kind.query.all()`, and
    the attributes of a row it loaded for the page to show, `record.picture_url = url`
    after `record = Record.query.filter_by(id=n).one()`, which nothing commits), and
    carries no decorator but a CSRF
    exemption (a ddclient `checkip` answering with the client's address), Flask-Limiter's
    rate limit (`@limiter.limit("5/minute")`, which counts requests only), or one of the
    project's whose wrapper stores nothing but for calling the view (`@json_output`
    answering its dict as JSON, Flask's documented `@templated`) or that hands the view
    back unchanged (`@listed` noting the view's name for a site map at import); a
    query's column operators (`Mod.id.in_(ids)`) and `.with_entities(...)` select too.
    In a view
    class (`MethodView`, a Flask-RESTful or Flask-RESTX `Resource`), judged by all its
    methods (what its body binds runs once, at import), each writing handler
    may have its own guard (`@login_required` on `post`, the project's `@require_admin`
    on `delete`), and a handler whose one statement raises or aborts (`raise
    ApiError("use /problems", status_code=501)`, `abort(405)`) is no write: it only
    answers that the method is not allowed, and it hides a base class's handler of the
    same name. Medium
    confidence: the view may check permissions in a way webwarden does not recognise.

    ## Why is this bad?
    An app that protects some of its state-changing views has users whose data matters;
    a view that was forgotten lets anyone on the internet change that data.

    ## Known problems
    A view that calls a function webwarden cannot judge is taken to write, even when
    that function only reads; so is a view that calls nothing at all (`return "ok"`).
    What the rendered template runs is not judged. A row's attributes set by a view
    that calls no commit are taken as lost when the request ends, as Flask-SQLAlchemy's
    session is removed then; an app committing in a teardown or `after_request` hook
    (Flask-SQLAlchemy 2's `SQLALCHEMY_COMMIT_ON_TEARDOWN`) stores them. A route whose view the project does
    not define (`app.add_url_rule("/<path:p>", "svc", server.handle_request)` with
    `server` a parameter of the app factory), nor one whose view class a helper is
    handed (`view.as_view(endpoint)` in `def register_api(view, endpoint, url)`), is not
    reported: what it checks is unknown.
    A loop wrapping the app's views is taken to reach every view of the app, also one
    registered after it runs; one skipping views by a test of something else than a
    constant list of endpoints (`if getattr(view, "public", False): continue`) guards none.
    A CKAN action is judged by its name, as CKAN's own auth functions go (those of reads
    end in `_show`, `_list`, `_search`...), and an extension's by CKAN's default for
    plugins, which refuses the anonymous: an auth function the extension flags
    `auth_allow_anonymous_access` is taken as its own decision, and a site that lets the
    anonymous create datasets (`ckan.auth.anon_create_dataset`) chose to.

    ## Example
    ```python
    from flask import Flask
    from flask_login import LoginManager, login_required

    app = Flask(__name__)
    LoginManager(app)


    @app.post("/notes")
    @login_required
    def create_note():
        return "created"


    @app.post("/notes/<int:note_id>/delete")
    def delete_note(note_id):
        return "deleted"
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_login import LoginManager, login_required

    app = Flask(__name__)
    LoginManager(app)


    @app.post("/notes")
    @login_required
    def create_note():
        return "created"


    @app.post("/notes/<int:note_id>/delete")
    @login_required
    def delete_note(note_id):
        return "deleted"
    ```

    ## References
    - [CWE-306: Missing Authentication for Critical Function](https://cwe.mitre.org/data/definitions/306.html)
    - [Flask-Login: protecting views](https://flask-login.readthedocs.io/en/latest/#protecting-views)
    """

    code = "WW721"
    name = "flask-route-without-login"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 306
    message = "`{route}` (`{endpoint}`) changes state without login, unlike other routes of the app"
    fix = "add `@login_required` (or the app's permission decorator) to the view"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        if not any(_requires_login(app, route) for route in app.routes):
            return
        exempters = {f"{e.ref}.exempt" for e in app.extension(*CSRF_EXTENSIONS) if e.ref}
        for route in app.routes:
            if not route.state_changing or not route.view_found:
                continue  # NOTE: a view the project does not define may check the login itself
            if _writes_nothing(app, route, exempters):
                continue
            if app.protected_by_login(route) or _refuses(route):
                continue
            if route.body.verifies_caller or model.internal_only(route):
                continue  # NOTE: another server's to call: with a credential, or behind nginx
            if is_public((route.endpoint,), route.rule or "") or app.takes_credentials(route):
                continue
            if app.asks_captcha(route):
                continue  # NOTE: a form made for visitors, whom the CAPTCHA tells from robots
            if signs_up(route):
                continue  # NOTE: it makes an account and logs the visitor into it
            yield self.at(
                route.location, key=route.endpoint, route=route.display, endpoint=route.endpoint
            )


def _requires_login(app: FlaskApp, route: Route) -> bool:
    """Whether the route shows that the app requires login: it is protected, and not a
    public view whose only check is its own (a sign-in view asking
    `current_user.is_authenticated` to send a signed-in user on, or calling
    `authenticate_user(password, user)`: it signs the user in, it requires no login)."""
    if is_public((route.endpoint,), route.rule or ""):
        return app.guarded_around(route)
    return app.protected_by_login(route)


def _writes_nothing(app: FlaskApp, route: Route, exempters: set[str]) -> bool:
    """Whether the view provably changes no state, and no decorator but a CSRF exemption
    (which only marks the view) or one of the project's storing nothing around the view
    (`@json_output`) runs around it."""
    return app.writes_nothing(route) and all(
        d.name in exempters or d.name in app.inert_decorators for d in route.decorators
    )


def _refuses(route: Route) -> bool:
    """Whether the view turns the request away itself (`abort(403)`, `return
    json_with_status("Access denied.", 403)`) or refuses a visitor the session does not
    name."""
    body = route.body
    return body.denies or body.refuses_with_status or body.refuses_anonymous
