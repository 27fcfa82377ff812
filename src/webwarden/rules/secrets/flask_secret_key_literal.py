"""WW220: a Flask signing secret written in the source."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.model.project import ProjectModel
from webwarden.rules.flask_base import FlaskRule
from webwarden.rules.secrets._flask_secrets import (
    SECRET_MAPS,
    judged_keys,
    key_severity,
    may_be_key,
)
from webwarden.rules.secrets._signing_keys import namespace_salts, signer_keys, weakness


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
    (`SECRET_KEY = DEFAULT_SECRET_KEY`), or the default of the factory's parameter
    it is set from (`def create_app(secret_key=DEFAULT_KEY)`, which a caller leaving
    the argument out signs with; not once the factory rebinds the parameter). Also the keys of the app's own HMACs and
    signatures, named for what they do: a salt or pepper mixed into a keyed hash
    (`SALT_EMAIL`, `COOKIE_SALT`), `*_HMAC_KEY`, `*_SIGNING_KEY`, `*_TOKEN_KEY`, and a
    secret named for what it verifies (`WEBHOOK_SECRET`, `API_TOKEN_SECRET`,
    `SIGNING_SECRET`), the keys of its own ciphers and keyed anonymisers
    (`FIELD_ENCRYPTION_KEY`, `AES_KEY`, `FERNET_KEY`, `CRYPTOPAN_KEY`: whoever reads the
    key decrypts what the app stored; not `ENCRYPTION_PUBLIC_KEY`), and any key the project hands an itsdangerous signer or
    serializer as the key it signs with (`URLSafeTimedSerializer(app.config[
    "ITSDANGEROUSKEY"])`, also through a local), whatever its name; not when the value
    is words naming something else
    (`ACCESS_TOKEN_KEY = "access_token"`, the field a token is read from), nor a salt the
    app hands a signer beside its key (`URLSafeTimedSerializer(app.secret_key,
    salt=app.config["CONFIRM_SALT"])`, `signing.dumps(..., salt=...)`: a namespace,
    which itsdangerous and Django document as no secret), nor Flask-Security's token
    salts (`SECURITY_CONFIRM_SALT`, `SECURITY_RESET_SALT`), nor a client secret another
    service checks (`OAUTH_CLIENT_SECRET`, judged by WW241). The message
    says whether the value is a well-known placeholder (`changeme`, `<secret key to be
    changed>`, `your-secret-here`, `xxx`) or short. Development and testing
    config classes are reported at low severity; Flask-Security's `SECURITY_PASSWORD_SALT`
    and `SECURITY_TOTP_SECRETS`, which sign nothing, at medium.

    ## Why is this bad?
    Flask signs the session cookie with `SECRET_KEY`. Whoever knows it can forge a
    session for any user (log in as the admin) and forge CSRF tokens. A key in the
    source is known to everyone with the repository, its forks and its history. The
    same holds for the keys of the app's own HMACs: with a reply-by-email address's
    salt left at its default, anyone can make the address of another user's
    notification and comment as them. A placeholder there is no harmless stand-in: the
    app signs and checks with it.
    Flask-Security's `SECURITY_PASSWORD_SALT` is a pepper: each password is HMACed with it
    before passlib hashes it with a random salt of its own, so a known one lets whoever
    steals the password hashes crack them as if there were none. Its
    `SECURITY_TOTP_SECRETS` encrypt each user's two-factor seed in the database: known,
    they turn a stolen database into every user's second factor.

    ## Known problems
    A factory parameter's default is reported even where every caller the project holds
    passes the argument: the default stays the key of any deployment that leaves it out.

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
    # NOTE: Bandit and ruff report the same literal (`SECRET_KEY` holds "secret").
    bandit = ("B105", "B106")
    ruff = ("S105", "S106")

    def check_app_in(self, app: FlaskApp, project: ProjectModel) -> Iterable[Finding]:
        return self._judge(app, namespace_salts(project), signer_keys(project))

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        return self._judge(app, frozenset(), frozenset())

    def _judge(
        self, app: FlaskApp, salts: frozenset[str], signers: frozenset[str]
    ) -> Iterator[Finding]:
        keys = {key for layer in app.layers for key in layer.settings}
        for key in judged_keys(keys, salts, signers):
            for judged in app.judge(key):
                value = judged.value
                if key in SECRET_MAPS:
                    value = _mapped_secret(value)
                if judged.setting is None or not isinstance(value, str | bytes) or not value:
                    continue
                if key not in signers and not may_be_key(key, value):
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
