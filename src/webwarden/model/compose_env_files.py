"""The env files a project's compose files hand their services (`env_file:`).

`docker-compose.yml` whose `web` service runs `manage.py runserver` with `env_file:
.docker-compose.env`: that file holds the values of the developer's containers, as the
compose file does, whatever its own name says.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import TYPE_CHECKING

from webwarden.model.compose_files import ComposeFile
from webwarden.parse.yaml_nodes import node_get, node_items, node_mapping, node_text

if TYPE_CHECKING:
    import yaml


def compose_env_readers(
    composes: Iterable[ComposeFile],
) -> dict[str, tuple[tuple[str, str], ...]]:
    """Each env file a compose file names in a service's `env_file:` (a path, a list of
    paths, or of `{path: ...}` entries; relative to the compose file's folder), by
    relpath -> (relpath, text) of every compose file naming it."""
    found: dict[str, list[tuple[str, str]]] = {}
    for compose in composes:
        folder = posixpath.dirname(compose.relpath)
        for path in sorted(env_file_paths(compose.documents)):
            relpath = posixpath.normpath(posixpath.join(folder, path))
            found.setdefault(relpath, []).append((compose.relpath, compose.text))
    return {relpath: tuple(readers) for relpath, readers in found.items()}


def env_file_paths(documents: list[yaml.Node]) -> set[str]:
    """The paths the services of the documents name in `env_file:`."""
    paths: set[str] = set()
    for document in documents:
        services = node_mapping(node_get(document, "services")) or {}
        for service in services.values():
            holder = node_get(service, "env_file")
            items = node_items(holder) or ([holder] if holder is not None else [])
            for item in items:
                path = node_text(node_get(item, "path")) if node_mapping(item) else node_text(item)
                if path:
                    paths.add(path)
    return paths
