"""WW921: HSTS switched off or short in Flask-Talisman or a hand-set header."""

from __future__ import annotations

import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.model.flask.layers import located
from webwarden.rules.flask_base import TALISMAN, FlaskRule, in_effect

ONE_YEAR = 31536000
_MAX_AGE = re.compile(r"max-age\s*=\s*(\d+)", re.IGNORECASE)


class FlaskHstsWeak(FlaskRule):
    """## What it does
    Finds `Talisman(strict_transport_security=False)`,
    `strict_transport_security_max_age` under a year, and a `Strict-Transport-Security`
    header set by hand with a `max-age` under a year. Talisman's default (HSTS on, one
    year, subdomains included) passes.

    ## Why is this bad?
    HSTS makes the browser use HTTPS for the site without asking, so the first
    plain-HTTP request (the one an attacker on the network rewrites) never happens. A
    short `max-age` lets the protection lapse between visits.

    ## Example
    ```python
    from flask import Flask
    from flask_talisman import Talisman

    app = Flask(__name__)
    Talisman(app, strict_transport_security_max_age=3600)
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_talisman import Talisman

    app = Flask(__name__)
    Talisman(app)
    ```

    ## References
    - [CWE-523: Unprotected Transport of Credentials](https://cwe.mitre.org/data/definitions/523.html)
    - [MDN: Strict-Transport-Security](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security)
    """

    code = "WW921"
    name = "flask-hsts-weak"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 523
    message = "HSTS is {state}"
    fix = "keep Talisman's HSTS defaults (one year) or set `max-age=31536000` or more"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        for talisman in app.extension(TALISMAN):
            given = talisman.option("strict_transport_security", True)
            if in_effect(given) is False:
                yield self.at(
                    talisman.location,
                    state="off (`strict_transport_security=False`)",
                    deployed=given,
                )
                continue
            given = talisman.option("strict_transport_security_max_age", ONE_YEAR)
            age = in_effect(given)
            if isinstance(age, int) and age < ONE_YEAR:
                yield self.at(
                    talisman.location,
                    state=f"short (`max-age={age}`, under a year)",
                    deployed=given,
                )
        for _, hook, relpath in app.hooks:
            for name, value in hook.body.headers_set:
                match = _MAX_AGE.search(str(in_effect(value)))
                if name == "strict-transport-security" and match and int(match[1]) < ONE_YEAR:
                    yield self.at(
                        located(relpath, hook.location),
                        state=f"short (`max-age={match[1]}`, under a year)",
                    )
