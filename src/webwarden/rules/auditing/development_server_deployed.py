"""WW1184: a deployment file that starts `flask run` or `manage.py runserver`."""

from __future__ import annotations

import dataclasses
import fnmatch
import posixpath
from collections.abc import Iterator
from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.compose_files import COMPOSE_PATTERNS, is_compose_file
from webwarden.model.module import TextFile
from webwarden.parse.keyvalues import YamlProblem, yaml_documents
from webwarden.parse.yaml_nodes import node_get, node_items, node_text
from webwarden.rules.auditing._dev_server import (
    DevServer,
    debug_in,
    declared_for_development,
    dev_server,
    final_stage,
    for_development,
    split_words,
    stage_server,
    starts_compose,
    switched_on,
)
from webwarden.rules.base import Framework, TextRule
from webwarden.rules.database._compose import (
    compose_services,
    environment_entries,
)

if TYPE_CHECKING:
    import yaml

    from webwarden.model.project import ProjectModel

DOCKERFILE_PATTERNS = (
    "Dockerfile",
    "Dockerfile.*",
    "Dockerfile-*",
    "*.dockerfile",
    "*.Dockerfile",
    "Containerfile",
    "Containerfile.*",
)
_DEBUG_VARIABLES = "debug-variables:"
"""The tag of a Dockerfile's finding naming the variables that would put its server in
debug mode (`debug-variables:FLASK_DEBUG`), for `reassessed` to look for in the compose
services building it."""
_DECLARED = "; its header comment says it is for development only"
_SERVERS = {
    "flask": "Flask's development server",
    "django": "Django's development server",
    "manage.py": "the development server",
}


