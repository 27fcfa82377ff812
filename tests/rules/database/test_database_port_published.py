"""WW343's severity: a compose file for development opens the port on a developer's machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit_source
from webwarden.findings import Severity

_COMPOSE = """\
services:
  web:
    build: .
    command: {command}
  db:
    image: postgres:16
    ports:
      - "5432:5432"
"""


@pytest.mark.parametrize(
    ("name", "command", "severity"),
    [
        ("docker-compose.yml", "gunicorn shop.wsgi", Severity.MEDIUM),
        ("docker-compose.dev.yml", "gunicorn shop.wsgi", Severity.LOW),
        ("docker-compose.yml", "python manage.py runserver 0.0.0.0:8000", Severity.LOW),
    ],
    ids=["deployed", "named-for-development", "development-server"],
)
def test_development_compose_is_low(
    tmp_path: Path, name: str, command: str, severity: Severity
) -> None:
    source = _COMPOSE.format(command=command)
    (found,) = audit_source(tmp_path, source, ["WW343"], name=name)
    assert found.severity is severity


def test_compose_configured_from_development_env_files_is_low(tmp_path: Path) -> None:
    source = _COMPOSE.format(command="gunicorn shop.wsgi") + (
        "    env_file:\n      - env.d/development/postgresql\n"
    )
    (found,) = audit_source(tmp_path, source, ["WW343"], name="compose.yml")
    assert found.severity is Severity.LOW
