"""WW221: a Flask signing secret read from the environment with a literal default."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from webwarden.analysis.environment import DeployTime
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.model.project import ProjectModel
from webwarden.rules.flask_base import FlaskRule, deploy_phrase
from webwarden.rules.secrets._flask_secrets import judged_keys, key_severity, may_be_key
from webwarden.rules.secrets._signing_keys import namespace_salts, signer_keys, weakness


class FlaskSecretKeyEnvDefault(FlaskRule):
    """## What it does
    Finds `SECRET_KEY` (and the other signing secrets WW220 knows: `*_SECRET_KEY`, the
    keys of the app's own HMACs and signatures such as `WEBHOOK_SECRET` or `SALT_EMAIL`,
    the keys of its own ciphers such as `FIELD_ENCRYPTION_KEY` or `CRYPTOPAN_KEY`,
    any key the project hands an itsdangerous signer as its key whatever its name,
    but not a salt the app hands a signer as its namespace) read from the
    environment with a literal fallback: `os.getenv("SECRET_KEY", "default-secret-key")`,
    `os.environ.get(...)` (also through a name the module assigns it to, `os_env =
    os.environ` then `os_env.get(...)`, or the lookup itself, `read = os.environ.get` then
    `read(...)`), `config("SECRET_KEY", default=...)` (python-decouple),
    `env.str(..., default=...)` (django-environ), or from a file the deployment writes
    with a literal default: a YAML or JSON key (`config.get("secret_key", "...")`), an
    INI option read through `configparser` (`parser.get("flask", "secret_key",
    fallback="...")`, `parser["flask"].get("secret_key", "...")`). A lookup in the arm of an `if` that
    proves its variable set (`if "SECRET_KEY" in os.environ:`, `if os.getenv("SECRET_KEY"):`)
    never uses its default and is not reported. Flask-Security's `SECURITY_PASSWORD_SALT`,
    a pepper of password hashes that signs nothing, is reported at medium severity.
    `app.secret_key = app.config["SECRET_KEY"]` after loading the config sets nothing:
    Flask's `secret_key` is a `ConfigAttribute` of that key, so the key keeps the value,
    and the default, the config gave it.

    ## Why is this bad?
    The default is what runs whenever the variable is missing: a forgotten line in a
    deployment, a new worker, a cron job. The app then starts normally and signs every
    session with a key that is in the source, so anyone can forge a session. Failing to
    start is safer than starting with a known key.

    ## Example
    ```python
    import os

    from flask import Flask

    app = Flask(__name__)
    app.config["SECRET_KEY"] = os.getenv("SECRET_KEY", "default-secret-key")
    ```

    ## Fix
    ```python
    import os

    from flask import Flask

    app = Flask(__name__)
    app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    ```

    ## References
    - [CWE-1188: Initialization of a Resource with an Insecure Default](https://cwe.mitre.org/data/definitions/1188.html)
    - [Flask: configuring from environment variables](https://flask.palletsprojects.com/en/stable/config/#configuring-from-environment-variables)
    """

    code = "WW221"
    name = "flask-secret-key-env-default"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 1188
    message = "`{setting}` is {phrase}"
    fix = "drop the default so a missing `{variable}` stops start-up instead of shipping a key"
    states_deploy_time = True

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
                if not isinstance(value, DeployTime):
                    continue
                default = value.if_unset
                if not isinstance(default, str | bytes) or not default:
                    continue
                if key not in signers and not may_be_key(key, default):
                    continue
                phrase = deploy_phrase(value, weakness(default))
                yield self.at(
                    judged.location,
                    judged=judged,
                    severity=key_severity(key),
                    key=key,
                    setting=key,
                    phrase=phrase,
                    variable=value.variables[0],
                )
