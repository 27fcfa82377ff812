"""docker-compose files: services and the ports they publish on the host."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from webwarden.parse.yaml_nodes import node_get, node_items, node_mapping, node_text

if TYPE_CHECKING:
    import yaml

# NOTE: yaml is imported where nodes are judged (see parse/keyvalues.py).

DATABASE_PORTS = {
    5432: "PostgreSQL",
    3306: "MySQL",
    33060: "MySQL X",
    1433: "SQL Server",
    1521: "Oracle",
    27017: "MongoDB",
    27018: "MongoDB",
    6379: "Redis",
    11211: "Memcached",
    9042: "Cassandra",
    5984: "CouchDB",
    9200: "Elasticsearch",
    26257: "CockroachDB",
    7687: "Neo4j",
    8086: "InfluxDB",
    5672: "RabbitMQ",
}
_DATABASE_IMAGES = {
    "PostgreSQL": ("postgres", "postgis", "timescale"),
    "MySQL": ("mysql", "mariadb", "percona"),
    "MySQL X": ("mysql",),
    "SQL Server": ("mssql", "sqlserver", "sql-server", "azure-sql-edge"),
    "Oracle": ("oracle",),
    "MongoDB": ("mongo",),
    "Redis": ("redis", "valkey", "keydb"),
    "Memcached": ("memcached",),
    "Cassandra": ("cassandra", "scylla"),
    "CouchDB": ("couchdb",),
    "Elasticsearch": ("elasticsearch", "opensearch"),
    "CockroachDB": ("cockroach",),
    "Neo4j": ("neo4j",),
    "InfluxDB": ("influx",),
    "RabbitMQ": ("rabbitmq",),
}
"""Words of the images each database ships in (`postgis/postgis:16`, `bitnami/redis`)."""
_ALL_INTERFACES = frozenset({"", "0.0.0.0", "::", "[::]"})  # noqa: S104 - what we look for
_RANGE = re.compile(r"^(\d+)(?:-(\d+))?$")


@dataclass(frozen=True, slots=True)
class Published:
    """One `ports` entry of a service."""

    service: str
    host_ip: str
    container_ports: tuple[int, ...]
    line: int
    column: int
    text: str
    image: str = ""
    """The service's `image:`, "" when it has none (`build:` only)."""


def _ports(spec: str) -> tuple[int, ...]:
    match = _RANGE.match(spec.strip())
    if match is None:
        return ()
    first = int(match.group(1))
    last = int(match.group(2) or first)
    return tuple(range(first, min(last, first + 1000) + 1))


_DEFAULTED = re.compile(r"\$\{\w+:?-([^}]*)\}")
"""`${POSTGRES_PORT:-5432}`: Compose's variable with its default, what runs when unset."""


def parse_short(text: str) -> tuple[str, tuple[int, ...]]:
    """`"127.0.0.1:5432:5432/tcp"` -> (`127.0.0.1`, (5432,)); `"5432"` -> ("", (5432,));
    `"${DB_PORT:-5432}:5432"` is read with the variable's default."""
    spec = _DEFAULTED.sub(r"\1", text.strip()).split("/", 1)[0]
    host_ip = ""
    if spec.startswith("["):
        host_ip, _, spec = spec[1:].partition("]")
        spec = spec.lstrip(":")
    parts = spec.rsplit(":", 2)
    if len(parts) == 3:
        host_ip = host_ip or parts[0]
    return host_ip, _ports(parts[-1])


def compose_services(document: yaml.Node) -> Iterator[tuple[str, yaml.Node]]:
    """Each service of a compose document, by name: those under `services:`, or at the
    top of a version-1 file, which has no `services:`."""
    import yaml

    services = node_get(document, "services")
    holder = services if services is not None else document
    if isinstance(holder, yaml.MappingNode):
        for key_node, value in holder.value:
            if isinstance(value, yaml.MappingNode):
                yield node_text(key_node), value


def environment_entries(service: yaml.Node) -> list[tuple[str, str, int]]:
    """A compose service's `environment:` as (name, value, line), from a mapping or a
    list of `KEY=value` items (an item without `=` has the value "")."""
    holder = node_get(service, "environment")
    mapping = node_mapping(holder)
    if mapping is not None:
        return [(key, node_text(v), v.start_mark.line + 1) for key, v in mapping.items()]
    found = []
    for item in node_items(holder):
        key, _, value = node_text(item).partition("=")
        found.append((key, value, item.start_mark.line + 1))
    return found


