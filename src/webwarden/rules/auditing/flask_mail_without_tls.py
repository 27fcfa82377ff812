"""WW1177: a Flask app's mail password sent over SMTP without TLS (Flask-Mail, Flask-Mailman)."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import DeployTime
from webwarden.analysis.secrets import is_local_host
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.model.flask.app import Judged
from webwarden.rules.base import Framework
from webwarden.rules.flask_base import FlaskRule, in_effect

_SWITCHES = ("MAIL_USE_TLS", "MAIL_USE_SSL")


class FlaskMailWithoutTls(FlaskRule):
    """## What it does
    Finds Flask apps whose config gives the mail extension a password (`MAIL_PASSWORD`,
    read by Flask-Mail and Flask-Mailman) for a mail server other than this machine
    (`MAIL_SERVER`) while neither `MAIL_USE_TLS` nor `MAIL_USE_SSL` is on (both are off
    by default). When the environment may turn TLS on (`os.getenv("MAIL_USE_TLS")`), the
    finding is low: the default is what ships, the deployment may change it. A switch read
    from the environment with a default that turns it on
    (`bool(int(os.environ.get("MAIL_USE_TLS", "1")))`) is on in what ships.

    ## Why is this bad?
    The extension then logs in to the mail server with SMTP AUTH over a plain
    connection: the user name and password cross the network readable by anyone on the
    path, and so do the mails (password-reset links included).

    ## Example
    ```python
    import os

    from flask import Flask

    app = Flask(__name__)
    app.config["MAIL_SERVER"] = "smtp.example.com"
    app.config["MAIL_PORT"] = 587
    app.config["MAIL_USERNAME"] = "app@example.com"
    app.config["MAIL_PASSWORD"] = os.environ["MAIL_PASSWORD"]
    ```

    ## Fix
    ```python
    import os

    from flask import Flask

    app = Flask(__name__)
    app.config["MAIL_SERVER"] = "smtp.example.com"
    app.config["MAIL_PORT"] = 587
    app.config["MAIL_USE_TLS"] = True
    app.config["MAIL_USERNAME"] = "app@example.com"
    app.config["MAIL_PASSWORD"] = os.environ["MAIL_PASSWORD"]
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [Flask-Mail: configuring](https://flask-mail.readthedocs.io/en/latest/#configuring-flask-mail)
    """

    code = "WW1177"
    name = "flask-mail-without-tls"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 319
    message = "`MAIL_PASSWORD` is sent to {host} over SMTP without TLS: `MAIL_USE_TLS` and `MAIL_USE_SSL` are off{unless}"
    fix = "set `MAIL_USE_TLS = True` (port 587) or `MAIL_USE_SSL = True` (port 465)"
    states_deploy_time = True
    frameworks = frozenset({Framework.FLASK})

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        later = _switched_later(app)
        if later is None:
            return
        hosts = [j for j in app.judge("MAIL_SERVER") if j.setting is not None]
        remote = [j for j in hosts if not _local(in_effect(j.value))]
        if not hosts or not remote:
            return  # NOTE: unset, the extensions' default is `localhost`
        server = in_effect(remote[0].value)
        shown = f"`{server}`" if isinstance(server, str) else "the mail server"
        for judged in app.judge("MAIL_PASSWORD"):
            value = judged.value
            if judged.setting is None or not (
                isinstance(value, DeployTime) or (isinstance(value, str) and value)
            ):
                continue
            yield self.at(
                judged.location,
                judged=judged,
                severity=Severity.LOW if later else None,
                host=shown,
                unless=" unless the environment turns one on" if later else "",
            )


def _local(server: object) -> bool:
    return isinstance(server, str) and (not server or is_local_host(server))


def _switched_later(app: FlaskApp) -> bool | None:
    """None when TLS or SSL may be on in what ships (set true, to a value webwarden
    cannot read, or read from the environment with a true default); True when the
    environment decides a switch (off by default); False when both are off in the code."""
    later = False
    for key in _SWITCHES:
        for judged in app.judge(key):
            if judged.setting is None:
                continue
            if _on_unless_unset(judged):
                return None
            if isinstance(judged.value, DeployTime):
                later = True
            elif judged.value is UNKNOWN or bool(judged.value):
                return None
    return later


def _on_unless_unset(judged: Judged) -> bool:
    """An environment read whose default turns the switch on
    (`bool(int(os.environ.get("MAIL_USE_TLS", "1")))`): on unless the deployment
    turns it off."""
    value = judged.value
    if not isinstance(value, DeployTime):
        return False
    default = in_effect(value)
    return default is not UNKNOWN and bool(default)
