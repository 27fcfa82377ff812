"""The login a compose file gives a database container no one outside the file reaches.

`POSTGRES_PASSWORD: shop` in the `environment:` of a service running `postgres` that
publishes no port on every interface of the host: the other containers of the file
reach that database by the service's name, nothing outside can, as with a database URL
naming that service (`postgresql://shop:shop@db/shop`), which is reported at medium
severity for the same reason.
"""

from __future__ import annotations

import re

from webwarden.parse.keyvalues import YamlProblem, yaml_documents
from webwarden.parse.yaml_nodes import node_get, node_text
from webwarden.rules.database._compose import compose_services, environment_entries

_DATABASE_IMAGE = re.compile(r"(?:^|/)(?:postgres|postgis|mysql|mariadb|mongo)\w*(?::|$)")
"""The official database images and those named for them (`postgres:12-alpine`,
`bitnami/mysql`, `postgis/postgis:16-3.4`)."""
_LOGIN_VARIABLE = re.compile(r"(?:^|_)(?:ROOT_)?PASSWORD$")
"""The variable such an image takes its first login's password from
(`POSTGRES_PASSWORD`, `MYSQL_ROOT_PASSWORD`, `MONGO_INITDB_ROOT_PASSWORD`)."""


def unpublished_database_logins(text: str, unpublished: frozenset[str]) -> frozenset[int]:
    """The lines of a compose file setting a database image's login password in a
    service among `unpublished` (those publishing no port on every interface)."""
    if not unpublished:
        return frozenset()
    try:
        documents = yaml_documents(text)
    except YamlProblem:
        return frozenset()
    lines: set[int] = set()
    for document in documents:
        for name, service in compose_services(document):
            image = node_text(node_get(service, "image")).lower()
            if name not in unpublished or not _DATABASE_IMAGE.search(image):
                continue
            lines.update(
                line
                for key, _, line in environment_entries(service)
                if _LOGIN_VARIABLE.search(key.strip().upper())
            )
    return frozenset(lines)
