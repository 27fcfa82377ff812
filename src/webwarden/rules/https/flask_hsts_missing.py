"""WW934: a Flask app redirecting to HTTPS itself that never sends HSTS."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.model.flask.layers import located
from webwarden.rules.flask_base import TALISMAN, FlaskRule
from webwarden.rules.https._flask_redirects import SSLIFY, upgrade_hooks

_HSTS = "strict-transport-security"


class FlaskHstsMissing(FlaskRule):
    """## What it does
    Finds Flask apps that send plain-HTTP visitors to HTTPS with a `before_request`
    hook of their own (one testing `request.is_secure`, `request.scheme` or the
    `X-Forwarded-Proto` header, or redirecting to a URL it writes to start with
    `https://`) but never send `Strict-Transport-Security`: no Flask-Talisman or
    Flask-SSLify (both send it by default), no request hook setting the header, and no
    nginx or Apache configuration of the project adding it. The finding is at the
    redirect hook. Apps with no redirect at all are `flask-https-not-enforced`'s (WW920).

    ## Why is this bad?
    A redirect protects only the requests that reach it: the first request of every
    visit by a typed address or an old `http://` link still goes out in plain HTTP, and
    an attacker on the network answers it instead of the app (SSL stripping) and keeps
    the visitor on HTTP, reading the session cookie and the forms. HSTS tells the
    browser to use HTTPS for the site without asking for the `max-age` it gives.

    ## Known problems
    A proxy or platform in front of the app configured outside the project may add the
    header; then suppress this finding with that reason.

    ## Example
    ```python
    from flask import Flask, redirect, request

    app = Flask(__name__)


    @app.before_request
    def upgrade():
        if not request.is_secure:
            return redirect(request.url.replace("http://", "https://", 1), 301)
    ```

    ## Fix
    ```python
    from flask import Flask, redirect, request

    app = Flask(__name__)


    @app.before_request
    def upgrade():
        if not request.is_secure:
            return redirect(request.url.replace("http://", "https://", 1), 301)


    @app.after_request
    def send_hsts(response):
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        return response
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [MDN: Strict-Transport-Security](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security)
    - [OWASP HTTP Strict Transport Security Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Strict_Transport_Security_Cheat_Sheet.html)
    """

    code = "WW934"
    name = "flask-hsts-missing"
    practice = Practice.HTTPS
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 319
    message = (
        "`{hook}` redirects HTTP to HTTPS, but the app never sends `Strict-Transport-Security`"
    )
    fix = "send HSTS (`Talisman(app)`, or set the header in an `after_request` hook or the proxy)"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        hooks = upgrade_hooks(app)
        if not hooks or model.serves_nothing(app) or app.extension(TALISMAN, *SSLIFY):
            return
        if any(name == _HSTS for _, hook, _ in app.hooks for name, _ in hook.body.headers_set):
            return
        if any(header.name == _HSTS for header in model.server_headers):
            return
        hook, relpath = hooks[0]
        yield self.at(located(relpath, hook.location), hook=hook.function.rsplit(".", 1)[-1])
