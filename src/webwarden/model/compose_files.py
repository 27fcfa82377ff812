"""What names a docker-compose file, and the project's compose files read and parsed."""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from webwarden.discover import SourceFile
from webwarden.parse.keyvalues import YamlProblem, yaml_documents

if TYPE_CHECKING:
    import yaml

COMPOSE_PATTERNS = (
    "docker-compose.yml",
    "docker-compose.yaml",
    "docker-compose.*.yml",
    "docker-compose.*.yaml",
    "compose.yml",
    "compose.yaml",
    "compose.*.yml",
    "compose.*.yaml",
    # NOTE: `docker-compose-dev.yml`, `docker-compose-prod.yaml`, `compose-dev.yml`,
    # `docker-compose_swarm.yml`: a variant named with a dash or an underscore.
    "docker-compose-*.yml",
    "docker-compose-*.yaml",
    "docker-compose_*.yml",
    "docker-compose_*.yaml",
    "compose-*.yml",
    "compose-*.yaml",
    # NOTE: `prod-docker-compose.yaml`, `staging.docker-compose.yml`,
    # `dev_docker-compose.yml`: a variant named with its stage in front, which
    # `docker compose -f` runs as well. Only `docker-compose` after the separator: a
    # bare `*-compose.yml` also names other tools' files (`podman-compose`, `kompose`).
    "*-docker-compose.yml",
    "*-docker-compose.yaml",
    "*.docker-compose.yml",
    "*.docker-compose.yaml",
    "*_docker-compose.yml",
    "*_docker-compose.yaml",
)


def is_compose_file(name: str) -> bool:
    """Whether a file's name is one of `COMPOSE_PATTERNS`."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in COMPOSE_PATTERNS)


_MAX_COMPOSE_FILE = 512 * 1024


@dataclass(frozen=True)
class ComposeFile:
    """A compose file of the project: its relpath, text and YAML documents."""

    relpath: str
    text: str
    documents: list[yaml.Node]


def parsed_compose_files(files: Iterable[SourceFile]) -> list[ComposeFile]:
    """The compose files among `files` (by `is_compose_file`), each read once (its first
    512 KiB) and parsed; not those YAML cannot parse."""
    found = []
    for file in files:
        if not is_compose_file(posixpath.basename(file.relpath)):
            continue
        text = read_compose(file)
        try:
            documents = yaml_documents(text)
        except YamlProblem:
            continue
        found.append(ComposeFile(file.relpath, text, documents))
    return found


def read_compose(file: SourceFile) -> str:
    """The text of a compose file (its first 512 KiB; "" when it cannot be read)."""
    try:
        with Path(file.abspath).open(encoding="utf-8", errors="replace") as handle:
            return handle.read(_MAX_COMPOSE_FILE)
    except OSError:
        return ""
