"""The command lines and Dockerfile stages that start a development server."""

from __future__ import annotations

import pytest

from webwarden.rules.auditing._dev_server import (
    declared_for_development,
    dev_server,
    final_stage,
    for_development,
    split_words,
    stage_server,
    starts_compose,
)


@pytest.mark.parametrize(
    ("command", "framework", "debug"),
    [
        ("flask run --host 0.0.0.0", "flask", False),
        ("FLASK_DEBUG=1 exec flask --app shop run", "flask", True),
        ("poetry run python -m flask run --debug", "flask", True),
        ("uv run --frozen flask run", "flask", False),
        (
            'sh -c "python manage.py migrate && python manage.py runserver 0:8000"',
            "manage.py",
            False,
        ),
        (
            "bash -ec 'python manage.py collectstatic; ./manage.py runserver_plus'",
            "manage.py",
            False,
        ),
        ("python3 -u -m django runserver --settings=shop.settings", "django", False),
        ("django-admin runserver", "django", False),
    ],
)
def test_dev_server_found(command: str, framework: str, debug: bool) -> None:
    found = dev_server(split_words(command))
    assert found is not None
    assert (found.framework, found.debug) == (framework, debug)


@pytest.mark.parametrize(
    "command",
    [
        "flask db upgrade && gunicorn shop:app",
        "flask --app shop routes",
        "python manage.py migrate",
        'sh -c "exec gunicorn shop.wsgi"',
        "python app.py",
        "echo runserver",
    ],
)
def test_dev_server_not_found(command: str) -> None:
    assert dev_server(split_words(command)) is None


def test_final_stage_inherits_command_and_environment() -> None:
    stage = final_stage(
        "FROM python:3.12 AS base\nENV FLASK_DEBUG=1\nCMD flask \\\n  run\n\nFROM base AS prod\n"
    )
    assert stage is not None
    assert stage.name == "prod"
    assert stage.environment == {"FLASK_DEBUG": "1"}
    found = stage_server(stage)
    assert found is not None
    assert found[1].line == 3


def test_last_cmd_of_final_stage_counts() -> None:
    stage = final_stage('FROM base AS web\nCMD ["flask", "run"]\nCMD ["gunicorn", "shop:app"]\n')
    assert stage is not None
    assert stage_server(stage) is None


def test_entrypoint_with_cmd() -> None:
    stage = final_stage('FROM python\nENTRYPOINT ["flask"]\nCMD ["run", "--host", "0.0.0.0"]\n')
    assert stage is not None
    found = stage_server(stage)
    assert found is not None
    assert found[1].line == 3


@pytest.mark.parametrize(
    ("name", "development"),
    [
        ("Dockerfile.dev", True),
        ("docker/local/Dockerfile", True),
        (".devcontainer/Dockerfile", True),
        ("docker-compose.override.yml", True),
        ("Dockerfile", False),
        ("deploy/Dockerfile.prod", False),
        ("devops/Dockerfile", False),
        (".github/docker-compose-github.yml", True),
        ("ci/.gitlab/Dockerfile", True),
        ("github/docker-compose.yml", False),
        (".github", False),
    ],
)
def test_for_development(name: str, development: bool) -> None:
    assert for_development(name) is development


@pytest.mark.parametrize(
    ("command", "compose"),
    [
        pytest.param("docker-compose --profile db up db", True, id="compose-v1"),
        pytest.param("docker compose up -d db", True, id="compose-v2"),
        pytest.param("cd infra && podman-compose up", True, id="after-and"),
        pytest.param("docker run -p 5432:5432 postgres", False, id="docker-run"),
        pytest.param("gunicorn shop.wsgi", False, id="app-server"),
        pytest.param("echo docker compose", False, id="argument-only"),
    ],
)
def test_starts_compose(command: str, compose: bool) -> None:
    assert starts_compose(split_words(command)) is compose


@pytest.mark.parametrize(
    ("header", "declared"),
    [
        pytest.param(
            "# This Dockerfile is intended solely for local development\nFROM python",
            True,
            id="solely-for-development",
        ),
        pytest.param(
            "# syntax=docker/dockerfile:1\n# For development only\n", True, id="after-directive"
        ),
        pytest.param("# Not meant for use in production.\nFROM python", True, id="not-production"),
        pytest.param(
            "# Production image. For local development use compose.dev.yml\nFROM python",
            False,
            id="points-elsewhere",
        ),
        pytest.param("FROM python\n# only for development", False, id="not-the-header"),
    ],
)
def test_declared_for_development(header: str, declared: bool) -> None:
    assert declared_for_development(header.splitlines()) is declared