class DevelopmentServerDeployed(TextRule):
    """## What it does
    Finds the deployment files of an application that start its framework's development
    server: `flask run` (or `python -m flask run`) and `manage.py runserver` (Django's
    or Flask-Script's; `django-admin runserver`, django-extensions' `runserver_plus`)
    as the `CMD` or `ENTRYPOINT` of the stage a Dockerfile builds by default, the
    (last) `web:` process of a Procfile, or a docker-compose service's `command:` or
    `entrypoint:`, or the two run together (`entrypoint: /bin/sh` with `command: -c
    "..."`) (under `services:`, or at the top of a version-1 file). The command is found in exec or shell form, after `&&` or `;`,
    behind `exec`, `VAR=value` or a runner (`uv run`, `poetry run`), and inside
    `sh -c "..."`.

    ## Why is this bad?
    Both servers are written for a developer's machine: one process, no hardening
    against slow or malformed requests, static files served by the app, and no
    security review (Django's own warning: "DO NOT USE THIS SERVER IN A PRODUCTION
    SETTING"). With debug mode on (`flask run --debug`, `FLASK_DEBUG=1`, or Django's
    `DEBUG` read from the environment) it also serves tracebacks and, for Flask, the
    Werkzeug debugger, which runs code; such a finding is high, also for a Dockerfile
    that a compose service builds (`build: .`, no `target:`) keeping its command and
    switching debug on in its `environment:` (`FLASK_DEBUG: 1`).

    ## Known problems
    Files, build stages and services meant for development are not read: a path or
    name with a word such as `dev`, `local`, `test`, `override`, `example` or `demo`
    (`Dockerfile.dev`, `docker-compose.override.yml`, `.devcontainer/`, a last stage
    `AS development`), a file in a CI service's folder (`.github/`, `.gitlab/`,
    `.circleci/`: a compose file a workflow starts the services its tests run against
    with), and a compose service that builds such a stage or Dockerfile,
    runs only in such a profile, or mounts a relative directory (the source, for live
    reload). Nor is a Procfile one of whose processes runs Docker Compose (`db:
    docker compose up db`): a process manager (foreman, honcho) runs it on a
    developer's machine, not a platform. A Dockerfile is judged by the stage it builds
    without `--target`, alone: one that only a development compose service builds is
    still reported, and a build that picks another stage or a platform that overrides
    the command (a Copilot or Kubernetes manifest's `command`) is not followed. Scripts the image runs
    (`CMD ["./start.sh"]`) and `python app.py` whose script calls `app.run()` are not
    read (WW1170 and WW1174 judge `app.run` itself). A compose file is often for local
    use whatever its name, so its findings have medium confidence. A file whose opening
    comment says it is meant for development only (`# This Dockerfile is intended solely
    for local development`, `for development only`, `not for use in production`; not
    `for local development use docker-compose.dev.yml`, which speaks of another file) is
    still reported, one level lower (low, or medium in debug mode), with what it says.

    ## Example
    ```text
    FROM python:3.12-slim
    WORKDIR /app
    COPY . .
    RUN pip install -r requirements.txt
    CMD ["flask", "run", "--host", "0.0.0.0", "--port", "8080"]
    ```

    ## Fix
    ```text
    FROM python:3.12-slim
    WORKDIR /app
    COPY . .
    RUN pip install -r requirements.txt
    CMD ["gunicorn", "--bind", "0.0.0.0:8080", "wsgi:app"]
    ```

    ## References
    - [CWE-489: Active Debug Code](https://cwe.mitre.org/data/definitions/489.html)
    - [Flask: deploying to production](https://flask.palletsprojects.com/en/stable/deploying/)
    - [Django: the runserver command](https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver)
    """

    code = "WW1184"
    name = "development-server-deployed"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 489
    frameworks = frozenset({Framework.FLASK, Framework.DJANGO})
    message = "`{file}` starts {server} (`{command}`)"
    fix = "serve the app with a production WSGI server (`gunicorn`, `uwsgi`, `waitress`)"
    example_filename = "Dockerfile"
    patterns = (*DOCKERFILE_PATTERNS, "Procfile", *COMPOSE_PATTERNS)

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        if for_development(file.relpath):
            return
        name = file.relpath.rsplit("/", 1)[-1]
        if any(fnmatch.fnmatchcase(name, p) for p in DOCKERFILE_PATTERNS):
            yield from self._dockerfile(file, name)
        elif name == "Procfile":
            yield from self._procfile(file, name)
        elif is_compose_file(name):
            yield from self._compose(file, name)

    def _dockerfile(self, file: TextFile, name: str) -> Iterator[Finding]:
        stage = final_stage(file.text)
        if stage is None or for_development(stage.name):
            return
        found = stage_server(stage)
        if found is not None:
            server, instruction = found
            debug = server.debug or debug_in(stage.environment, server)
            finding = self._finding(file, name, instruction.line, server, debug, Confidence.HIGH)
            if not debug and server.debug_variables:
                tag = _DEBUG_VARIABLES + ",".join(server.debug_variables)
                finding = dataclasses.replace(finding, tags=(tag,))
            yield finding

    def _procfile(self, file: TextFile, name: str) -> Iterator[Finding]:
        processes = [
            (number, process.strip(), command)
            for number, (process, colon, command) in enumerate(
                (line.partition(":") for line in file.lines), start=1
            )
            if colon and not process.lstrip().startswith("#")
        ]
        web = [(number, command) for number, process, command in processes if process == "web"]
        if not web or any(starts_compose(split_words(c)) for _, _, c in processes):
            return
        number, command = web[-1]  # NOTE: a process type given twice runs its last command.
        server = dev_server(split_words(command))
        if server is not None:
            yield self._finding(file, name, number, server, server.debug, Confidence.HIGH)

    def _compose(self, file: TextFile, name: str) -> Iterator[Finding]:
        try:
            documents = yaml_documents(file.text)
        except YamlProblem:
            return  # NOTE: WW343 reports the file as not analysed.
        for document in documents:
            for service_name, service in compose_services(document):
                if for_development(service_name) or service_for_development(service):
                    continue
                yield from self._service(file, name, service)

    def _service(self, file: TextFile, name: str, service: yaml.Node) -> Iterator[Finding]:
        import yaml

        environment = service_environment(service)
        given = {key: node_get(service, key) for key in ("entrypoint", "command")}
        words = {
            key: [node_text(item) for item in value.value]
            if isinstance(value, yaml.SequenceNode)
            else split_words(node_text(value))
            for key, value in given.items()
            if value is not None
        }
        # NOTE: the container runs the entrypoint with the command as its arguments
        # (`entrypoint: /bin/sh` and `command: -c "... runserver"`).
        joined = [*words.get("entrypoint", ()), *words.get("command", ())]
        for key, run in (*words.items(), ("command", joined)):
            value = given[key]
            if value is None:
                continue
            server = dev_server(run)
            if server is not None:
                debug = server.debug or debug_in(environment, server)
                line = value.start_mark.line + 1
                yield self._finding(file, name, line, server, debug, Confidence.MEDIUM)
                return

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """High where a compose service of the project builds the Dockerfile, keeps its
        command and switches debug mode on in its `environment:` (`FLASK_DEBUG: 1`):
        the container runs the development server in debug mode."""
        tag = next((t for t in finding.tags if t.startswith(_DEBUG_VARIABLES)), None)
        if tag is None:
            return finding
        variables = tag.removeprefix(_DEBUG_VARIABLES).split(",")
        if not _debug_builder(project, finding.location.path, variables):
            return finding
        message = finding.message
        for server in _SERVERS.values():
            message = message.replace(f"starts {server} (", f"starts {server} in debug mode (")
        return dataclasses.replace(finding, severity=Severity.HIGH, message=message)

    def _finding(
        self,
        file: TextFile,
        name: str,
        line: int,
        server: DevServer,
        debug: bool,
        confidence: Confidence,
    ) -> Finding:
        finding = self.make_finding(
            file.location(line),
            snippet=file.lines[line - 1],
            severity=Severity.HIGH if debug else Severity.MEDIUM,
            confidence=confidence,
            file=name,
            server=_SERVERS[server.framework] + (" in debug mode" if debug else ""),
            command=server.command,
        )
        if not declared_for_development(file.lines):
            return finding
        # NOTE: the author says where the file runs: a deployment that uses it anyway is
        # the reader's to find, so the finding stays, lower.
        return dataclasses.replace(
            finding,
            severity=Severity.MEDIUM if debug else Severity.LOW,
            message=finding.message + _DECLARED,
        )


