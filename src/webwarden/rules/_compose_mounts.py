"""Files that only development compose files bind-mount into their containers.

`docker/docker-compose.objects-apis.yml`, on the developer's `open-forms-dev` network,
mounting `./objects-apis/fixtures/:/app/fixtures/` to seed a local instance of another
service: the rows, certificates and configuration of a developer's containers, as a
development compose file's own environment is (see `development_compose`).
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from webwarden.discover import FileKind
from webwarden.findings import Finding, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.project import ProjectModel
from webwarden.parse.yaml_nodes import node_get, node_items, node_text
from webwarden.rules._compose_roles import development_compose
from webwarden.rules.database._compose import compose_services

if TYPE_CHECKING:
    import yaml

_MEMO = "compose-mounts"


def development_mounted(project: ProjectModel, relpath: str) -> str:
    """`a file a development compose file mounts` when compose files of the project
    bind-mount the file at `relpath` (or a folder holding it) into a container, and
    each is a development one; "" otherwise. Not a mount of the compose file's own
    folder or one above it (`.:/app`), nor of a folder holding Python modules
    (`./src:/app/src`): the application's code, which deployments run too."""
    mounts = project.memo.get(_MEMO)
    if not isinstance(mounts, list):
        mounts = _mounts(project)
        project.memo[_MEMO] = mounts
    found = [development for path, development in mounts if _holds(path, relpath)]
    return "a file a development compose file mounts" if found and all(found) else ""


def lowered_when_development_mounted(finding: Finding, project: ProjectModel) -> Finding:
    """`finding` lowered to low in a file only development compose files mount (the
    TLS proxy or configuration of a developer's stack); as it is otherwise."""
    if finding.severity is not Severity.LOW and (
        mounted := development_mounted(project, finding.location.path)
    ):
        return lower_for_context(finding, Severity.LOW, mounted)
    return finding


def _mounts(project: ProjectModel) -> list[tuple[str, bool]]:
    """(mounted path, whether its compose file is a development one) of each bind mount
    of the project's compose files, but for those that hold code (see above)."""
    code = [f.relpath for f in project.files if f.kind is FileKind.PYTHON]
    found: list[tuple[str, bool]] = []
    for compose in project.compose_files():
        name = posixpath.basename(compose.relpath)
        folder = posixpath.dirname(compose.relpath)
        development = bool(development_compose(compose.relpath, name, compose.text))
        for document in compose.documents:
            for _, service in compose_services(document):
                for source in _sources(service):
                    path = posixpath.normpath(posixpath.join(folder, source))
                    if path.startswith("..") or _holds(path, folder):
                        continue
                    if not any(_holds(path, module) for module in code):
                        found.append((path, development))
    return found


def _sources(service: yaml.Node) -> list[str]:
    """The host paths a service's `volumes:` bind-mount (`./certs:/certs:ro`, or the
    long syntax's `source:`) relative to the compose file; not named volumes, absolute
    paths of the host or paths a variable chooses."""
    found = []
    for item in node_items(node_get(service, "volumes")):
        short = node_text(item)
        source = short.split(":", 1)[0] if short else node_text(node_get(item, "source"))
        if source.startswith(".") and "$" not in source:
            found.append(source)
    return found


def _holds(folder: str, relpath: str) -> bool:
    return folder in {".", ""} or relpath == folder or relpath.startswith(folder + "/")
