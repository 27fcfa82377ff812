"""WW1021: Flask-Talisman's Content-Security-Policy switched off."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import TALISMAN, FlaskRule, in_effect


class FlaskCspDisabled(FlaskRule):
    """## What it does
    Finds `Talisman(app, content_security_policy=None)` (or `False`, or an empty
    policy) in an app that renders HTML. Talisman's default policy is
    `default-src 'self'; object-src 'none'`.

    ## Why is this bad?
    The Content-Security-Policy is what keeps injected markup from running script or
    framing the page (`frame-ancestors`). Switching it off removes the safety net for
    every XSS bug and for clickjacking defences that rely on it.

    ## Example
    ```python
    from flask import Flask, render_template
    from flask_talisman import Talisman

    app = Flask(__name__)
    Talisman(app, content_security_policy=None)


    @app.get("/")
    def index():
        return render_template("index.html")
    ```

    ## Fix
    ```python
    from flask import Flask, render_template
    from flask_talisman import Talisman

    app = Flask(__name__)
    Talisman(app)


    @app.get("/")
    def index():
        return render_template("index.html")
    ```

    ## References
    - [CWE-1021: Improper Restriction of Rendered UI Layers or Frames](https://cwe.mitre.org/data/definitions/1021.html)
    - [Flask-Talisman: content security policy](https://github.com/wntrblm/flask-talisman#content-security-policy)
    """

    code = "WW1021"
    name = "flask-csp-disabled"
    practice = Practice.CLICKJACKING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 1021
    message = (
        "Talisman's Content-Security-Policy is switched off (`content_security_policy={value}`)"
    )
    fix = "keep Talisman's default policy, or write one for the app"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        if not app.renders_html:
            return
        for talisman in app.extension(TALISMAN):
            value = in_effect(talisman.option("content_security_policy", {"default-src": "'self'"}))
            if value is None or value is False or value in ("", {}):
                yield self.at(talisman.location, value=repr(value))
