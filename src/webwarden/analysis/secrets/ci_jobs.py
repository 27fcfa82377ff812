"""Which lines of a CI pipeline file configure a job's own throwaway services, or the
environment of a step that runs the test suite.

A GitHub Actions job's `services:` start containers (a database, a cache) that live as
long as the job: the password given to such a container, and a database URL to the
runner itself (where the job publishes those containers), open nothing that outlives
the run. A step's `env:` is given to the commands of that step alone: when they run the
test suite (`pytest`, `manage.py test`, `tox`), its values are what the tests sign and
log in with, as a test settings module's are.
"""

from __future__ import annotations

import fnmatch
import re
from typing import TYPE_CHECKING

from webwarden.parse.yaml_nodes import node_get, node_items, node_text, node_values

if TYPE_CHECKING:
    import yaml

_PIPELINES = (
    ".github/workflows/*.yml",
    ".github/workflows/*.yaml",
    "*.gitlab-ci.yml",
    ".gitlab-ci.yml",
    ".circleci/config.yml",
    ".travis.yml",
    "bitbucket-pipelines.yml",
    "azure-pipelines.yml",
    "azure-pipelines.yaml",
    ".azure-pipelines/*.yml",
    ".azure-pipelines/*.yaml",
    ".gitea/workflows/*.yml",
    ".gitea/workflows/*.yaml",
    ".forgejo/workflows/*.yml",
    ".forgejo/workflows/*.yaml",
    ".woodpecker.yml",
    ".woodpecker.yaml",
    ".woodpecker/*.yml",
    ".woodpecker/*.yaml",
    ".drone.yml",
    "appveyor.yml",
    ".appveyor.yml",
)
"""Also Gitea's and Forgejo's Actions (GitHub's workflow syntax) and Woodpecker's and
Drone's pipelines, whose steps run in containers beside the `services:` they start, and
AppVeyor's, whose `services:` (`postgresql`, `mssql2017`) run on the build's own
throwaway machine."""
APPVEYOR_FILES = frozenset({"appveyor.yml", ".appveyor.yml"})


def is_ci_pipeline(relpath: str) -> bool:
    """A CI service's pipeline definition (`.github/workflows/tests.yml`, `.gitlab-ci.yml`)."""
    return any(
        fnmatch.fnmatchcase(relpath, pattern) or fnmatch.fnmatchcase(relpath, f"*/{pattern}")
        for pattern in _PIPELINES
    )


def service_containers(documents: list[yaml.Node]) -> tuple[frozenset[int], frozenset[str]]:
    """The 1-based lines of every `jobs.<job>.services` block of a GitHub workflow, and
    the names of those services: the host a job run in a container reaches each by
    (`postgres://ci:ci@postgres/db`)."""
    import yaml

    found: set[int] = set()
    names: set[str] = set()
    for document in documents:
        for job in node_values(node_get(document, "jobs")):
            services = node_get(job, "services")
            if isinstance(services, yaml.MappingNode):
                end = services.end_mark
                last = end.line if end.column == 0 else end.line + 1
                found.update(range(services.start_mark.line + 1, last + 1))
                names.update(
                    key.value for key, _ in services.value if isinstance(key, yaml.ScalarNode)
                )
    return frozenset(found), frozenset(names)


def service_values(documents: list[yaml.Node]) -> frozenset[str]:
    """The values of the `env:` of every `jobs.<job>.services.<name>` of a GitHub workflow
    (`POSTGRES_PASSWORD: ci`): a step's setting of the same value (`DB_PASSWORD: ci`) is
    the login of that throwaway container, made for the job and gone with it."""
    found: set[str] = set()
    for document in documents:
        for job in node_values(node_get(document, "jobs")):
            for service in node_values(node_get(job, "services")):
                found.update(node_text(value) for value in node_values(node_get(service, "env")))
    return frozenset(found - {""})