def _debug_builder(project: ProjectModel, dockerfile: str, variables: list[str]) -> bool:
    """Whether a compose service of the project (not one for development) builds the last
    stage of the Dockerfile at `dockerfile`, keeps its command, and switches one of
    `variables` on in its `environment:`."""
    for compose in project.compose_files():
        if for_development(compose.relpath):
            continue
        folder = posixpath.dirname(compose.relpath)
        for document in compose.documents:
            for service_name, service in compose_services(document):
                if (
                    for_development(service_name)
                    or service_for_development(service)
                    or node_get(service, "command") is not None
                    or node_get(service, "entrypoint") is not None
                    or _built_dockerfile(folder, service) != dockerfile
                ):
                    continue
                environment = service_environment(service)
                if any(switched_on(environment.get(name, "")) for name in variables):
                    return True
    return False


def _built_dockerfile(folder: str, service: yaml.Node) -> str:
    """The relpath of the Dockerfile whose last stage the service's `build:` builds (a
    context, or `context:` and `dockerfile:` without a `target:`), or ""."""
    import yaml

    build = node_get(service, "build")
    if isinstance(build, yaml.ScalarNode):
        context, dockerfile = node_text(build), "Dockerfile"
    elif isinstance(build, yaml.MappingNode) and node_get(build, "target") is None:
        context = node_text(node_get(build, "context")) or "."
        dockerfile = node_text(node_get(build, "dockerfile")) or "Dockerfile"
    else:
        return ""
    return posixpath.normpath(posixpath.join(folder, context, dockerfile))


def service_for_development(service: yaml.Node) -> bool:
    """Whether the compose service is set up for development: it builds a stage or a
    Dockerfile named so (`target: dev`, `dockerfile: Dockerfile.local`), runs only in a
    profile named so (`profiles: [dev]`), or mounts a directory of the project into the
    container (`.:/app`, `./src:/code`) to reload the code as it is edited."""
    build = node_get(service, "build")
    named = (node_text(node_get(build, "target")), node_text(node_get(build, "dockerfile")))
    profiles = [node_text(item) for item in node_items(node_get(service, "profiles"))]
    if any(for_development(name) for name in (*named, *profiles)):
        return True
    for volume in node_items(node_get(service, "volumes")):
        source = node_text(node_get(volume, "source")) or node_text(volume).split(":", 1)[0]
        if source.startswith("."):
            return True
    return False


def service_environment(service: yaml.Node) -> dict[str, str]:
    """A compose service's `environment:`, mapping or `KEY=value` list."""
    return {key: value for key, value, _ in environment_entries(service)}
