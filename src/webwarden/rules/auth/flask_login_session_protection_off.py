"""WW720: Flask-Login's session protection switched off."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import FlaskRule, in_effect

_LOGIN_MANAGER = "flask_login.LoginManager"


class FlaskLoginSessionProtectionOff(FlaskRule):
    """## What it does
    Finds `login_manager.session_protection = None` and `SESSION_PROTECTION = None` in
    the config of an app using Flask-Login.

    ## Why is this bad?
    Flask-Login's session protection ("basic" by default, "strong" better) ties a
    session to an identifier of the client (IP address and user agent) and marks a
    session used from elsewhere as not fresh, or logs it out. Without it a stolen session
    or remember-me cookie works from anywhere, indefinitely.

    ## Example
    ```python
    from flask import Flask
    from flask_login import LoginManager

    app = Flask(__name__)
    login_manager = LoginManager(app)
    login_manager.session_protection = None
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_login import LoginManager

    app = Flask(__name__)
    login_manager = LoginManager(app)
    login_manager.session_protection = "strong"
    ```

    ## References
    - [CWE-384: Session Fixation](https://cwe.mitre.org/data/definitions/384.html)
    - [Flask-Login: session protection](https://flask-login.readthedocs.io/en/latest/#session-protection)
    """

    code = "WW720"
    name = "flask-login-session-protection-off"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 384
    message = "Flask-Login session protection is off (`{where} = None`)"
    fix = 'set `session_protection = "strong"` (or keep the default "basic")'

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        managers = app.extension(_LOGIN_MANAGER)
        if not managers:
            return
        for manager in managers:
            for attribute, value, location in app.attributes.get(manager.ref, ()):
                if attribute == "session_protection" and in_effect(value) in (None, False):
                    yield self.at(
                        location, where=f"{manager.ref.rsplit('.', 1)[-1]}.session_protection"
                    )
        for judged in app.judge("SESSION_PROTECTION"):
            if judged.setting is not None and in_effect(judged.value) in (None, False):
                yield self.at(judged.location, judged=judged, where="SESSION_PROTECTION")
