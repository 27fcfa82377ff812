"""WW302 lowers a URL naming a development compose file's database container."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit

_COMPOSE = """\
services:
  web:
    build: .
    command: {command}
  db:
    image: postgres
    environment:
      POSTGRES_PASSWORD: k8Tq-shop-db
"""
_SETTINGS = """\
import dj_database_url

INSTALLED_APPS = ["django.contrib.auth"]
ROOT_URLCONF = "shop.urls"
DATABASES = {{"default": dj_database_url.config(default="{url}")}}
"""


@pytest.mark.parametrize(
    ("command", "url", "severity"),
    [
        pytest.param(
            "python manage.py runserver 0.0.0.0:8000",
            "postgres://shop:k8Tq-shop-db@db/shop",
            "low",
            id="development-container",
        ),
        pytest.param(
            "python manage.py runserver 0.0.0.0:8000",
            "postgres://shop:Other-Pass-9@db/shop",
            "high",
            id="other-password",
        ),
        pytest.param(
            "gunicorn shop.wsgi",
            "postgres://shop:k8Tq-shop-db@db/shop",
            "high",
            id="deployed-container",
        ),
    ],
)
def test_development_compose_database(
    tmp_path: Path, command: str, url: str, severity: str
) -> None:
    (tmp_path / "docker-compose.yml").write_text(_COMPOSE.format(command=command))
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "__init__.py").write_text("")
    (tmp_path / "shop" / "settings.py").write_text(_SETTINGS.format(url=url))
    (finding,) = audit([tmp_path], tmp_path, select=["WW302"])
    assert finding.severity == severity
