"""WW623: `@csrf.exempt` on a view that relies on the user's session cookie."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.auth._public import is_sso_callback
from webwarden.rules.flask_base import CSRF_EXTENSIONS, FlaskRule


class FlaskCsrfExemptCookieView(FlaskRule):
    """## What it does
    Finds views accepting POST exempted from CSRF checks (`@csrf.exempt` of Flask-WTF or
    Flask-SeaSurf, also where the view is routed, `add_url_rule(...,
    view_func=csrf.exempt(view))`, or Flask-WTF's `csrf.exempt(blueprint)` for every view
    of a blueprint)
    that authenticate the user by cookie: they require login
    (`@login_required`, `@roles_required`, ...), check `current_user`, or use `session`.
    Exempt webhooks that authenticate by signature are not reported, nor single sign-on
    endpoints an identity provider posts its signed answer to (a SAML assertion consumer
    service such as `/saml/authorized`, an OAuth or OpenID Connect `callback`), which
    must be exempt and which the signature protects; nor views whose
    only login check is a decorator reading a key from a header and refusing the
    request without it (`@apikey_auth` checking `X-API-KEY`), or such a check and
    decorators of the project asking only what it verified (`@require_oauth()` above a
    `@require_permission(p)` reading Authlib's `current_token`), nor views that read
    what the client sends only as JSON (`request.get_json()`), themselves, through the
    project functions they call (a WebAuthn view handing the request to
    `verify_auth_response()`) or their decorators' wrappers: Flask refuses other
    bodies, and another site cannot send a JSON one without the app's CORS consent; nor
    views taking only PUT, PATCH or DELETE, which need that consent too. Nor are views
    whose session the app's own session interface takes from a request header: a
    `SessionInterface` subclass whose `open_session` reads `request.headers` for the
    requests it tells by their path (`if request.path.split("/")[1] == "api":`,
    `request.path.startswith("/api")`), or for all when it never reads a cookie; views
    under another path keep the cookie's session and stay reported. Nor are views whose
    only use of the session is to empty it (`if session: session.clear()` before
    checking a signed token the caller sends): what the cookie held is thrown away
    unread.

    ## Why is this bad?
    The exemption removes the only thing telling the user's own request from one a
    hostile page makes the browser send: the session cookie goes along either way, so the
    attacker acts as the logged-in user.

    ## Example
    ```python
    from flask import Flask
    from flask_login import login_required
    from flask_wtf.csrf import CSRFProtect

    app = Flask(__name__)
    csrf = CSRFProtect(app)


    @app.post("/account/delete")
    @csrf.exempt
    @login_required
    def delete_account():
        return "deleted"
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_login import login_required
    from flask_wtf.csrf import CSRFProtect

    app = Flask(__name__)
    csrf = CSRFProtect(app)


    @app.post("/account/delete")
    @login_required
    def delete_account():
        return "deleted"
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery (CSRF)](https://cwe.mitre.org/data/definitions/352.html)
    - [Flask-WTF: exempt views](https://flask-wtf.readthedocs.io/en/stable/csrf/#exclude-views-from-protection)
    """

    code = "WW623"
    name = "flask-csrf-exempt-cookie-view"
    practice = Practice.CSRF
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 352
    message = "`{route}` (`{endpoint}`) is exempt from CSRF checks but authenticates by cookie"
    fix = "remove `@csrf.exempt`, or authenticate this view by a header token instead"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        exempters = {f"{e.ref}.exempt" for e in app.extension(*CSRF_EXTENSIONS) if e.ref}
        blueprints = {name for callee, name in app.blueprint_calls if callee in exempters}
        for route in app.routes:
            if not route.forgeable or app.takes_json_only(route):
                continue
            exempt = route.blueprint in blueprints
            if not exempt and not any(d.name in exempters for d in route.decorators):
                continue
            if is_sso_callback((route.view, route.endpoint), route.rule or ""):
                continue  # NOTE: the provider posts there cross-site; its signature protects
            if app.authenticates_by_cookie(route):
                yield self.at(
                    route.location, key=route.endpoint, route=route.display, endpoint=route.endpoint
                )
