"""The database containers a project's compose files start with a login of their own.

`.env.example` holding `DATABASE_URL=postgres://shop:s3cr3t@shop-db:5432/shop` beside a
`docker-compose.yml` whose service `shop-db` runs `postgres` with `POSTGRES_PASSWORD:
${DB_PASSWORD:-s3cr3t}`: the URL names the container the project's own compose file
makes, with the login that file gives it, as `localhost` names the developer's machine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
