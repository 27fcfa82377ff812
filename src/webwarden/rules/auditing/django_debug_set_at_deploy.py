"""WW1185: a deployment file sets the variable Django's `DEBUG` is read from to true."""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Iterator
from typing import TYPE_CHECKING

from webwarden.analysis.environment import PROBE_WORDS, DeployTime
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.compose_files import COMPOSE_PATTERNS, is_compose_file
from webwarden.model.module import TextFile
from webwarden.model.project import ProjectModel
from webwarden.model.roles import Role, role_of
from webwarden.parse.keyvalues import YamlProblem, yaml_documents
from webwarden.parse.yaml_nodes import node_get, node_items, node_text
from webwarden.rules.auditing._dev_server import (
    final_stage,
    for_development,
    switched_on,
    unquoted,
)
from webwarden.rules.auditing.development_server_deployed import (
    DOCKERFILE_PATTERNS,
    service_for_development,
)
from webwarden.rules.base import Framework, TextRule
from webwarden.rules.database._compose import (
    compose_services,
    environment_entries,
)

if TYPE_CHECKING:
    import yaml

_TAG = "env:"
_WORD = "set-to:"


class DjangoDebugSetAtDeploy(TextRule):
    """## What it does
    Finds deployment files that switch Django's `DEBUG` on through the environment: the
    image a Dockerfile builds by default (`ENV DJANGO_DEBUG=1` in its last stage, or a
    stage it is built from) or a docker-compose service (`environment:`) sets to a true
    value (`1`, `true`, `yes`, `on`) a variable that a settings module reads `DEBUG`
    from (`DEBUG = os.environ.get("DJANGO_DEBUG") == "1"`, `env.bool("DEBUG")`,
    `config("DEBUG", cast=bool)`); a compose file only when its name says production or
    staging (`docker-compose.prod.yml`): one of a plain name that sets `DEBUG` on is a
    developer's stack, as WW243 takes it. Settings modules for development or tests, files and
    compose services named for development (`Dockerfile.dev`,
    `docker-compose.override.yml`, a service mounting the source to reload it, one in a
    `dev` profile), files in a CI service's folder (`.github/`, `.gitlab/`: the
    services a workflow tests against), task queue workers (`celery`, `rq`: no page to show) and build
    stages named for development are not read.

    ## Why is this bad?
    The settings module is safe on its own (off unless the variable says otherwise), so
    WW1160 does not report it; the file that deploys the app turns it on. Every error
    page then shows the stack trace, local variables, settings and SQL of the request
    to whoever causes it, and the 404 page lists every URL pattern.

    ## Known problems
    A value is taken as true by its spelling, and the settings module's `DEBUG` is
    worked out with the variable set to it (`1`, `true`, `True`, `TRUE`, `yes`, `on`;
    other true spellings as `true`): a variable that turns `DEBUG` off
    (`DEBUG = False if PRODUCTION else ...` with `PRODUCTION = env.bool("APP_PRODUCTION")`,
    `DEBUG = not os.environ.get("LIVE")`) or a comparison the value fails (`== "1"` for
    `yes`) is not reported. A comparison with a word that is no true spelling
    (`== "debug"`) is missed: `debug` is not taken as true. A `DEBUG` read through a
    helper of another module is reported whatever the helper makes of the value. A compose file a developer runs the production
    image with, under a plain name, is reported: rename it for development or drop the
    variable.

    ## Example
    ```text
    FROM python:3.12-slim
    ENV DJANGO_DEBUG=1
    COPY . /app
    CMD ["gunicorn", "shop.wsgi", "--bind", "0.0.0.0:8000"]
    ```
    ```python
    # shop/settings.py
    import os

    SECRET_KEY = os.environ["SECRET_KEY"]
    DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
    ROOT_URLCONF = "shop.urls"
    ```

    ## Fix
    ```text
    FROM python:3.12-slim
    COPY . /app
    CMD ["gunicorn", "shop.wsgi", "--bind", "0.0.0.0:8000"]
    ```
    ```python
    # shop/settings.py
    import os

    SECRET_KEY = os.environ["SECRET_KEY"]
    DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
    ROOT_URLCONF = "shop.urls"
    ```

    ## References
    - [CWE-489: Active Debug Code](https://cwe.mitre.org/data/definitions/489.html)
    - [Django: deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug)
    """

    code = "WW1185"
    name = "django-debug-set-at-deploy"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 489
    frameworks = frozenset({Framework.DJANGO})
    message = "`{variable}={value}` in `{file}` turns Django's `DEBUG` on"
    fix = "leave `{variable}` unset in deployments (set it only on developers' machines)"
    example_filename = "Dockerfile"
    patterns = (*DOCKERFILE_PATTERNS, *COMPOSE_PATTERNS)

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        if for_development(file.relpath):
            return
        name = file.relpath.rsplit("/", 1)[-1]
        if any(fnmatch.fnmatchcase(name, p) for p in DOCKERFILE_PATTERNS):
            found, confidence = _dockerfile(file.text), Confidence.HIGH
        elif is_compose_file(name) and _named_for_deployment(file.relpath, name):
            found, confidence = _compose(file.text), Confidence.MEDIUM
        else:
            return
        for variable, value, line in found:
            if not switched_on(value):
                continue
            finding = self.make_finding(
                file.location(line),
                snippet=file.lines[line - 1],
                key=variable,
                confidence=confidence,
                variable=variable,
                value=value,
                file=name,
            )
            tags = (f"{_TAG}{variable}", f"{_WORD}{unquoted(value)}")
            yield dataclasses.replace(finding, tags=tags)

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """Unless a settings module that may be deployed reads `DEBUG` from the variable."""
        variable = next((t[len(_TAG) :] for t in finding.tags if t.startswith(_TAG)), "")
        word = _probed(next((t[len(_WORD) :] for t in finding.tags if t.startswith(_WORD)), ""))
        django = project.django
        if django is None:
            return True
        return not any(
            isinstance(possibility.value, DeployTime)
            and variable in possibility.value.environment_variables
            and (variable, word) not in possibility.value.false_when_set
            for settings in django.judged
            if not settings.role.is_development
            for possibility in settings.get("DEBUG")
        )


