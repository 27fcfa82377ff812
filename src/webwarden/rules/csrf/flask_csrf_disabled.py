"""WW621: CSRF protection switched off in Flask config."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import FlaskRule, in_effect

_OFF = (("WTF_CSRF_ENABLED", False), ("CSRF_DISABLE", True))


class FlaskCsrfDisabled(FlaskRule):
    """## What it does
    Finds `WTF_CSRF_ENABLED = False` (Flask-WTF) and `CSRF_DISABLE = True`
    (Flask-SeaSurf) in any config the app loads, including as the default of an
    environment lookup. Testing config classes, where switching it off is usual, are
    reported at low severity.

    ## Why is this bad?
    Both switch off the token check on every form and every protected view at once; a
    page on any other site can then submit forms as the logged-in user.

    ## Example
    ```python
    from flask import Flask
    from flask_wtf.csrf import CSRFProtect

    app = Flask(__name__)
    app.config["WTF_CSRF_ENABLED"] = False
    csrf = CSRFProtect(app)
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_wtf.csrf import CSRFProtect

    app = Flask(__name__)
    csrf = CSRFProtect(app)
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery (CSRF)](https://cwe.mitre.org/data/definitions/352.html)
    - [Flask-WTF: configuration](https://flask-wtf.readthedocs.io/en/stable/config/)
    """

    code = "WW621"
    name = "flask-csrf-disabled"
    practice = Practice.CSRF
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 352
    message = "`{setting} = {value}` switches CSRF protection off"
    fix = "remove `{setting}` outside the testing config"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        for key, off in _OFF:
            for judged in app.judge(key):
                if judged.setting is not None and in_effect(judged.value) is off:
                    yield self.at(judged.location, judged=judged, key=key, setting=key, value=off)
