from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.discover import SourceFile
from webwarden.discover.files import FileKind
from webwarden.model.compose_files import parsed_compose_files
from webwarden.model.compose_logins import compose_login_hosts, compose_logins


def _files(tmp_path: Path, contents: dict[str, str]) -> list[SourceFile]:
    files = []
    for relpath, text in contents.items():
        path = tmp_path / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(SourceFile(str(path), relpath, FileKind.TEXT, len(text)))
    return files


_MAPPING = """
services:
  Shop-DB:
    image: postgres
    container_name: shop_pg
    environment:
      POSTGRES_PASSWORD: ${DB_PASSWORD:-dev}
  web:
    build: .
    environment:
      DEBUG: "1"
"""
_LIST = """
services:
  mysql:
    image: mariadb
    environment:
      - MYSQL_ROOT_PASSWORD=dev
  mongo:
    image: mongo
    environment:
      - MONGO_INITDB_ROOT_PASSWORD
"""


@pytest.mark.parametrize(
    ("contents", "hosts"),
    [
        pytest.param(
            {"docker-compose.yml": _MAPPING}, {"shop-db", "shop_pg"}, id="mapping-and-container"
        ),
        pytest.param({"deploy/compose.dev.yaml": _LIST}, {"mysql", "mongo"}, id="list-items"),
        pytest.param({"services.yml": _MAPPING}, set(), id="not-a-compose-file"),
        pytest.param({"docker-compose.yml": "services: [\n"}, set(), id="not-yaml"),
        pytest.param(
            {"docker-compose.yml": "services:\n  db:\n    environment:\n      PASSWORD_FILE: x\n"},
            set(),
            id="password-file-is-no-password",
        ),
    ],
)
def test_compose_login_hosts(tmp_path: Path, contents: dict[str, str], hosts: set[str]) -> None:
    assert compose_login_hosts(parsed_compose_files(_files(tmp_path, contents))) == hosts


_PUBLISHED = """
services:
  db:
    image: postgres
    container_name: shop_pg
    environment:
      POSTGRES_PASSWORD: ${DB_PASSWORD:-s3cr3t}
    ports:
      - "5405:5432"
      - target: 5432
        published: 5406
      - "127.0.0.1:5407:5432/tcp"
      - "${DB_PORT:-5408}:5432"
      - "${DB_PORT}:5432"
  cache:
    image: redis
    environment:
      - REDIS_PASSWORD=${REDIS_PASSWORD}
  mysql:
    image: mariadb
    environment:
      - MYSQL_ROOT_PASSWORD=dev
    ports:
      - "3306"
"""


def test_compose_logins(tmp_path: Path) -> None:
    """A password the file writes (a variable's default too), where the container is
    reached (on a host port a variable's default gives, too); a password the file reads from the environment alone is not the file's."""
    composes = parsed_compose_files(_files(tmp_path, {"docker-compose.yml": _PUBLISHED}))
    assert [
        (sorted(x.hosts), x.password, sorted(x.host_ports)) for x in compose_logins(composes)
    ] == [
        (["db", "shop_pg"], "s3cr3t", [5405, 5406, 5407, 5408]),
        (["mysql"], "dev", []),
    ]
