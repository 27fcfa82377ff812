"""The database containers a project's compose files start with a login of their own.

`.env.example` holding `DATABASE_URL=postgres://shop:s3cr3t@shop-db:5432/shop` beside a
`docker-compose.yml` whose service `shop-db` runs `postgres` with `POSTGRES_PASSWORD:
${DB_PASSWORD:-s3cr3t}`: the URL names the container the project's own compose file
makes, with the login that file gives it, as `localhost` names the developer's machine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from webwarden.model.compose_files import ComposeFile
from webwarden.parse.yaml_nodes import node_get, node_items, node_mapping, node_text

if TYPE_CHECKING:
    import yaml

_PASSWORD_VARIABLE = re.compile(r"(?:^|_)(?:ROOT_)?PASSWORD$")
"""The variable a database image takes its first login's password from
(`POSTGRES_PASSWORD`, `MYSQL_ROOT_PASSWORD`, `MONGO_INITDB_ROOT_PASSWORD`)."""


def compose_login_hosts(composes: Iterable[ComposeFile]) -> frozenset[str]:
    """The names (service key and `container_name:`) of the compose services that set a
    database password variable in their `environment:`: containers whose database
    the compose file itself creates with that login."""
    found: set[str] = set()
    for compose in composes:
        for document in compose.documents:
            services = node_mapping(node_get(document, "services")) or {}
            for key, service in services.items():
                if _sets_password(service):
                    found.add(key.lower())
                    if container := node_text(node_get(service, "container_name")):
                        found.add(container.lower())
    return frozenset(found)


def _sets_password(service: yaml.Node) -> bool:
    holder = node_get(service, "environment")
    mapping = node_mapping(holder)
    if mapping is not None:
        names = list(mapping)
    else:
        names = [node_text(item).partition("=")[0] for item in node_items(holder)]
    return any(_PASSWORD_VARIABLE.search(name.strip().upper()) for name in names)


@dataclass(frozen=True, slots=True)
class ComposeLogin:
    """A database container a compose file starts with a password written in the file
    (`POSTGRES_PASSWORD: openstates`, or a variable's default: `${DB_PASSWORD:-s3cr3t}`)."""

    relpath: str
    hosts: frozenset[str]
    """The names other containers reach it by: the service's key and `container_name:`,
    lower case."""
    password: str
    host_ports: frozenset[int]
    """The ports of the host it is published on (`5405` of `"5405:5432"`)."""


_DEFAULTED = re.compile(r"^\$\{\w+:?-(?P<default>[^}]*)\}$")
_VARIABLE = re.compile(r"\$\{?\w")
_HOST_PORT = re.compile(r"\$\{[^}]*\}|[^:]+")
"""The parts of a `ports:` item between colons, a `${VAR:-default}` kept whole."""


def compose_logins(composes: Iterable[ComposeFile]) -> tuple[ComposeLogin, ...]:
    """Each compose service that creates its database with a password the compose file
    gives, and where it is reached."""
    found = []
    for compose in composes:
        for document in compose.documents:
            services = node_mapping(node_get(document, "services")) or {}
            for key, service in services.items():
                password = _password(service)
                if not password:
                    continue
                hosts = {key.lower()}
                if container := node_text(node_get(service, "container_name")):
                    hosts.add(container.lower())
                ports = frozenset(_host_ports(service))
                found.append(ComposeLogin(compose.relpath, frozenset(hosts), password, ports))
    return tuple(found)


def _password(service: yaml.Node) -> str:
    """The literal password a service's `environment:` gives its database; "" if none."""
    holder = node_get(service, "environment")
    mapping = node_mapping(holder)
    if mapping is not None:
        pairs = [(name, node_text(value)) for name, value in mapping.items()]
    else:
        pairs = [_pair(node_text(item)) for item in node_items(holder)]
    for name, value in pairs:
        if _PASSWORD_VARIABLE.search(name.strip().upper()):
            value = value.strip()
            defaulted = _DEFAULTED.match(value)
            if defaulted is not None:
                value = defaulted["default"]
            if value and not _VARIABLE.search(value):
                return value
    return ""


def _pair(item: str) -> tuple[str, str]:
    """`NAME=value` of a list-form `environment:`."""
    name, _, value = item.partition("=")
    return name, value


def _host_ports(service: yaml.Node) -> Iterator[int]:
    """The host ports of a service's `ports:` (`"5405:5432"`, `127.0.0.1:5405:5432`, the
    long syntax's `published:`, the default of a variable: `"${DB_PORT:-5405}:5432"`)."""
    for item in node_items(node_get(service, "ports")):
        published = node_get(item, "published")
        if published is not None:
            text = node_text(published)
        else:
            parts = _HOST_PORT.findall(node_text(item).split("/", 1)[0])
            text = parts[-2] if len(parts) > 1 else ""
        defaulted = _DEFAULTED.match(text.strip())
        if defaulted is not None:
            text = defaulted["default"]  # NOTE: `"${POSTGRES_PORT:-5432}:5432"`
        if text.strip().isdigit():
            yield int(text)
