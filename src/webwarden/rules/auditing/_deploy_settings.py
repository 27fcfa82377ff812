"""Deployment files that set the environment variables Django's settings are read from:
the image a Dockerfile builds by default and the services of a compose file named for
production or staging, as WW1185 (`DEBUG`) and WW1189 (`ALLOWED_HOSTS`) read them."""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from webwarden.analysis.environment import DeployTime
from webwarden.findings import Confidence, Finding
from webwarden.model.compose_files import COMPOSE_PATTERNS, is_compose_file
from webwarden.model.module import DEPLOYMENT_WORDS, TextFile, role_words
from webwarden.model.project import ProjectModel
from webwarden.model.roles import Role, role_of
from webwarden.parse.keyvalues import YamlProblem, yaml_documents
from webwarden.parse.yaml_nodes import node_get, node_items, node_text
from webwarden.rules._compose_roles import development_compose
from webwarden.rules.auditing._dev_server import final_stage, for_development
from webwarden.rules.auditing.development_server_deployed import (
    DOCKERFILE_PATTERNS,
    service_for_development,
)
from webwarden.rules.database._compose import compose_services, environment_entries

if TYPE_CHECKING:
    import yaml

    from webwarden.model.django.settings import Possibility

DEPLOYMENT_PATTERNS = (*DOCKERFILE_PATTERNS, *COMPOSE_PATTERNS)
"""The files read: Dockerfiles and compose files."""
_VARIABLE = "env:"
_VALUE = "set-to:"


@dataclass(frozen=True, slots=True)
class DeployedVariable:
    """An environment variable a deployment file sets, where, and how sure we are the file
    deploys the app."""

    variable: str
    value: str
    line: int
    confidence: Confidence
    """High for a Dockerfile's image, medium for a compose file's service."""


def deployed_variables(file: TextFile) -> Iterator[DeployedVariable]:
    """The variables `file` sets for a deployment: the `ENV` of a Dockerfile's last stage
    (or a stage it is built from) and the `environment:` of a compose file's services,
    when the file, stage or service is not one for development, tests, a CI service or
    a task queue worker, and the compose file is named for production or staging."""
    if for_development(file.relpath):
        return
    name = file.relpath.rsplit("/", 1)[-1]
    if any(fnmatch.fnmatchcase(name, p) for p in DOCKERFILE_PATTERNS):
        found, confidence = _dockerfile(file.text), Confidence.HIGH
    elif is_compose_file(name) and _named_for_deployment(file.relpath, name, file.text):
        found, confidence = _compose(file.text), Confidence.MEDIUM
    else:
        return
    for variable, value, line in found:
        yield DeployedVariable(variable, value, line, confidence)


def tagged(finding: Finding, variable: str, value: str) -> Finding:
    """`finding` carrying the variable and its value, for `tagged_variable` and
    `tagged_value` (read when refuting it)."""
    return dataclasses.replace(finding, tags=(f"{_VARIABLE}{variable}", f"{_VALUE}{value}"))


def tagged_variable(finding: Finding) -> str:
    """The variable a finding of `tagged` is about."""
    return _tag(finding, _VARIABLE)


def tagged_value(finding: Finding) -> str:
    """The value, unquoted, a finding of `tagged` sets its variable to."""
    return _tag(finding, _VALUE)


def _tag(finding: Finding, prefix: str) -> str:
    return next((t[len(prefix) :] for t in finding.tags if t.startswith(prefix)), "")


def deployed_possibilities(project: ProjectModel, setting: str) -> Iterator[Possibility]:
    """The values `setting` may have in the settings modules that may be deployed (not
    those for development or tests)."""
    django = project.django
    if django is None:
        return
    for settings in django.judged:
        if not settings.role.is_development:
            yield from settings.get(setting)


def read_from(possibility: Possibility, variable: str) -> DeployTime | None:
    """The deploy-time value of `possibility` when it is read from the environment
    variable `variable` (not a configuration file's key of that name); None otherwise."""
    value = possibility.value
    if isinstance(value, DeployTime) and variable in value.environment_variables:
        return value
    return None


_DEPLOYMENT_FOLDER = DEPLOYMENT_WORDS | {"deployment", "deployments"}
"""Words of a folder holding what deploys the app (`deploy/`, `deployment/compose/`)."""


def _named_for_deployment(relpath: str, name: str, text: str) -> bool:
    """A compose file named for production or staging (`docker-compose.prod.yml`,
    `compose.production.yaml`, `deploy/docker-compose.yml`), or of a plain name in a
    folder so named further up (`deployment/compose/docker-compose.yaml`) that is no
    developer's stack by its content (`development_compose`): one of a plain name
    elsewhere is a developer's stack (as WW243 takes it), with its placeholder passwords
    and `localhost` hosts."""
    if role_of(name.rpartition(".")[0], relpath=relpath) is Role.PRODUCTION:
        return True
    folders = relpath.split("/")[:-1]
    return any(_DEPLOYMENT_FOLDER.intersection(role_words(f)) for f in folders) and not (
        development_compose(relpath, name, text)
    )


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
"""Commands of task queue workers: they serve no page, so what Django's settings say of
pages (`DEBUG`, `ALLOWED_HOSTS`) shows nothing there."""


def _runs_worker(service: yaml.Node) -> bool:
    command = node_get(service, "command")
    words = [node_text(w) for w in node_items(command)] or node_text(command).split()
    return any(word.rsplit("/", 1)[-1] in _WORKERS for word in words[:4])


def _environment(service: yaml.Node) -> list[tuple[str, str, int]]:
    """A compose service's `environment:` entries with their lines, names stripped."""
    return [(key.strip(), value, line) for key, value, line in environment_entries(service)]
