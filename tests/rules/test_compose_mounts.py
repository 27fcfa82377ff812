"""Compose files on a development network, and the files development compose files mount."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from webwarden.discover import FileKind, SourceFile
from webwarden.model.project import ProjectModel
from webwarden.rules._compose_mounts import development_mounted
from webwarden.rules._compose_roles import development_compose

_DEV_NETWORK = "networks:\n  shop-dev:\n    name: shop-dev\n"


@pytest.mark.parametrize(
    ("networks", "expected"),
    [
        pytest.param(_DEV_NETWORK, "a compose file on a development network", id="named"),
        pytest.param("networks:\n  shop_test: {}\n", "a compose file on a test network", id="key"),
        pytest.param("networks:\n  backend: {}\n", "", id="plain"),
        pytest.param(_DEV_NETWORK + "  public: {}\n", "", id="also-another"),
        pytest.param("", "", id="none"),
    ],
)
def test_development_network(networks: str, expected: str) -> None:
    text = "services:\n  web:\n    image: shop\n" + networks
    assert development_compose("docker-compose.yml", "docker-compose.yml", text) == expected


_ENV_FILES = "services:\n  db:\n    image: postgres\n    env_file:\n{}  web:\n    image: shop\n"


@pytest.mark.parametrize(
    ("env_files", "expected"),
    [
        pytest.param(
            "      - env.d/development/postgresql\n",
            "a compose file configuring its services from development env files",
            id="development-folder",
        ),
        pytest.param(
            "      - path: ./.env.dev\n",
            "a compose file configuring its services from development env files",
            id="development-name",
        ),
        pytest.param("      - env.d/production/postgresql\n", "", id="production-folder"),
        pytest.param("      - .env\n", "", id="plain"),
        pytest.param(
            "      - env.d/development/common\n      - env.d/postgresql\n", "", id="also-another"
        ),
    ],
)
def test_development_env_files(env_files: str, expected: str) -> None:
    text = _ENV_FILES.format(env_files)
    assert development_compose("compose.yml", "compose.yml", text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("shop-dev", "a development compose project", id="development"),
        pytest.param("shop_ci", "a test compose project", id="test"),
        # An app named for documents (suitenumerique's `docs`): Sphinx's settings are
        # named so, a compose project starting containers is not a documentation build.
        pytest.param("docs", "", id="documentation-word"),
        pytest.param("shop", "", id="plain"),
    ],
)
def test_compose_project_name(name: str, expected: str) -> None:
    text = f"name: {name}\nservices:\n  web:\n    image: shop\n"
    assert development_compose("compose.yml", "compose.yml", text) == expected


def _project(tmp_path: Path, files: dict[str, str]) -> ProjectModel:
    found = []
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        kind = FileKind.PYTHON if name.endswith(".py") else FileKind.TEXT
        found.append(SourceFile(str(path), name, kind, len(text)))
    return ProjectModel(tmp_path, found)


def _compose(*volumes: str, dev: bool = True) -> str:
    mounts = "".join(f"      - {volume}\n" for volume in volumes)
    text = f"services:\n  web:\n    image: shop\n    volumes:\n{mounts}"
    return text + (_DEV_NETWORK if dev else "")


@pytest.mark.parametrize(
    ("compose", "relpath", "expected"),
    [
        pytest.param(_compose("./seed/:/app/seed"), "docker/seed/rows.json", True, id="folder"),
        pytest.param(
            _compose("./seed/rows.json:/rows.json"), "docker/seed/rows.json", True, id="file"
        ),
        pytest.param(
            _compose("./seed:/app/seed", dev=False), "docker/seed/rows.json", False, id="not-dev"
        ),
        pytest.param(_compose(".:/app"), "docker/seed/rows.json", False, id="own-folder"),
        pytest.param(_compose("..:/app"), "docker/seed/rows.json", False, id="folder-above"),
        pytest.param(_compose("data:/data"), "docker/data/rows.json", False, id="named-volume"),
        pytest.param(_compose("${SEED}:/seed"), "docker/seed/rows.json", False, id="variable"),
        pytest.param(_compose("./app/:/app"), "docker/app/config.json", False, id="holds-code"),
        pytest.param(_compose("./seed:/seed"), "docker/seeds/rows.json", False, id="other-folder"),
    ],
)
def test_development_mounted(tmp_path: Path, compose: str, relpath: str, expected: bool) -> None:
    files = {"docker/docker-compose.yml": compose, relpath: "{}", "docker/app/main.py": ""}
    project = _project(tmp_path, files)
    assert bool(development_mounted(project, relpath)) is expected


def test_mounted_also_by_a_deployment(tmp_path: Path) -> None:
    files = {
        "dev/docker-compose.yml": _compose("../config:/app/config"),
        "docker-compose.yml": _compose("./config:/app/config", dev=False),
        "config/app.json": "{}",
    }
    project = _project(tmp_path, files)
    assert development_mounted(project, "config/app.json") == ""
