"""WW822: the Flask session cookie sent on cross-site requests."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import FlaskRule, in_effect, uses_cookie_auth


class FlaskSessionCookieSamesiteNone(FlaskRule):
    """## What it does
    Finds apps using sessions where `SESSION_COOKIE_SAMESITE` is `"None"` (medium
    severity) or never set or set to Python's `None` (low: Flask's default sends no
    `SameSite` attribute, and not every browser treats that as `Lax`). Flask-Talisman sets it (to `Lax` by default).
    When the app writes the cookie with a session interface of its own
    (`app.session_interface = ...`), which need not read the setting, "never set" is
    reported at low confidence, naming the line to check; not when that interface's
    `save_session` gives every cookie it writes with a value `samesite=` itself (but
    `"None"`): the setting left unset decides nothing then, nor when the interface writes
    no session cookie at all (`save_session` doing nothing, `should_set_cookie` always
    `False`).

    ## Why is this bad?
    `SameSite=Lax` or `Strict` keeps the browser from attaching the session cookie to
    requests started by other sites: a second line of defence against CSRF, and against
    cross-site leaks of logged-in state.

    ## Example
    ```python
    from flask import Flask, session

    app = Flask(__name__)
    app.config["SESSION_COOKIE_SAMESITE"] = "None"


    @app.get("/")
    def index():
        return session.get("user", "anonymous")
    ```

    ## Fix
    ```python
    from flask import Flask, session

    app = Flask(__name__)
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"


    @app.get("/")
    def index():
        return session.get("user", "anonymous")
    ```

    ## References
    - [CWE-1275: Sensitive Cookie with Improper SameSite Attribute](https://cwe.mitre.org/data/definitions/1275.html)
    - [Flask: SESSION_COOKIE_SAMESITE](https://flask.palletsprojects.com/en/stable/config/#SESSION_COOKIE_SAMESITE)
    """

    code = "WW822"
    name = "flask-session-cookie-samesite-none"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 1275
    message = "the session cookie has no SameSite protection: `SESSION_COOKIE_SAMESITE` is {state}"
    fix = 'set `SESSION_COOKIE_SAMESITE = "Lax"` (or "Strict")'

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        if not uses_cookie_auth(app):
            return
        for judged in app.judge("SESSION_COOKIE_SAMESITE"):
            value = in_effect(judged.value)
            if judged.setting is None:
                if self.interface_sets(app, "samesite"):
                    continue  # NOTE: the app's session interface passes `samesite=` itself
                yield self.at(
                    judged.location,
                    judged=judged,
                    severity=Severity.LOW,
                    confidence=self.session_cookie_confidence(app),
                    state=self.never_set(app) + self.session_cookie_note(app),
                )
            elif (isinstance(value, str) and value.lower() == "none") or value is False:
                yield self.at(judged.location, judged=judged, state=f"`{value!r}`")
            elif value is None:
                # NOTE: Flask's default, written out: no SameSite attribute, as if unset.
                yield self.at(
                    judged.location,
                    judged=judged,
                    severity=Severity.LOW,
                    state="`None` (no SameSite attribute, as when it is never set)",
                )
