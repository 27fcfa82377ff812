"""The neutral secret rules lower what they find in development and test settings modules."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.helpers import audit

_SETTINGS = """\
DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
EMAIL_HOST_PASSWORD = "Wx7-long-mail-pass"
"""
_SCRIPT = """\
def upload(client):
    client.login(user="ci", password="Wx7-long-mail-pass")
"""
_CLASS_SETTINGS = """\
class CommunityTestSettings(CommunityBaseSettings):
    EMAIL_HOST_PASSWORD = "Wx7-long-mail-pass"
"""


def _judged(tmp_path: Path, relpath: str, source: str) -> list[tuple[str, str, str]]:
    target = tmp_path / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(source), encoding="utf-8")
    (tmp_path / "manage.py").write_text("import django\n", encoding="utf-8")
    found = audit([tmp_path], tmp_path, select=["WW241"])
    return [(f.location.path, f.severity, f.context) for f in found]


@pytest.mark.parametrize(
    ("relpath", "source", "severity", "context"),
    [
        # wger's settings/ci.py: a Django settings module for the CI run.
        pytest.param(
            "settings/ci.py", _SETTINGS, "low", "settings module settings/ci.py (test)", id="ci"
        ),
        pytest.param(
            "shop/settings/dev.py",
            _SETTINGS,
            "low",
            "settings module shop/settings/dev.py (development)",
            id="dev",
        ),
        # Read the Docs' settings/test.py: settings written as class attributes, which
        # the Django model does not read; the module's name still says what it is for.
        pytest.param(
            "readthedocs/settings/test.py",
            _CLASS_SETTINGS,
            "low",
            "settings module readthedocs/settings/test.py (test)",
            id="class-settings-test",
        ),
        # PowerDNS-Admin's configs/development.py: a Flask app's config module for one
        # environment, in a `configs/` folder.
        pytest.param(
            "configs/development.py",
            _SETTINGS,
            "low",
            "settings module configs/development.py (development)",
            id="configs-development",
        ),
        pytest.param("configs/production.py", _SETTINGS, "high", "", id="configs-production"),
        # A service's `dev_settings.py`, loaded only by its run-for-development helper:
        # named for its role before the word settings.
        pytest.param(
            "svc/dev_settings.py",
            _SETTINGS,
            "low",
            "settings module svc/dev_settings.py (development)",
            id="dev-settings",
        ),
        pytest.param(
            "svc/ci_config.py",
            _SETTINGS,
            "low",
            "settings module svc/ci_config.py (test)",
            id="ci-config",
        ),
        # Names of no role, or of production.
        pytest.param("svc/default_settings.py", _SETTINGS, "high", "", id="default-settings"),
        pytest.param("svc/prod_settings.py", _SETTINGS, "high", "", id="prod-settings"),
        # Near misses: production and unnamed settings keep their severity, and a
        # module named `ci.py` that is no settings module (a CI script) is not lowered.
        pytest.param("shop/settings/production.py", _SETTINGS, "high", "", id="production"),
        pytest.param("shop/settings.py", _SETTINGS, "high", "", id="only-settings"),
        pytest.param("tools/ci.py", _SCRIPT, "high", "", id="ci-script"),
    ],
)
def test_settings_role_lowers(
    tmp_path: Path, relpath: str, source: str, severity: str, context: str
) -> None:
    assert _judged(tmp_path, relpath, source) == [(relpath, severity, context)]


@pytest.mark.parametrize(
    ("relpath", "severity", "context"),
    [
        pytest.param(
            "configs/development.py",
            "low",
            "settings module configs/development.py (development)",
            id="development",
        ),
        pytest.param("configs/test.py", "low", "settings module configs/test.py (test)", id="test"),
        pytest.param("configs/production.py", "high", "", id="production"),
        pytest.param("notes/accounts.py", "high", "", id="no-settings-module"),
    ],
)
def test_default_password_lowered_in_development_settings(
    tmp_path: Path, relpath: str, severity: str, context: str
) -> None:
    target = tmp_path / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text('DB_PASSWORD = "changeme"\n', encoding="utf-8")
    found = audit([tmp_path], tmp_path, select=["WW246"])
    assert [(f.location.path, f.severity, f.context) for f in found] == [
        (relpath, severity, context)
    ]


def test_secrets_in_functions_named_for_tests_are_low() -> None:
    # ListenBrainz's `create_test_database_connect_strings()` in its `db` package: a
    # helper of the tests outside the test folders; `latest_connection()` is no such one.
    fixture = Path(__file__).parent / "fixtures" / "WW341" / "vulnerable_test_helper.py"
    found = audit([fixture], fixture.parent, select=["WW341"])
    assert [(f.location.line, f.severity, f.context) for f in found] == [
        (8, "low", "written in `create_test_database_connect_strings()`, named for tests"),
        (12, "high", ""),
    ]


def test_secrets_in_development_config_classes_are_low() -> None:
    # GOV.UK Notify's admin keeps a developer's encryption key in `Development`, loaded
    # only for development and (as `Test(Development)`) tests; `Preview` is deployed, and
    # `Local` is named for development but the deployed `Staging` derives from it.
    fixture = Path(__file__).parent / "fixtures" / "WW241" / "vulnerable_development_config"
    found = audit([fixture], fixture, select=["WW241"])
    assert [(f.location.line, f.severity, f.context) for f in found] == [
        (12, "low", "development config `Development`"),
        (21, "high", ""),
        (26, "high", ""),
    ]


def test_secrets_in_development_configurations_are_low() -> None:
    # Marsha's django-configurations `Build(Base)`, only built with, and `Development`
    # are judged as test and development settings; `Base` holds what `Production` runs
    # with too, and `Production` is deployed (as `Staging`, which only renames it).
    fixture = Path(__file__).parent / "fixtures" / "WW242" / "vulnerable_configuration_classes"
    found = audit([fixture], fixture, select=["WW242"])
    assert [(f.location.line, f.severity, f.context) for f in found] == [
        (8, "high", ""),
        (13, "low", "development config `Build`"),
        (18, "low", "development config `Development`"),
        (23, "high", ""),
    ]


_DEVELOPMENT_COMPOSE = """\
services:
  web:
    build: .
    command: python manage.py runserver 0.0.0.0:8000
  db:
    image: postgres
    environment:
      POSTGRES_PASSWORD: k8Tq-shop-db
    ports:
      - "5405:5432"
