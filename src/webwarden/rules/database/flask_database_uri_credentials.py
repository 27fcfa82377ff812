"""WW320: database URLs with a password in Flask config or `create_engine`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from webwarden.analysis.environment import DeployTime
from webwarden.analysis.secrets import is_local_host
from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel, Judged
from webwarden.model.project import ProjectModel
from webwarden.rules.flask_base import FlaskRule, deploy_phrase

_URL_KEYS = ("_URI", "_URL", "_DSN")


def _password(url: object) -> bool:
    if not isinstance(url, str) or "://" not in url:
        return False
    try:
        password = urlsplit(url).password
    except ValueError:
        return False
    return bool(password) and not (password or "").startswith(("$", "{", "<", "%"))


def _local(url: object) -> bool:
    """A URL to a database on this machine (`localhost`, `127.0.0.1`, a socket path)."""
    try:
        return isinstance(url, str) and is_local_host(urlsplit(url).hostname or "")
    except ValueError:
        return False


def _severity(value: object) -> Severity | None:
    """Medium when every URL with a password reaches a database on this machine only."""
    urls = [url for url in _urls(value) if _password(url)]
    return Severity.MEDIUM if urls and all(_local(url) for url in urls) else None


def _urls(value: object) -> Iterator[object]:
    """A URL, or the URLs inside `SQLALCHEMY_BINDS` (strings or `{"url": ...}` dicts)."""
    if isinstance(value, dict):
        for item in value.values():
            yield item.get("url") if isinstance(item, dict) else item
    else:
        yield value


class FlaskDatabaseUriCredentials(FlaskRule):
    """## What it does
    Finds database and broker URLs with a password in them: `SQLALCHEMY_DATABASE_URI`,
    each URL of `SQLALCHEMY_BINDS`, any `*_URI`/`*_URL`/`*_DSN` config key (`MONGO_URI`,
    `REDIS_URL`, `CELERY_BROKER_URL`), and `create_engine("postgresql://user:pw@...")` in
    Flask modules - as literals or as the default of an environment lookup. A URL to
    a database on this machine (`localhost`, `127.0.0.1`) is reported at medium
    severity, as WW243 reports one in a configuration file: only the machine reaches
    that database.

    ## Why is this bad?
    The password travels with the code to every clone, fork, CI log and backup, and it
    usually works against the real database. Rotating it means a code change.

    ## Example
    ```python
    from flask import Flask

    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://shop:s3cr3t-pw@db.internal/shop"
    ```

    ## Fix
    ```python
    import os

    from flask import Flask

    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    ```

    ## References
    - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    - [Flask-SQLAlchemy: configuration](https://flask-sqlalchemy.readthedocs.io/en/stable/config/)
    """

    code = "WW320"
    name = "flask-database-uri-credentials"
    practice = Practice.DATABASE
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 798
    message = "`{setting}` is a database URL with a password"
    fix = "read the URL (or at least its password) from the environment, with no default"
    states_deploy_time = True

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        yield from super().check(project)
        if project.flask is None:
            return
        for engine in project.flask.engine_urls:
            found = self._judge(engine.value, engine.location, None, engine.key.rsplit(".")[-1])
            yield from found

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        keys = {
            key
            for layer in app.layers
            for key in layer.settings
            if key.endswith(_URL_KEYS) or key == "SQLALCHEMY_BINDS"
        }
        for key in sorted(keys):
            for judged in app.judge(key):
                if judged.setting is not None:
                    yield from self._judge(judged.value, judged.location, judged, key)

    def _judge(
        self, value: object, location: Location, judged: Judged | None, setting: str
    ) -> Iterable[Finding]:
        if isinstance(value, DeployTime):
            if any(_password(url) for url in _urls(value.if_unset)):
                phrase = deploy_phrase(value, "a database URL with a password")
                message = f"`{setting}` is {phrase}"
                severity = _severity(value.if_unset)
                yield self.at(
                    location, judged=judged, severity=severity, key=setting, message=message
                )
        elif any(_password(url) for url in _urls(value)):
            severity = _severity(value)
            yield self.at(location, judged=judged, severity=severity, key=setting, setting=setting)
