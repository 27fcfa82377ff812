"""WW820: the Flask session cookie is sent over plain HTTP."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import (
    FlaskRule,
    in_effect,
    talisman_unread,
    unread_note,
    uses_cookie_auth,
)
from webwarden.rules.sessions._flask_cookies import talisman_secures_session


class FlaskSessionCookieNotSecure(FlaskRule):
    """## What it does
    Finds apps using sessions (`flask.session`, Flask-Login, Flask-Security, Flask-User,
    Flask-SimpleLogin) where
    `SESSION_COOKIE_SECURE` is `False` or never set (Flask's default is `False`), and no
    Flask-Talisman sets it (Talisman's `session_cookie_secure` defaults to `True`); at low
    confidence when Talisman is given options as `**kwargs` webwarden cannot read
    (`Talisman(app, **app.config["TALISMAN_CONFIG"])`), which may set it (a dict of
    the project's spread out, `**Config.TALISMAN_SETTINGS`, is read where it is
    written, in the deployed config classes the environment may choose). A Talisman
    told `session_cookie_secure=` a value webwarden cannot read
    (`app.config["SECURE_COOKIES"]`) leaves the choice to the deployment and is not
    reported, as a `SESSION_COOKIE_SECURE` read from the environment is not. A config
    given as the dict a project function returns (`app.config.from_mapping(
    load_config())`, also through a local, `config = load_config()`) is read where the
    function builds it: its dict displays, the keys it sets (a key set under a test may
    hold anything) and what the loaders it merges in return (`config |= loader(env)`
    for each of a literal list of them). A config module's key set in an arm of an `if`
    counts when a deployment may take that arm (`if not LOCALHOST:`, `if PRODUCTION:`),
    not when only a developer's machine or a test run does (`if DEBUG:`, `if not
    PRODUCTION:`); two such arms setting different values leave it to the deployment.
    Development config classes are reported at low severity. When the app writes the
    cookie with a session interface of its own (`app.session_interface = ...`), which
    need not read the setting, "never set" is reported at low confidence, naming the line
    to check; not when that interface's `save_session` gives every cookie it writes a
    `secure=` flag itself (a setting read with its default, `config.get(
    "SESSION_COOKIE_SECURE", True)`, or `request.is_secure`): the setting left unset
    decides nothing then, and the deployment what was read; nor when the interface writes
    no session cookie at all (an API whose clients send a token header: its
    `save_session` does nothing, or it keeps Flask's and `should_set_cookie` always
    returns `False`), made by a class or by a function returning one. An app using no
    session webwarden sees is reported, at low confidence, only where its config turns the
    flag off itself (`SESSION_COOKIE_SECURE = False`), as WW821 reports `HttpOnly` turned off.

    ## Why is this bad?
    Without the `Secure` flag the browser also sends the session cookie over plain HTTP:
    one request to `http://` on a café Wi-Fi hands the session to whoever listens.

    ## Example
    ```python
    from flask import Flask, session

    app = Flask(__name__)


    @app.get("/")
    def index():
        return session.get("user", "anonymous")
    ```

    ## Fix
    ```python
    from flask import Flask, session

    app = Flask(__name__)
    app.config["SESSION_COOKIE_SECURE"] = True


    @app.get("/")
    def index():
        return session.get("user", "anonymous")
    ```

    ## References
    - [CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute](https://cwe.mitre.org/data/definitions/614.html)
    - [Flask: SESSION_COOKIE_SECURE](https://flask.palletsprojects.com/en/stable/config/#SESSION_COOKIE_SECURE)
    """

    code = "WW820"
    name = "flask-session-cookie-not-secure"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 614
    message = "the session cookie is sent over plain HTTP: `SESSION_COOKIE_SECURE` is {state}"
    fix = "set `SESSION_COOKIE_SECURE = True` (or use Flask-Talisman)"

    def _turned_off(self, app: FlaskApp) -> Iterator[Finding]:
        """`SESSION_COOKIE_SECURE = False` written in an app using no session webwarden
        sees: the flag is turned off on purpose, for whatever writes the cookie later."""
        for judged in app.judge("SESSION_COOKIE_SECURE"):
            if judged.setting is not None and in_effect(judged.value) is False:
                yield self.at(
                    judged.location,
                    judged=judged,
                    confidence=Confidence.LOW,
                    state="False (no session use found: a session added later is sent "
                    "over HTTP too)",
                )

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        if talisman_secures_session(app):
            return
        if not uses_cookie_auth(app):
            yield from self._turned_off(app)
            return
        # NOTE: Talisman given options webwarden cannot read may set the flag: say so.
        unread = talisman_unread(app, "session_cookie_secure")
        note = unread_note(unread) if unread else ""
        for judged in app.judge("SESSION_COOKIE_SECURE"):
            if in_effect(judged.value) is not False:
                continue
            if judged.setting is None:
                if self.interface_sets(app, "secure"):
                    continue  # NOTE: the app's session interface passes `secure=` itself
                yield self.at(
                    judged.location,
                    judged=judged,
                    confidence=Confidence.LOW if unread else self.session_cookie_confidence(app),
                    state=self.never_set(app, "Flask's default is False")
                    + self.session_cookie_note(app)
                    + note,
                )
            else:
                yield self.at(
                    judged.location,
                    judged=judged,
                    confidence=Confidence.LOW if unread else None,
                    state="False" + note,
                )