TEST_RUN = re.compile(
    r"(?:^|[\s;&|(])(?:pytest|py\.test|tox|nox|coverage\s+run)\b"
    r"|\bmanage\.py\s+test\b|-m\s+(?:pytest|unittest)\b|\bflask\s+test\b"
    r"|\bmake(?:\s+-\S+)*\s+tests?(?![\w-])"
    r"|\bmanage\.py\s+makemigrations\b[^\n]*\s--(?:check|dry-run)\b"
)
"""A command that runs a test suite (`flask test`: the app's own command, as Flask's
tutorials name it; `make test`, a Makefile's test target, not `make testserver`), or
checks that no migration is missing (`manage.py makemigrations --check`, `--dry-run`):
it loads the settings and writes nothing, signs nothing."""


def test_step_environments(documents: list[yaml.Node]) -> frozenset[int]:
    """The 1-based lines of the `env:` block of every GitHub workflow step whose `run:`
    runs the test suite (`pytest --cov`, `python manage.py test`), and of the `env:` of
    a job (or of the workflow) that such a step is part of: GitHub gives a job's `env:`
    to each of its steps, the workflow's to every job's."""
    import yaml

    found: set[int] = set()
    for document in documents:
        testing = False
        for job in node_values(node_get(document, "jobs")):
            tests = False
            for step in node_items(node_get(job, "steps")):
                env = node_get(step, "env")
                if not TEST_RUN.search(node_text(node_get(step, "run"))):
                    continue
                tests = testing = True
                if isinstance(env, yaml.MappingNode):
                    found.update(_lines(env))
            shared = node_get(job, "env")
            if tests and isinstance(shared, yaml.MappingNode):
                found.update(_lines(shared))
        shared = node_get(document, "env")
        if testing and isinstance(shared, yaml.MappingNode):
            found.update(_lines(shared))
    return frozenset(found)


_CONTAINER_RUN = re.compile(r"(?:^|[\s;&|(])(?:docker|podman)\s+(?:container\s+)?run\b")
"""A command starting a container on the machine it runs on (`docker run -e KEY=...`;
not `docker -H tcp://host run` or `docker --context prod run`, another machine's)."""


def container_run_steps(documents: list[yaml.Node]) -> frozenset[int]:
    """The 1-based lines of the `run:` of every GitHub workflow step that starts a
    container on the runner (`docker run -d -e SECRET_KEY=... app`, to check that the
    image it built comes up): what the step gives that container lives as long as the
    job, as a service container's does."""
    found: set[int] = set()
    for document in documents:
        for job in node_values(node_get(document, "jobs")):
            for step in node_items(node_get(job, "steps")):
                run = node_get(step, "run")
                if _CONTAINER_RUN.search(node_text(run)):
                    found.update(_lines(run))
    return frozenset(found)


def travis_test_environments(documents: list[yaml.Node]) -> frozenset[int]:
    """The 1-based lines of a Travis CI file's `env:` blocks given to jobs that run the
    test suite: the top-level `env:` (every job's) when the top-level `script:` runs
    it, and the `env:` of each `jobs:` (or `matrix:`) `include:` entry whose own
    `script:`, or else the top-level one, does."""
    found: set[int] = set()
    for document in documents:
        script = _commands(node_get(document, "script"))
        if TEST_RUN.search(script):
            found.update(_lines(node_get(document, "env")))
        for key in ("jobs", "matrix"):
            for job in node_items(node_get(node_get(document, key), "include")):
                own = node_get(job, "script")
                if TEST_RUN.search(script if own is None else _commands(own)):
                    found.update(_lines(node_get(job, "env")))
    return frozenset(found)


def appveyor_test_environments(documents: list[yaml.Node]) -> frozenset[int]:
    """The 1-based lines of an AppVeyor file's top-level `environment:` (every build
    job's, its `matrix:` entries too) when its `test_script:` runs the test suite."""
    found: set[int] = set()
    for document in documents:
        if TEST_RUN.search(_commands(node_get(document, "test_script"))):
            found.update(_lines(node_get(document, "environment")))
    return frozenset(found)


def _commands(node: yaml.Node | None) -> str:
    """A `script:`'s commands, one a line: a string or a list of strings."""
    return "\n".join([node_text(node), *(node_text(item) for item in node_items(node))])


def _lines(node: yaml.Node | None) -> range:
    """The 1-based lines a block spans (none for a missing one)."""
    if node is None:
        return range(0)
    end = node.end_mark
    last = end.line if end.column == 0 else end.line + 1
    return range(node.start_mark.line + 1, last + 1)