def _probed(word: str) -> str:
    """The spelling among `PROBE_WORDS` a true word is read as (`Yes` as `yes`)."""
    if word in PROBE_WORDS:
        return word
    return word.lower() if word.lower() in PROBE_WORDS else "true"


def _named_for_deployment(relpath: str, name: str) -> bool:
    """A compose file named for production or staging (`docker-compose.prod.yml`,
    `compose.production.yaml`): one of a plain name setting `DEBUG` on is a developer's
    stack (as WW243 takes it), with its placeholder passwords and `localhost` hosts."""
    return role_of(name.rpartition(".")[0], relpath=relpath) is Role.PRODUCTION


def _dockerfile(text: str) -> list[tuple[str, str, int]]:
    stage = final_stage(text)
    if stage is None or for_development(stage.name):
        return []
    return [
        (variable, value, stage.environment_lines[variable])
        for variable, value in stage.environment.items()
        if variable in stage.environment_lines
    ]


def _compose(text: str) -> list[tuple[str, str, int]]:
    try:
        documents = yaml_documents(text)
    except YamlProblem:
        return []  # NOTE: WW343 reports the file as not analysed.
    found = []
    for document in documents:
        for service_name, service in compose_services(document):
            if for_development(service_name) or service_for_development(service):
                continue
            if not _runs_worker(service):
                found += _environment(service)
    return found


_WORKERS = frozenset({"celery", "rq", "rqworker", "dramatiq", "huey_consumer", "qcluster"})
"""Commands of task queue workers: they serve no page, so `DEBUG` shows nothing there."""


def _runs_worker(service: yaml.Node) -> bool:
    command = node_get(service, "command")
    words = [node_text(w) for w in node_items(command)] or node_text(command).split()
    return any(word.rsplit("/", 1)[-1] in _WORKERS for word in words[:4])


def _environment(service: yaml.Node) -> list[tuple[str, str, int]]:
    """A compose service's `environment:` entries with their lines, names stripped."""
    return [(key.strip(), value, line) for key, value, line in environment_entries(service)]
