"""What names a docker-compose file."""

from __future__ import annotations

import fnmatch

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
)


def is_compose_file(name: str) -> bool:
    """Whether a file's name is one of `COMPOSE_PATTERNS`."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in COMPOSE_PATTERNS)
