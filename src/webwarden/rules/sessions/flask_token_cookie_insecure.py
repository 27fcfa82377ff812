"""WW828: a Flask extension's token cookie sent over plain HTTP or to other sites."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel, Judged
from webwarden.rules.flask_base import FlaskRule, in_effect, jwt_in_cookies

_JWT_MANAGERS = ("flask_jwt_extended.JWTManager",)
_OIDC_CLIENTS = ("flask_oidc.OpenIDConnect",)


class FlaskTokenCookieInsecure(FlaskRule):
    """## What it does
    Finds the cookies Flask extensions keep a login token in, sent without `Secure` or
    to every site:
    - Flask-JWT-Extended, when `JWT_TOKEN_LOCATION` names `cookies`: `JWT_COOKIE_SECURE`
      false or never set (the library's default is `False`), or `JWT_COOKIE_SAMESITE =
      "None"`;
    - flask-oidc: `OIDC_ID_TOKEN_COOKIE_SECURE = False` (its default is `True`).

    A setting only a development or test config gives is reported at low severity, as
    for the session cookie.

    ## Why is this bad?
    These cookies are the login itself: Flask-JWT-Extended's holds the access token
    (and the refresh token, which makes new ones), flask-oidc's the identity provider's
    signed ID token. Sent over plain HTTP once, on a café's network or before a redirect
    to HTTPS, they can be read and replayed until they expire.

    ## Example
    ```python
    from flask import Flask
    from flask_jwt_extended import JWTManager

    app = Flask(__name__)
    app.config["JWT_TOKEN_LOCATION"] = ["cookies"]
    jwt = JWTManager(app)
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_jwt_extended import JWTManager

    app = Flask(__name__)
    app.config["JWT_TOKEN_LOCATION"] = ["cookies"]
    app.config["JWT_COOKIE_SECURE"] = True
    jwt = JWTManager(app)
    ```

    ## References
    - [CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute](https://cwe.mitre.org/data/definitions/614.html)
    - [Flask-JWT-Extended: cookie options](https://flask-jwt-extended.readthedocs.io/en/stable/options.html#cookie-options)
    - [flask-oidc: settings reference](https://flask-oidc.readthedocs.io/en/latest/#settings-reference)
    """

    code = "WW828"
    name = "flask-token-cookie-insecure"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 614
    message = "the {cookie} cookie is unprotected: `{setting}` is {state}"
    fix = "set `JWT_COOKIE_SECURE = True` (or keep `OIDC_ID_TOKEN_COOKIE_SECURE` on)"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        if app.extension(*_JWT_MANAGERS) and jwt_in_cookies(app):
            yield from self._jwt(app)
        if app.extension(*_OIDC_CLIENTS):
            for judged in app.judge("OIDC_ID_TOKEN_COOKIE_SECURE"):
                if judged.setting is not None and in_effect(judged.value) is False:
                    yield self._at(judged, "ID token", "OIDC_ID_TOKEN_COOKIE_SECURE", "False")

    def _jwt(self, app: FlaskApp) -> Iterator[Finding]:
        for judged in app.judge("JWT_COOKIE_SECURE"):
            if judged.setting is None:
                state = self.never_set(app, "Flask-JWT-Extended's default is False")
                confidence = self.missing_confidence(app)
                yield self._at(judged, "JWT", "JWT_COOKIE_SECURE", state, confidence)
            elif in_effect(judged.value) is False:
                yield self._at(judged, "JWT", "JWT_COOKIE_SECURE", "False")
        for judged in app.judge("JWT_COOKIE_SAMESITE"):
            value = in_effect(judged.value)
            if judged.setting is not None and isinstance(value, str) and value.lower() == "none":
                yield self._at(judged, "JWT", "JWT_COOKIE_SAMESITE", '`"None"`')

    def _at(
        self,
        judged: Judged,
        cookie: str,
        setting: str,
        state: str,
        confidence: Confidence | None = None,
    ) -> Finding:
        return self.at(
            judged.location,
            judged=judged,
            key=setting,
            confidence=confidence,
            cookie=cookie,
            setting=setting,
            state=state,
        )
