"""WW922: Flask builds external URLs with http://."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import FlaskRule, in_effect


class FlaskPreferredUrlSchemeHttp(FlaskRule):
    """## What it does
    Finds `PREFERRED_URL_SCHEME = "http"` set in a config the app loads outside
    development config classes.

    ## Why is this bad?
    `url_for(..., _external=True)` outside a request (emails, password-reset links,
    OAuth redirect URIs) then builds `http://` links: the reset token travels in clear
    text, and OAuth providers may reject or downgrade the redirect.

    ## Example
    ```python
    from flask import Flask

    app = Flask(__name__)
    app.config["PREFERRED_URL_SCHEME"] = "http"
    ```

    ## Fix
    ```python
    from flask import Flask

    app = Flask(__name__)
    app.config["PREFERRED_URL_SCHEME"] = "https"
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [Flask: PREFERRED_URL_SCHEME](https://flask.palletsprojects.com/en/stable/config/#PREFERRED_URL_SCHEME)
    """

    code = "WW922"
    name = "flask-preferred-url-scheme-http"
    practice = Practice.HTTPS
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 319
    message = '`PREFERRED_URL_SCHEME = "http"`: external URLs are built with http://'
    fix = 'set `PREFERRED_URL_SCHEME = "https"` in production'

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        for judged in app.judge("PREFERRED_URL_SCHEME"):
            if judged.setting is not None and in_effect(judged.value) == "http":
                yield self.at(judged.location, judged=judged)
