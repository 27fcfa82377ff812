"""WW821: the Flask session cookie readable by JavaScript."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import FlaskRule, in_effect


class FlaskSessionCookieHttponlyOff(FlaskRule):
    """## What it does
    Finds `SESSION_COOKIE_HTTPONLY = False` in the config an app loads (Flask's default
    is `True`).

    ## Why is this bad?
    Without `HttpOnly`, any script on the page can read the session cookie: one XSS bug
    becomes a stolen session that works from the attacker's machine.

    ## Example
    ```python
    from flask import Flask

    app = Flask(__name__)
    app.config["SESSION_COOKIE_HTTPONLY"] = False
    ```

    ## Fix
    ```python
    from flask import Flask

    app = Flask(__name__)
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    ```

    ## References
    - [CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag](https://cwe.mitre.org/data/definitions/1004.html)
    - [Flask: SESSION_COOKIE_HTTPONLY](https://flask.palletsprojects.com/en/stable/config/#SESSION_COOKIE_HTTPONLY)
    """

    code = "WW821"
    name = "flask-session-cookie-httponly-off"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 1004
    message = "`SESSION_COOKIE_HTTPONLY = False` lets scripts read the session cookie"
    fix = "remove the setting (Flask's default is True)"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        for judged in app.judge("SESSION_COOKIE_HTTPONLY"):
            if judged.setting is not None and in_effect(judged.value) is False:
                yield self.at(judged.location, judged=judged)
