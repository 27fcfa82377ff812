"""WW922: Flask builds external URLs with http://."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.environment import DeployTime
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import FlaskRule, in_effect


class FlaskPreferredUrlSchemeHttp(FlaskRule):
    """## What it does
    Finds `PREFERRED_URL_SCHEME = "http"` set in a config the app loads outside
    development config classes, also as the value a deploy-time choice takes when its
    variables are unset (`"https" if os.environ.get("USE_TLS") else "http"`). Not a
    value read from the environment whose fallback is `"http"`
    (`os.environ.get("PREFERRED_URL_SCHEME", "http")`): that is what Flask uses when the
    key is never set, which is not reported either, and the operator sets the variable.

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
            if judged.setting is None or in_effect(judged.value) != "http":
                continue
            if not _falls_back_to_flask_default(judged.value):
                yield self.at(judged.location, judged=judged)


def _falls_back_to_flask_default(value: object) -> bool:
    """A variable's value itself, `"http"` when unset (`os.environ.get(name, "http")`,
    `env.str(name, "http")`): the app then behaves as one that never sets the key, and
    the variable is the operator's to set."""
    if not isinstance(value, DeployTime) or len(value.lookups) != 1:
        return False
    return value.text or value.lookups[0].default == value.if_unset
