"""WW824: Flask sessions or remember-me cookies that live very long."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import FlaskRule
from webwarden.rules.sessions._flask_cookies import describe_days, seconds

DAY = 86400.0
LIMITS = {"PERMANENT_SESSION_LIFETIME": 31 * DAY, "REMEMBER_COOKIE_DURATION": 365 * DAY}
"""Longer than the library's own default (Flask: 31 days, Flask-Login: 365 days)."""


class FlaskCookieLifetimeLong(FlaskRule):
    """## What it does
    Finds `PERMANENT_SESSION_LIFETIME` set longer than Flask's default of 31 days, and
    `REMEMBER_COOKIE_DURATION` longer than Flask-Login's default of 365 days (as a
    `timedelta` or a number of seconds).

    ## Why is this bad?
    A session that never ends gives a stolen cookie, a shared computer or a forgotten
    logout the same long life. Both defaults are already generous; going beyond them
    should be a deliberate, documented choice.

    ## Example
    ```python
    from datetime import timedelta

    from flask import Flask

    app = Flask(__name__)
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=365)
    ```

    ## Fix
    ```python
    from datetime import timedelta

    from flask import Flask

    app = Flask(__name__)
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=12)
    ```

    ## References
    - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    - [Flask: PERMANENT_SESSION_LIFETIME](https://flask.palletsprojects.com/en/stable/config/#PERMANENT_SESSION_LIFETIME)
    """

    code = "WW824"
    name = "flask-cookie-lifetime-long"
    practice = Practice.SESSIONS
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 613
    message = "`{setting}` is {lifetime}, longer than the {limit} default"
    fix = "shorten `{setting}` (hours for sessions, weeks at most for remember-me)"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        for key, limit in LIMITS.items():
            for judged in app.judge(key):
                total = seconds(judged.value) if judged.setting is not None else None
                if total is not None and total > limit:
                    yield self.at(
                        judged.location,
                        judged=judged,
                        key=key,
                        setting=key,
                        lifetime=describe_days(total),
                        limit=describe_days(limit),
                    )
