"""WW244 on real git repositories (the fixtures judge by .gitignore alone)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.analysis.secrets.envfiles import is_env_file

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _repo(root: Path, files: dict[str, str], commit: tuple[str, ...] = ()) -> None:
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    if commit:
        subprocess.run(["git", "add", "-f", *commit], cwd=root, check=True)
        subprocess.run(
            ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "x"],
            cwd=root,
            check=True,
        )


def _messages(root: Path) -> list[str]:
    return [f"{f.severity} {f.message}" for f in audit([root], root, select=["WW244"])]


def test_committed(tmp_path: Path) -> None:
    _repo(tmp_path, {".env": "DB_PASSWORD=Shop-2024!\n"}, commit=(".env",))
    assert _messages(tmp_path) == [
        "high `.env` is committed to git and sets 1 secret: `DB_PASSWORD`"
    ]


def test_committed_before_it_was_ignored(tmp_path: Path) -> None:
    _repo(
        tmp_path,
        {".env": "API_TOKEN=tok_6Fh2Kq9Lz4Wm8Xr3Pv7N\n", ".gitignore": ".env\n"},
        (".env",),
    )
    assert _messages(tmp_path) == ["high `.env` is committed to git and sets 1 secret: `API_TOKEN`"]


def test_not_ignored(tmp_path: Path) -> None:
    _repo(tmp_path, {".env": "DB_PASSWORD=Shop-2024!\n"})
    assert _messages(tmp_path) == [
        "medium `.env` is not ignored by git and sets 1 secret: `DB_PASSWORD`"
    ]


def test_ignored_and_untracked(tmp_path: Path) -> None:
    _repo(tmp_path, {".env": "DB_PASSWORD=Shop-2024!\n", ".gitignore": ".env\n"})
    assert _messages(tmp_path) == []


def test_many_secrets_are_named_not_shown(tmp_path: Path) -> None:
    text = "".join(f"TOKEN_{n}=tok_6Fh2Kq9Lz4Wm8Xr3Pv7N{n}\n" for n in range(6))
    _repo(tmp_path, {".env": text}, commit=(".env",))
    (finding,) = audit([tmp_path], tmp_path, select=["WW244"])
    assert "sets 6 secrets: `TOKEN_0`, `TOKEN_1`, `TOKEN_2`, `TOKEN_3`, ..." in finding.message
    assert "tok_6Fh2" not in finding.message + finding.snippet


def test_committed_development_file(tmp_path: Path) -> None:
    # A compose stack's development values (seen in Mozilla nucleus's docker/envfiles/dev.env).
    (tmp_path / "envfiles").mkdir()
    files = {
        "envfiles/dev.env": "DEBUG=True\nSECRET_KEY=ssssssssshhhhhhhhhh\n",
        ".env.test": "DB_PASSWORD=Shop-2024!\n",
        ".env.production": "DB_PASSWORD=Shop-2024!\n",
    }
    _repo(tmp_path, files, commit=tuple(files))
    assert sorted(_messages(tmp_path)) == [
        "high `.env.production` is committed to git and sets 1 secret: `DB_PASSWORD`",
        "low `.env.test` is committed to git and sets 1 secret: `DB_PASSWORD`",
        "low `dev.env` is committed to git and sets 1 secret: `SECRET_KEY`",
    ]


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        pytest.param("DEBUG=True\nDB_PASSWORD=Shop-2024!\n", "low", id="django-debug-on"),
        pytest.param("FLASK_ENV=development\nDB_PASSWORD=Shop-2024!\n", "low", id="flask-env"),
        pytest.param("APP_DEBUG=1\nDB_PASSWORD=Shop-2024!\n", "low", id="app-debug-on"),
        pytest.param(
            "DJANGO_SETTINGS_MODULE=shop.settings.local\nDB_PASSWORD=Shop-2024!\n",
            "low",
            id="development-settings-module",
        ),
        pytest.param("DEBUG=False\nDB_PASSWORD=Shop-2024!\n", "high", id="debug-off"),
        pytest.param("# DEBUG=True\nDB_PASSWORD=Shop-2024!\n", "high", id="debug-commented"),
        pytest.param("LOG_LEVEL=DEBUG\nDB_PASSWORD=Shop-2024!\n", "high", id="log-level"),
        pytest.param("ENVIRONMENT=production\nDB_PASSWORD=Shop-2024!\n", "high", id="production"),
    ],
)
def test_committed_file_in_development_mode(tmp_path: Path, text: str, severity: str) -> None:
    # A compose stack's `.env` of developer defaults says so by turning debug mode on.
    _repo(tmp_path, {".env": text}, commit=(".env",))
    assert _messages(tmp_path) == [
        f"{severity} `.env` is committed to git and sets 1 secret: `DB_PASSWORD`"
    ]


_DEV_COMPOSE = """
services:
  web:
    build: .
    command: python manage.py runserver 0.0.0.0:8000
    env_file: .docker-compose.env
  worker:
    build: .
    command: celery -A shop worker
    env_file:
      - path: ./.docker-compose.env
"""
_DEPLOY_COMPOSE = """
services:
  web:
    image: shop:latest
    command: gunicorn shop.wsgi
    env_file: [.docker-compose.env]
"""


@pytest.mark.parametrize(
    ("compose", "severity"),
    [
        pytest.param({"docker-compose.yml": _DEV_COMPOSE}, "low", id="development-compose"),
        pytest.param({"docker-compose.yml": _DEPLOY_COMPOSE}, "high", id="deployment-compose"),
        pytest.param(
            {"docker-compose.yml": _DEV_COMPOSE, "docker-compose.prod.yml": _DEPLOY_COMPOSE},
            "high",
            id="also-a-deployment-compose",
        ),
        pytest.param({}, "high", id="no-compose-file"),
    ],
)
def test_committed_file_of_compose_services(
    tmp_path: Path, compose: dict[str, str], severity: str
) -> None:
    # A compose stack handing its services a committed env file (SHARE's
    # `.docker-compose.env`): a developer's values when every compose file reading it
    # runs the development server.
    files = {".docker-compose.env": "CELERY_BROKER_URL=amqp://shop:Shop-2024!@rabbitmq:5672\n"}
    _repo(tmp_path, {**files, **compose}, commit=tuple(files))
    assert _messages(tmp_path) == [
        f"{severity} `.docker-compose.env` is committed to git and sets 1 secret:"
        " `CELERY_BROKER_URL`"
    ]


@pytest.mark.parametrize(
    ("name", "dotenv"),
    [
        (".env", True),
        (".env.production", True),
        ("prod.env", True),
        (".env_local", True),
        ("docker_env", True),
        ("prod-env", True),
        ("env.list", True),
        (".env.example", False),
        (".env_example", False),
        ("example_env", False),
        ("docker_env.sample", False),
        ("set_env.sh", False),
        (".flaskenv", False),
        ("venv", False),
        ("_env", False),
    ],
)
def test_dotenv_names(name: str, dotenv: bool) -> None:
    assert is_env_file(name) is dotenv
