"""WW249: an HMAC keyed by a secret that is empty when its environment variable is unset."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.environment import DeployTime
from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.auth.facts import HmacKey
from webwarden.model.auth.hmac_keys import EMPTY_KEYS
from webwarden.model.django.settings import SettingsModule
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._project import auth_facts_by_path
from webwarden.rules.base import ProjectRule


class HmacKeyEmptyWhenUnset(ProjectRule):
    """## What it does
    Finds HMACs (`hmac.new`, `hmac.digest`, `hmac.HMAC`) keyed by a secret that is empty
    when its environment variable is unset: a Django setting (`settings.WEBHOOK_SECRET`)
    or a Flask config key (`app.config["WEBHOOK_SECRET"]`) read as
    `os.environ.get("WEBHOOK_SECRET", "")` in a deployed settings module or config, or a
    module value read so. A key handed to a function of the same module that makes the
    HMAC (`check_signature(signature, key, payload)`) is reported at that call. Not when
    the function making the HMAC, or handing it the key, tests the key first (`if not
    settings.WEBHOOK_SECRET: return HttpResponseForbidden()`; a type check such as
    `isinstance(key, str)` is no test), nor when the setting is empty only in development
    settings, nor in a settings module that reads the same variable elsewhere without a
    default (`ANYMAIL = {"MAILGUN_API_KEY": env("MAILGUN_API_KEY")}` in production beside
    a base module's `MAILGUN_API_KEY = env("MAILGUN_API_KEY", default="")`): the site does
    not start there unless the variable is set. Nor is a Flask config key that the app
    refuses to start without: a set-up function given the app (an extension's
    `init_app(app)`) or a module's top level raising when it is empty (`if not
    app.config.get("WEBHOOK_SECRET"): raise RuntimeError(...)`, also in a loop over a
    list of keys, `for key in ["SECRET_KEY", "WEBHOOK_SECRET"]:`).

    ## Why is this bad?
    An empty default looks safe: no secret ships in the code. But an HMAC keyed with
    nothing is one anybody can compute: when the variable is missing from one
    deployment, every forged webhook (a GitHub push, a payment event) carries a valid
    `X-Hub-Signature-256`, and every signed token or link made with the key can be made
    by anyone. Nothing fails, so the missing configuration goes unnoticed.

    ## Known problems
    A key handed to a helper of another module, or through a method, is not followed.

    ## Example
    ```python
    import hashlib
    import hmac
    import os

    from flask import Flask, abort, current_app, request

    app = Flask(__name__)
    app.config["WEBHOOK_SECRET"] = os.environ.get("WEBHOOK_SECRET", "")

    @app.post("/hooks/payments")
    def payment_hook():
        key = current_app.config["WEBHOOK_SECRET"].encode()
        digest = hmac.new(key, request.get_data(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(digest, request.headers.get("X-Signature", "")):
            abort(403)
        return "ok"
    ```

    ## Fix
    ```python
    import hashlib
    import hmac
    import os

    from flask import Flask, abort, current_app, request

    app = Flask(__name__)
    app.config["WEBHOOK_SECRET"] = os.environ["WEBHOOK_SECRET"]

    @app.post("/hooks/payments")
    def payment_hook():
        key = current_app.config["WEBHOOK_SECRET"].encode()
        digest = hmac.new(key, request.get_data(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(digest, request.headers.get("X-Signature", "")):
            abort(403)
        return "ok"
    ```
    Require the variable (start-up fails without it), or refuse every request while the
    key is empty. The same holds for a Django setting read with an empty default.

    ## References
    - [CWE-1188: Initialization of a Resource with an Insecure Default](https://cwe.mitre.org/data/definitions/1188.html)
    - [GitHub: validating webhook deliveries](https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries)
    """

    code = "WW249"
    name = "hmac-key-empty-when-unset"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 1188
    message = "the HMAC key{shown} is empty {when}: anyone can compute this HMAC"
    fix = "require the variable (`os.environ[...]`) or refuse requests while the key is empty"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        by_path = list(auth_facts_by_path(project))
        required = frozenset(k for _, facts in by_path for k in facts.required_config)
        for _, facts in by_path:
            for key in facts.hmac_keys:
                if key.source == "config" and key.name in required:
                    continue
                found = self._empty(project, key)
                if found is not None:
                    shown, when = found
                    yield self.make_finding(
                        key.location, key=f"{key.source}:{key.name}", shown=shown, when=when
                    )

    def _empty(self, project: ProjectModel, key: HmacKey) -> tuple[str, str] | None:
        """How to show the key, and when it is empty; None when it never is."""
        if key.source == "env":
            return "", f"when ${key.name} is unset"
        if key.source == "setting" and project.django is not None:
            for module in project.django.judged:
                if module.role.is_development:
                    continue
                for possibility in module.get(key.name):
                    when = _when_empty(possibility.value, possibility.location)
                    if when and not _required(module, possibility.value):
                        return f" `settings.{key.name}`", when
        if key.source == "config" and project.flask is not None:
            for app in project.flask.apps:
                for judged in app.judge(key.name):
                    when = _when_empty(judged.value, judged.location) if judged.setting else ""
                    if when:
                        return f' `config["{key.name}"]`', when
        return None


def _required(module: SettingsModule, value: object) -> bool:
    """Whether the settings module also reads a variable `value` is read from without a
    default (`ANYMAIL = {"MAILGUN_API_KEY": env("MAILGUN_API_KEY")}` beside a setting
    defaulting to ""): where it runs, start-up fails unless the variable is set."""
    return isinstance(value, DeployTime) and not module.required.isdisjoint(value.variables)


def _when_empty(value: object, location: Location | None) -> str:
    """`when $X is unset (settings.py:12)` for a value empty when its variables are unset,
    `as set at settings.py:12` for a constant empty value; "" otherwise."""
    where = f"{location.path}:{location.line}" if location is not None else ""
    if isinstance(value, DeployTime) and value.if_unset in EMPTY_KEYS:
        names = ", ".join(value.shown_names)
        return f"when {names} is unset ({where})"
    if location is not None and value in EMPTY_KEYS:
        return f"as set at {where}"
    return ""
