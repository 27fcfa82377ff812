"""WW624: Flask-JWT-Extended tokens in cookies without its CSRF check."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import FlaskRule, in_effect, jwt_in_cookies


class FlaskJwtCookieCsrfOff(FlaskRule):
    """## What it does
    Finds apps that keep Flask-JWT-Extended's tokens in cookies (`JWT_TOKEN_LOCATION`
    names `cookies`) and switch its double-submit CSRF check off
    (`JWT_COOKIE_CSRF_PROTECT = False`) in any config the app loads: high severity, low
    when `JWT_COOKIE_SAMESITE` is `Lax` or `Strict` (browsers then leave the cookie off
    the posts other sites start).

    ## Why is this bad?
    A token in a cookie is sent by the browser with every request to the site, including
    those another site's page starts: a form elsewhere can post to any `@jwt_required()`
    view as the logged-in user. Flask-JWT-Extended guards against that by default with a
    CSRF token the page must send back in a header; switched off, nothing does. Tokens
    sent in the `Authorization` header need no CSRF check, as a browser never adds them
    on its own.

    ## Example
    ```python
    from flask import Flask
    from flask_jwt_extended import JWTManager

    app = Flask(__name__)
    app.config["JWT_TOKEN_LOCATION"] = ["cookies"]
    app.config["JWT_COOKIE_CSRF_PROTECT"] = False
    jwt = JWTManager(app)
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_jwt_extended import JWTManager

    app = Flask(__name__)
    app.config["JWT_TOKEN_LOCATION"] = ["cookies"]
    jwt = JWTManager(app)
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery](https://cwe.mitre.org/data/definitions/352.html)
    - [Flask-JWT-Extended: JWT in cookies](https://flask-jwt-extended.readthedocs.io/en/stable/token_locations.html#cookies)
    """

    code = "WW624"
    name = "flask-jwt-cookie-csrf-off"
    practice = Practice.CSRF
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 352
    message = (
        "`JWT_COOKIE_CSRF_PROTECT = False` with tokens in cookies: other sites can post to"
        " `@jwt_required()` views as the user"
    )
    fix = "remove `JWT_COOKIE_CSRF_PROTECT = False` and send the CSRF token in a header"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        if not jwt_in_cookies(app):
            return
        same_site = {
            str(in_effect(j.value)).lower() for j in app.judge("JWT_COOKIE_SAMESITE") if j.setting
        }
        lax = bool(same_site) and same_site <= {"lax", "strict"}
        for judged in app.judge("JWT_COOKIE_CSRF_PROTECT"):
            if judged.setting is not None and in_effect(judged.value) is False:
                finding = self.at(
                    judged.location, judged=judged, severity=Severity.LOW if lax else None
                )
                if lax:
                    finding = dataclasses.replace(finding, context=_SAME_SITE)
                yield finding


_SAME_SITE = "`JWT_COOKIE_SAMESITE` keeps the cookie off the posts other sites start"
