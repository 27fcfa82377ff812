"""WW823: Flask-Login's remember-me cookie without Secure, HttpOnly or SameSite."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import (
    LOGIN_EXTENSIONS,
    FlaskRule,
    in_effect,
    sets_remember_cookie,
)


class FlaskRememberCookieInsecure(FlaskRule):
    """## What it does
    In apps using Flask-Login (or Flask-Security or Flask-User, built on it), finds
    `REMEMBER_COOKIE_SECURE` false or never set (Flask-Login's default is `False`),
    `REMEMBER_COOKIE_HTTPONLY = False`, and `REMEMBER_COOKIE_SAMESITE = "None"`. Only
    apps that set the cookie are judged: the project logs users in with `remember`
    (`login_user(user, remember=form.remember.data)`, any `remember` but the constant
    `False`), or uses Flask-Security, whose login view offers it, or Flask-User, whose
    login view does unless `USER_ENABLE_REMEMBER_ME = False`. Flask-Login sets it
    nowhere else: an app calling `login_user(user)` only (Flask-AppBuilder's views
    among them) sends no remember-me cookie to protect.

    ## Why is this bad?
    The remember-me cookie logs the user back in for a year by default: it is worth more
    than the session cookie. Sent over HTTP it can be sniffed, readable by scripts it can
    be stolen through XSS, sent cross-site it helps CSRF.

    ## Example
    ```python
    from flask import Flask, request
    from flask_login import LoginManager, login_user

    app = Flask(__name__)
    LoginManager(app)


    @app.post("/login")
    def login():
        login_user(find_user(request.form), remember=True)
        return "in"
    ```

    ## Fix
    ```python
    from flask import Flask, request
    from flask_login import LoginManager, login_user

    app = Flask(__name__)
    app.config["REMEMBER_COOKIE_SECURE"] = True
    LoginManager(app)


    @app.post("/login")
    def login():
        login_user(find_user(request.form), remember=True)
        return "in"
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
        if not app.extension(*LOGIN_EXTENSIONS) or not sets_remember_cookie(app):
            return
        for judged in app.judge("REMEMBER_COOKIE_SECURE"):
            value = in_effect(judged.value)
            if judged.setting is None:
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