def service_commands(documents: list[yaml.Node]) -> list[str]:
    """Each service's `command:` and `entrypoint:`, a list's items joined with spaces
    (`["sleep", "infinity"]` -> `sleep infinity`)."""
    import yaml

    found = []
    for document in documents:
        for _, service in compose_services(document):
            for key in ("command", "entrypoint"):
                value = node_get(service, key)
                if isinstance(value, yaml.SequenceNode):
                    found.append(" ".join(node_text(item) for item in value.value))
                elif value is not None:
                    found.append(node_text(value))
    return found


class Build(NamedTuple):
    """What a service's `build:` builds: the Dockerfile, and the stage of it (`target:`),
    or "" for its last stage."""

    dockerfile: str
    target: str


def built_dockerfiles(documents: list[yaml.Node]) -> list[Build]:
    """The Dockerfile and stage each service with a `build:` builds its image from:
    `build: {dockerfile: Dockerfile.dev, target: dev}`, or `Dockerfile` (the default)
    of `build: .`."""
    import yaml

    found = []
    for document in documents:
        for _, service in compose_services(document):
            build = node_get(service, "build")
            if isinstance(build, yaml.ScalarNode):
                found.append(Build("Dockerfile", ""))
            elif isinstance(build, yaml.MappingNode):
                dockerfile = node_text(node_get(build, "dockerfile")) or "Dockerfile"
                found.append(Build(dockerfile, node_text(node_get(build, "target"))))
    return found


def unpublished_services(documents: list[yaml.Node]) -> frozenset[str]:
    """The services that publish no port on every interface of the host: the other
    containers of the file reach them by name, nothing outside can."""
    names = {name for document in documents for name, _ in compose_services(document)}
    published = {entry.service for entry in published_ports(documents) if exposed(entry)}
    return frozenset(names - published)


def published_ports(documents: list[yaml.Node]) -> Iterator[Published]:
    """Every `ports` entry of every service, short and long syntax."""
    import yaml

    for document in documents:
        for name, service in compose_services(document):
            ports = node_get(service, "ports")
            if not isinstance(ports, yaml.SequenceNode):
                continue
            image = node_text(node_get(service, "image"))
            for item in ports.value:
                line, column = item.start_mark.line + 1, item.start_mark.column + 1
                if isinstance(item, yaml.ScalarNode):
                    host_ip, container = parse_short(item.value)
                    yield Published(name, host_ip, container, line, column, item.value, image)
                elif isinstance(item, yaml.MappingNode):
                    host_ip = node_text(node_get(item, "host_ip"))
                    container = _ports(node_text(node_get(item, "target")))
                    text = f"target: {node_text(node_get(item, 'target'))}"
                    yield Published(name, host_ip, container, line, column, text, image)


def exposed(published: Published) -> bool:
    """Whether the entry listens on every interface of the host."""
    return published.host_ip.strip() in _ALL_INTERFACES


def database_port(published: Published) -> tuple[int, str] | None:
    """The first well-known database port the entry publishes, with the database's name.

    A range of ports (`"6080-6580:6080-6580"`, the test servers of an app's own image)
    publishes a database's port only when it starts at that port (`"6379-6384"`, a
    Redis cluster's nodes) or the service's image is that database's: a range that
    merely spans 6379 publishes whatever the service listens on there, which is no
    Redis when the service runs the app."""
    ports = published.container_ports
    for port in ports:
        if port not in DATABASE_PORTS:
            continue
        database = DATABASE_PORTS[port]
        if len(ports) == 1 or port == ports[0] or _runs(published.image, database):
            return port, database
    return None


def _runs(image: str, database: str) -> bool:
    """Whether the image's name (its repository, without the registry's host or the
    tag) names the database (`postgis/postgis:16-3.4`, `bitnami/redis:7`)."""
    name = image.lower().partition("@")[0]
    if ":" in name.rpartition("/")[2]:
        name = name.rpartition(":")[0]
    return any(word in name for word in _DATABASE_IMAGES.get(database, ()))
