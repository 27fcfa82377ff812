"""Database URLs naming a container a compose file of the project starts, with its login."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from webwarden.discover import FileKind, SourceFile
from webwarden.findings import Location
from webwarden.model.project import ProjectModel
from webwarden.rules._compose_databases import compose_network_database

_COMPOSE = """\
services:
  db:
    image: postgres:16
    container_name: shop-db
    environment:
      POSTGRES_PASSWORD: shop
{ports}"""


def _project(tmp_path: Path, ports: str, line: str) -> ProjectModel:
    files = {"docker/docker-compose.yml": _COMPOSE.format(ports=ports), "docker/app.ini": line}
    found = []
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        found.append(SourceFile(str(path), name, FileKind.TEXT, len(text)))
    return ProjectModel(tmp_path, found)


@pytest.mark.parametrize(
    ("ports", "url", "reached"),
    [
        pytest.param("", "postgresql://shop:shop@db/shop", True, id="unpublished"),
        pytest.param("", "postgresql://shop:shop@shop-db/shop", True, id="container-name"),
        pytest.param(
            "    ports:\n      - '5432:5432'\n",
            "postgresql://shop:shop@db/shop",
            False,
            id="published",
        ),
        pytest.param(
            "    ports:\n      - '127.0.0.1:5432:5432'\n",
            "postgresql://shop:shop@db/shop",
            True,
            id="published-on-loopback",
        ),
        pytest.param("", "postgresql://shop:Wr7nPq2x@db/shop", False, id="other-password"),
        pytest.param("", "postgresql://shop:shop@db.example.org/shop", False, id="other-host"),
        pytest.param("", "postgresql://shop:shop@localhost/shop", False, id="this-machine"),
    ],
)
def test_compose_network_database(tmp_path: Path, ports: str, url: str, reached: bool) -> None:
    project = _project(tmp_path, ports, f"db_uri = {url}\n")
    reason = compose_network_database(project, url, Location("docker/app.ini", 1, 10))
    assert bool(reason) is reached
    if reached:
        assert reason == "the database only the containers of docker/docker-compose.yml reach"
