"""WW220: a Flask signing secret written in the source."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import FlaskRule
from webwarden.rules.secrets._flask_secrets import (
    SECRET_MAPS,
    is_secret_key,
    key_severity,
    weakness,
)


class FlaskSecretKeyLiteral(FlaskRule):
    """## What it does
    Finds `SECRET_KEY` (and `WTF_CSRF_SECRET_KEY`, `JWT_SECRET_KEY`,
    `SECURITY_PASSWORD_SALT`, any `*_SECRET_KEY`; Flask-Security's
    `SECURITY_TOTP_SECRETS`, a dict of them) given a literal value, however the
    config is set: `app.config[...]`, `app.secret_key`, `update`, `from_mapping`, a config
    class or module loaded by `from_object` (the app's own module too:
    `from_object(__name__)`; for a module the repository does not hold, each module
    beside it named for it, `config_dev.py` and `config_prod.py` for `"app.config"`,
    which the deployer links there), a file loaded by `from_pyfile`; the literal
    may be a constant imported from another module of the project
    (`SECRET_KEY = DEFAULT_SECRET_KEY`). The message
    says whether the value is a well-known placeholder or short. Development and testing
    config classes are reported at low severity; Flask-Security's `SECURITY_PASSWORD_SALT`
    and `SECURITY_TOTP_SECRETS`, which sign nothing, at medium.

    ## Why is this bad?
    Flask signs the session cookie with `SECRET_KEY`. Whoever knows it can forge a
    session for any user (log in as the admin) and forge CSRF tokens. A key in the
    source is known to everyone with the repository, its forks and its history.
    Flask-Security's `SECURITY_PASSWORD_SALT` is a pepper: each password is HMACed with it
    before passlib hashes it with a random salt of its own, so a known one lets whoever
    steals the password hashes crack them as if there were none. Its
    `SECURITY_TOTP_SECRETS` encrypt each user's two-factor seed in the database: known,
    they turn a stolen database into every user's second factor.

    ## Example
    ```python
    from flask import Flask

    app = Flask(__name__)
    app.config["SECRET_KEY"] = "change-me"
    ```

    ## Fix
    ```python
    import os

    from flask import Flask

    app = Flask(__name__)
    app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    ```

    ## References
    - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    - [Flask: SECRET_KEY](https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY)
    """

    code = "WW220"
    name = "flask-secret-key-literal"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 798
    message = "`{setting}` is {what} in the source"
    fix = "read `{setting}` from the environment or a secrets manager, with no default"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        keys = {key for layer in app.layers for key in layer.settings if is_secret_key(key)}
        for key in sorted(keys):
            for judged in app.judge(key):
                value = judged.value
                if key in SECRET_MAPS:
                    value = _mapped_secret(value)
                if judged.setting is None or not isinstance(value, str | bytes) or not value:
                    continue
                yield self.at(
                    judged.location,
                    judged=judged,
                    severity=key_severity(key),
                    key=key,
                    setting=key,
                    what=weakness(value),
                )


def _mapped_secret(value: object) -> str | bytes | None:
    """The first literal secret of a mapping of them (`{"1": "totp secret"}`), if any."""
    if not isinstance(value, dict):
        return None
    return next((v for v in value.values() if isinstance(v, str | bytes) and v), None)
