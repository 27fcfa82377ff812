"""Which lines of a CI pipeline file configure a job's own throwaway services.

A GitHub Actions job's `services:` start containers (a database, a cache) that live as
long as the job: the password given to such a container, and a database URL to the
runner itself (where the job publishes those containers), open nothing that outlives
the run.
"""

from __future__ import annotations

import fnmatch
from typing import TYPE_CHECKING

from webwarden.parse.yaml_nodes import node_get, node_values

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
)


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
