"""WW823: Flask-Login's remember-me cookie without Secure, HttpOnly or SameSite."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import LOGIN_EXTENSIONS, FlaskRule, in_effect

_LOGGING_IN_LIBRARIES = tuple(e for e in LOGIN_EXTENSIONS if e != "flask_login.LoginManager")
"""Login extensions with login views of their own, which may ask for the cookie."""


class FlaskRememberCookieInsecure(FlaskRule):
    """## What it does
    In apps using Flask-Login (or Flask-Security, built on it), finds
    `REMEMBER_COOKIE_SECURE` false or never set (Flask-Login's default is `False`),
    `REMEMBER_COOKIE_HTTPONLY = False`, and `REMEMBER_COOKIE_SAMESITE = "None"`. A
    `REMEMBER_COOKIE_SECURE` never set is reported in an app logging users in with
    Flask-Login alone only if the project asks for the cookie: Flask-Login sets it only
    for `login_user(user, remember=...)` with a `remember` that may be true
    (Flask-Security and Flask-AppBuilder log users in themselves, and are always judged).

    ## Why is this bad?
    The remember-me cookie logs the user back in for a year by default: it is worth more
    than the session cookie. Sent over HTTP it can be sniffed, readable by scripts it can
    be stolen through XSS, sent cross-site it helps CSRF.

    ## Example
    ```python
    from flask import Flask
    from flask_login import LoginManager, login_user

    app = Flask(__name__)
    LoginManager(app)


    def log_in(user):
        login_user(user, remember=True)
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_login import LoginManager, login_user

    app = Flask(__name__)
    app.config["REMEMBER_COOKIE_SECURE"] = True
    LoginManager(app)


    def log_in(user):
        login_user(user, remember=True)
    ```

    ## References
    - [CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute](https://cwe.mitre.org/data/definitions/614.html)
    - [Flask-Login: cookie settings](https://flask-login.readthedocs.io/en/latest/#cookie-settings)
    """

    code = "WW823"
    name = "flask-remember-cookie-insecure"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 614
    message = "the remember-me cookie is unprotected: `{setting}` is {state}"
    fix = "set `REMEMBER_COOKIE_SECURE = True` and keep HttpOnly and SameSite on"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        if not app.extension(*LOGIN_EXTENSIONS):
            return
        may_be_set = model.remembers_login or bool(app.extension(*_LOGGING_IN_LIBRARIES))
        for judged in app.judge("REMEMBER_COOKIE_SECURE"):
            value = in_effect(judged.value)
            if judged.setting is None and may_be_set:
                yield self.at(
                    judged.location,
                    judged=judged,
                    key="REMEMBER_COOKIE_SECURE",
                    confidence=self.missing_confidence(app),
                    setting="REMEMBER_COOKIE_SECURE",
                    state=self.never_set(app, "Flask-Login's default is False"),
                )
            elif value is False:
                yield self.at(
                    judged.location,
                    judged=judged,
                    key="REMEMBER_COOKIE_SECURE",
                    setting="REMEMBER_COOKIE_SECURE",
                    state="False",
                )
        for key, bad in (("REMEMBER_COOKIE_HTTPONLY", False), ("REMEMBER_COOKIE_SAMESITE", "none")):
            for judged in app.judge(key):
                value = in_effect(judged.value)
                value = value.lower() if isinstance(value, str) else value
                if judged.setting is not None and value == bad and value is not True:
                    yield self.at(
                        judged.location, judged=judged, key=key, setting=key, state=f"`{bad}`"
                    )