"""
_DEPLOYED_COMPOSE = """\
services:
  web:
    image: registry.example.com/shop:latest
    command: gunicorn shop.wsgi
  db:
    image: postgres
    environment:
      POSTGRES_PASSWORD: k8Tq-shop-db
"""


@pytest.mark.parametrize(
    ("composes", "url", "severity"),
    [
        # openstates.org's settings default, the container its development compose file
        # starts with that login.
        pytest.param(
            {"docker-compose.yml": _DEVELOPMENT_COMPOSE},
            "postgis://shop:k8Tq-shop-db@db:5432/shop",
            "low",
            id="development-container",
        ),
        pytest.param(
            {"docker-compose.yml": _DEVELOPMENT_COMPOSE},
            "postgres://shop:k8Tq-shop-db@localhost:5405/shop",
            "low",
            id="published-port",
        ),
        pytest.param(
            {"docker-compose.yml": _DEVELOPMENT_COMPOSE},
            "postgres://shop:k8Tq-shop-db@localhost:5999/shop",
            "medium",
            id="other-local-port",
        ),
        pytest.param(
            {"docker-compose.yml": _DEVELOPMENT_COMPOSE},
            "postgis://shop:Other-Pass-9@db:5432/shop",
            "high",
            id="other-password",
        ),
        pytest.param(
            {"docker-compose.yml": _DEPLOYED_COMPOSE},
            "postgis://shop:k8Tq-shop-db@db:5432/shop",
            "high",
            id="deployed-container",
        ),
        pytest.param(
            {"docker-compose.yml": _DEVELOPMENT_COMPOSE, "deploy/compose.yaml": _DEPLOYED_COMPOSE},
            "postgis://shop:k8Tq-shop-db@db:5432/shop",
            "high",
            id="deployed-too",
        ),
    ],
)
def test_url_of_a_development_compose_database_is_low(
    tmp_path: Path, composes: dict[str, str], url: str, severity: str
) -> None:
    for relpath, text in composes.items():
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text(text, encoding="utf-8")
    source = f'import os\n\nDATABASE_URL = os.environ.get("DATABASE_URL", "{url}")\n'
    (tmp_path / "tasks.py").write_text(source, encoding="utf-8")
    (finding,) = audit([tmp_path], tmp_path, select=["WW341"])
    assert finding.severity == severity
    assert (finding.context or "").startswith("the database") == (severity == "low")
