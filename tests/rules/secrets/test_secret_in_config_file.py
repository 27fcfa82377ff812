"""WW243: how far a database URL's password reaches (its severity), and which files are
translation catalogs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.findings import Severity
from webwarden.rules.secrets.secret_in_config_file import translation_catalog

_COMPOSE = """\
services:
  web:
    image: shop
    environment:
      DATABASE_URL: postgres://shop:Sh0p-2024-db@{host}/shop
  db:
    image: postgres:16
{ports}"""


def test_database_url_in_a_file_not_laid_out_as_compose(tmp_path: Path) -> None:
    # Not a compose file: a key beside `services:` that the Compose specification does
    # not define (an app's own config), so `db` is just a name.
    text = "app:\n  debug: false\n" + _COMPOSE.format(host="db", ports="")
    (tmp_path / "deploy.yml").write_text(text, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [Severity.HIGH]


@pytest.mark.parametrize(
    ("name", "host", "ports", "severity"),
    [
        # Another service of the file, reached on the compose network only.
        ("docker-compose.yml", "db", "", Severity.MEDIUM),
        ("compose.web.yaml", "db", '    ports:\n      - "127.0.0.1:5432:5432"\n', Severity.MEDIUM),
        # The service publishes its port on every interface of the host: anyone reaches it.
        ("docker-compose.yml", "db", '    ports:\n      - "5432:5432"\n', Severity.HIGH),
        # A host that is no service of the file.
        ("docker-compose.yml", "db.example.com", "", Severity.HIGH),
        # Named otherwise but laid out as a compose file (an override file that
        # `docker compose -f` stacks, a stack file): `db` is another service of it.
        ("deploy.yml", "db", "", Severity.MEDIUM),
    ],
)
def test_database_url_to_a_service_of_the_compose_file(
    tmp_path: Path, name: str, host: str, ports: str, severity: Severity
) -> None:
    (tmp_path / name).write_text(_COMPOSE.format(host=host, ports=ports), encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


_KEY = "q7Vd2Lr9Xk4Tz8Wm3Np6Hb1Jc5Gf0Ys"


@pytest.mark.parametrize(
    ("name", "text", "severity"),
    [
        # pytest-env's `env`, in each file pytest reads its options from.
        ("setup.cfg", f"[tool:pytest]\nenv =\n    D:SECRET_KEY={_KEY}\n", Severity.LOW),
        ("pytest.ini", f"[pytest]\nenv =\n\tSECRET_KEY={_KEY}\n", Severity.LOW),
        (
            "pyproject.toml",
            f'[tool.pytest.ini_options]\nenv = [\n  "SECRET_KEY={_KEY}",\n]\n',
            Severity.LOW,
        ),
        ("pyproject.toml", f'[tool.pytest_env]\nSECRET_KEY = "{_KEY}"\n', Severity.LOW),
        # tox's environment of a test run.
        ("tox.ini", f"[testenv:py312]\nsetenv =\n    SECRET_KEY={_KEY}\n", Severity.LOW),
        # The same option in a section no test runner reads, and a key after the option.
        ("setup.cfg", f"[app]\nenv =\n    SECRET_KEY={_KEY}\n", Severity.HIGH),
        ("setup.cfg", f"[tool:pytest]\nenv =\n    X=1\nsecret_key = {_KEY}\n", Severity.HIGH),
    ],
)
def test_secret_set_for_test_runs_only(
    tmp_path: Path, name: str, text: str, severity: Severity
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


@pytest.mark.parametrize(
    ("url", "severity"),
    [
        # GeoDjango's scheme in dj-database-url and django-environ: a database (KPI's CI).
        ("postgis://kobo:kobo-ci-2024@localhost:5432/kpi_test", Severity.MEDIUM),
        ("mysqlgis://shop:Sh0p-2024-db@127.0.0.1/shop", Severity.MEDIUM),
        ("postgis://kobo:kobo-ci-2024@db.example.com:5432/kpi", Severity.HIGH),
        # Not a database: a URL with a password to this machine is no less a secret.
        ("https://kobo:kobo-ci-2024@localhost:8000/api", Severity.HIGH),
    ],
)
def test_spatial_database_url_to_this_machine(tmp_path: Path, url: str, severity: Severity) -> None:
    # NOTE: a deploy file, not KPI's CI workflow, where a local database is the job's.
    stack = tmp_path / "deploy" / "stack.yml"
    stack.parent.mkdir(parents=True)
    stack.write_text(f"env:\n  DATABASE_URL: {url}\n", encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


_WORKFLOW = """\
name: tests
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      DATABASE_URL: postgres://ci:{value}@{host}:5432/shop_test
    services:
      postgres:
        image: postgres:16
        env:
          POSTGRES_PASSWORD: {value}
        ports:
          - 5432:5432
    steps:
      - run: pytest
        env:
          DEPLOY_TOKEN: {value}
"""


@pytest.mark.parametrize(
    ("name", "host", "severities"),
    [
        # The job's own database on the runner, and its service container's password;
        # a token the job's steps are given is not the job's to throw away.
        (".github/workflows/tests.yml", "localhost", [Severity.LOW, Severity.LOW, Severity.HIGH]),
        # A job run in a container reaches its service container by the service's name.
        (".github/workflows/tests.yml", "postgres", [Severity.LOW, Severity.LOW, Severity.HIGH]),
        # A host of one label: a container the job starts (by compose, or a service).
        (".github/workflows/tests.yml", "pg", [Severity.LOW, Severity.LOW, Severity.HIGH]),
        # Gitea's and Forgejo's Actions read GitHub's workflow syntax.
        (".gitea/workflows/tests.yml", "postgres", [Severity.LOW, Severity.LOW, Severity.HIGH]),
        # A database elsewhere is a real one, even from a CI job.
        (
            ".github/workflows/tests.yml",
            "db.example.net",
            [Severity.HIGH, Severity.LOW, Severity.HIGH],
        ),
        # The same text outside a CI pipeline.
        ("deploy/stack.yml", "localhost", [Severity.MEDIUM, Severity.HIGH, Severity.HIGH]),
        ("deploy/stack.yml", "pg", [Severity.HIGH, Severity.HIGH, Severity.HIGH]),
    ],
)
def test_ci_job_services(tmp_path: Path, name: str, host: str, severities: list[Severity]) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _WORKFLOW.format(host=host, value="Ci-Pg-2024-x9Kq")
    path.write_text(text, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in sorted(findings, key=lambda f: f.location.line)] == severities


_TEST_STEPS = """\
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - name: Run tests
        env:
          SECRET_KEY: XViQ1NfutP1RraqhHV3M3akMsB3JWZr9
          AWS_SECRET_KEY: wJalrXUtnFEMI7K7MDENGbPxRfiCYzQ4tLmZ3k
        run: |
          python manage.py makemigrations
          pytest --cov
      - name: Deploy
        env:
          SECRET_KEY: Qm9wLk5Ib3RQMVJyYXFoSFYzTTNha01zQjNK
        run: ./deploy.sh
"""


_WOODPECKER = """\
services:
  postgres:
    image: postgres:14
steps:
  test-server:
    image: python:3.10
    environment:
      - DATABASE_URL=postgres://ci:Ci-Pg-2024-x9Kq@postgres:5432/shop_test
    commands:
      - pytest
"""


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        # Woodpecker's step reaches the service container the pipeline starts by its name.
        pytest.param(".woodpecker.yml", Severity.LOW, id="woodpecker"),
        pytest.param(".woodpecker/test.yaml", Severity.LOW, id="woodpecker-folder"),
        pytest.param(".drone.yml", Severity.LOW, id="drone"),
        # The same text in a file no CI service reads.
        pytest.param("deploy/woodpecker.yml", Severity.HIGH, id="elsewhere"),
    ],
)
def test_container_pipelines(tmp_path: Path, name: str, severity: Severity) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_WOODPECKER, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


def test_signing_key_of_a_test_step(tmp_path: Path) -> None:
    # The app's own key signs the test run's sessions only; another service's key, or
    # the key a deploying step is given, is a real one.
    path = tmp_path / ".github" / "workflows" / "django.yml"
    path.parent.mkdir(parents=True)
    path.write_text(_TEST_STEPS, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [(f.location.line, f.severity) for f in findings] == [
        (8, Severity.LOW),
        (9, Severity.HIGH),
        (15, Severity.HIGH),
    ]


_TRAVIS = f"""\
language: python
script:
  - flask test
env:
  - TESTING=true SECRET_KEY={_KEY} MAILGUN_API_KEY={_KEY}
jobs:
  include:
    - stage: deploy
      script: ./deploy.sh
      env: SECRET_KEY={_KEY}
    - stage: lint
      env: SECRET_KEY={_KEY}
"""


def test_signing_key_of_a_travis_test_run(tmp_path: Path) -> None:
    # The top-level `env:` is every job's; the jobs run the suite (the app's own
    # `flask test` command) unless one brings a `script:` of its own: the app's key
    # there signs the test run's sessions only, another service's key is a real one,
    # and so is the key the deploying job is given.
    (tmp_path / ".travis.yml").write_text(_TRAVIS, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [(f.location.line, f.severity) for f in findings] == [
        (5, Severity.LOW),
        (5, Severity.HIGH),
        (10, Severity.HIGH),
        (12, Severity.LOW),
    ]


# The database publishes its port on every interface: its login is not one only the
# file's other containers reach (which would make it medium whatever the file's name).
_COMPOSE_DB_USER = """\
services:
  db:
    image: mysql:8
    ports:
      - "3306:3306"
    environment:
      MYSQL_PASSWORD: "{value}"
"""


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        pytest.param("dev/docker-compose.yml", Severity.LOW, id="development-folder"),
        pytest.param("Ctl/local/docker-compose.yml", Severity.LOW, id="local-folder"),
        pytest.param("docker-compose.dev.yml", Severity.LOW, id="development-name"),
        pytest.param("docker-compose.local.yml", Severity.LOW, id="local-name"),
        pytest.param("compose.ci.yaml", Severity.LOW, id="ci-name"),
        pytest.param("docker-compose-dev.yml", Severity.LOW, id="development-dashed-name"),
        pytest.param(".devcontainer/docker-compose.yml", Severity.LOW, id="dev-container"),
        pytest.param("docker-compose-prod.yml", Severity.HIGH, id="production-dashed-name"),
        pytest.param("docker-compose.yml", Severity.HIGH, id="unnamed"),
        pytest.param("deploy/docker-compose.yml", Severity.HIGH, id="production-folder"),
        # Not a compose file: a folder named `dev` says nothing of other deploy files.
        pytest.param("dev/app.yaml", Severity.HIGH, id="not-compose"),
        # A compose file named otherwise, known by its services: named for a CI run.
        pytest.param("ci.yml", Severity.LOW, id="ci-named-compose-content"),
        pytest.param("stack.yml", Severity.HIGH, id="deploy-named-compose-content"),
    ],
)
def test_development_compose_file(tmp_path: Path, name: str, severity: Severity) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_COMPOSE_DB_USER.format(value="Xq7-mysql-2024-kv"), encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


_COMPOSE_NAMED = """\
# the project's name
{name}
services:
  web:
    image: shop
    environment:
      MYSQL_PASSWORD: "Xq7-mysql-2024-kv"
"""


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        pytest.param("name: shop-dev", Severity.LOW, id="development"),
        pytest.param("name: 'shop_local'  # docker compose up", Severity.LOW, id="local-quoted"),
        pytest.param('name: "shop-test"', Severity.LOW, id="test"),
        pytest.param("name: shop", Severity.HIGH, id="unnamed-role"),
        pytest.param("name: shop-prod", Severity.HIGH, id="production"),
        # A service's name, not the project's.
        pytest.param("x-web:\n  name: shop-dev", Severity.HIGH, id="nested-name"),
    ],
)
def test_compose_project_named_for_development(
    tmp_path: Path, name: str, severity: Severity
) -> None:
    compose = _COMPOSE_NAMED.format(name=name)
    (tmp_path / "compose.yaml").write_text(compose, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


_COMPOSE_RUNNING = """\
services:
  web:
    build: .
    command: {command}
    environment:
      MYSQL_PASSWORD: "Xq7-mysql-2024-kv"
"""


@pytest.mark.parametrize(
    ("command", "severity"),
    [
        pytest.param("python manage.py runserver 0.0.0.0:8000", Severity.LOW, id="runserver"),
        pytest.param("flask --app shop run --host 0.0.0.0", Severity.LOW, id="flask-run"),
        pytest.param("python manage.py runsslserver 0:8000", Severity.LOW, id="runsslserver"),
        pytest.param("gunicorn shop.wsgi -b 0.0.0.0:8000", Severity.HIGH, id="gunicorn"),
        pytest.param("sh -c 'flask db upgrade && gunicorn shop:app'", Severity.HIGH, id="migrate"),
    ],
)
def test_compose_file_running_a_development_server(
    tmp_path: Path, command: str, severity: Severity
) -> None:
    compose = _COMPOSE_RUNNING.format(command=command)
    (tmp_path / "docker-compose.yml").write_text(compose, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


_PROCFILE = """\
web: {command}
pgweb: docker run --rm -e PGWEB_DATABASE_URL=postgres://db:Pg-web-2024@db:5432/db pgweb
"""


@pytest.mark.parametrize(
    ("command", "severity"),
    [
        pytest.param("./manage.py runserver", Severity.LOW, id="runserver"),
        pytest.param("flask --app shop run", Severity.LOW, id="flask-run"),
        pytest.param("gunicorn shop.wsgi", Severity.HIGH, id="gunicorn"),
        pytest.param("daphne shop.asgi:application", Severity.HIGH, id="daphne"),
    ],
)
def test_procfile_running_a_development_server(
    tmp_path: Path, command: str, severity: Severity
) -> None:
    (tmp_path / "Procfile").write_text(_PROCFILE.format(command=command), encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


_COMPOSE_SETTING = """\
services:
  web:
    build: .
    command: gunicorn shop.wsgi -b 0.0.0.0:8000
    environment:
      MYSQL_PASSWORD: "Xq7-mysql-2024-kv"
      {setting}
"""


@pytest.mark.parametrize(
    ("setting", "severity"),
    [
        pytest.param('DEBUG: "1"', Severity.LOW, id="debug-on"),
        pytest.param("SHOP_DEBUG: true", Severity.LOW, id="prefixed-debug-on"),
        pytest.param("FLASK_ENV: development", Severity.LOW, id="development-environment"),
        pytest.param("APP_ENVIRONMENT: 'local'", Severity.LOW, id="local-environment"),
        pytest.param(
            "DJANGO_SETTINGS_MODULE: shop.settings.dev", Severity.LOW, id="development-settings"
        ),
        # An app's release channel, stage or mode named for a developer's machine.
        pytest.param("APP_CHANNEL: local", Severity.LOW, id="local-channel"),
        pytest.param("STAGE: dev", Severity.LOW, id="development-stage"),
        pytest.param("RUN_MODE: development", Severity.LOW, id="development-mode"),
        pytest.param("APP_CHANNEL: production", Severity.HIGH, id="production-channel"),
        pytest.param("MAINTENANCE_MODE: 'true'", Severity.HIGH, id="other-mode-switch"),
        pytest.param("DEV_ENV: 'True'", Severity.LOW, id="development-switch-on"),
        pytest.param('LOCAL_ENV: "1"', Severity.LOW, id="local-switch-on"),
        pytest.param("DEV_ENV: 'False'", Severity.HIGH, id="development-switch-off"),
        # A switch whose whole name says development, also as one word.
        pytest.param('DEVELOPMENT: "true"', Severity.LOW, id="bare-development-switch"),
        pytest.param('IS_DEV: "1"', Severity.LOW, id="is-development-switch"),
        pytest.param('LOCALDEV: "1"', Severity.LOW, id="one-word-development-switch"),
        pytest.param('DEV_TOOLS: "1"', Severity.HIGH, id="development-tools-switch"),
        pytest.param('DEVICE: "1"', Severity.HIGH, id="word-starting-like-dev"),
        pytest.param('LOCALDEV: "0"', Severity.HIGH, id="one-word-development-switch-off"),
        pytest.param("PROD_ENV: 'true'", Severity.HIGH, id="production-switch-on"),
        pytest.param('DEBUG: "false"', Severity.HIGH, id="debug-off"),
        pytest.param("APP_ENV: production", Severity.HIGH, id="production-environment"),
        pytest.param(
            "DJANGO_SETTINGS_MODULE: shop.settings.prod", Severity.HIGH, id="production-settings"
        ),
        # A switch of something else than the app (a library's log level) says nothing.
        pytest.param("SQL_QUERY_DEBUG: 'true'", Severity.HIGH, id="other-debug-switch"),
    ],
)
def test_compose_file_setting_development_mode(
    tmp_path: Path, setting: str, severity: Severity
) -> None:
    compose = _COMPOSE_SETTING.format(setting=setting)
    (tmp_path / "docker-compose.yml").write_text(compose, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


_COMPOSE_BUILDING = """\
services:
  web:
    build:
      context: .
      dockerfile: {dockerfile}{target}
    command: ./bin/start.sh
    environment:
      MYSQL_PASSWORD: "Xq7-mysql-2024-kv"
{other}"""
_WORKER = "  worker:\n    build: .\n"


@pytest.mark.parametrize(
    ("dockerfile", "target", "other", "severity"),
    [
        pytest.param("./Dockerfile.development", "", "", Severity.LOW, id="development-image"),
        pytest.param("docker/dev/Dockerfile", "", "", Severity.LOW, id="development-folder"),
        pytest.param("Dockerfile.test", "", "", Severity.LOW, id="test-image"),
        pytest.param("Dockerfile.prod", "", "", Severity.HIGH, id="production-image"),
        pytest.param("Dockerfile", "", "", Severity.HIGH, id="plain-image"),
        # The stage of a multi-stage Dockerfile the service runs (`FROM base AS dev`).
        pytest.param("Dockerfile", "dev", "", Severity.LOW, id="development-stage"),
        pytest.param("Dockerfile", "local-dev", "", Severity.LOW, id="dashed-development-stage"),
        pytest.param("Dockerfile", "production", "", Severity.HIGH, id="production-stage"),
        pytest.param("Dockerfile.dev", "release", "", Severity.HIGH, id="release-stage"),
        pytest.param("Dockerfile.dev", "runtime", "", Severity.LOW, id="unnamed-stage"),
        # Another service builds the default Dockerfile: what it runs may be deployed.
        pytest.param("Dockerfile.dev", "", _WORKER, Severity.HIGH, id="one-image-of-two"),
    ],
)
def test_compose_file_building_development_images(
    tmp_path: Path, dockerfile: str, target: str, other: str, severity: Severity
) -> None:
    stage = f"\n      target: {target}" if target else ""
    compose = _COMPOSE_BUILDING.format(dockerfile=dockerfile, target=stage, other=other)
    (tmp_path / "docker-compose.yml").write_text(compose, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        pytest.param("app/data/test_auth.cfg", Severity.LOW, id="test-name"),
        pytest.param("config.testing.ini", Severity.LOW, id="testing-suffix"),
        pytest.param("app/data/example_auth.cfg", Severity.HIGH, id="example-name"),
        # A word that only contains `test` says nothing.
        pytest.param("contest.cfg", Severity.HIGH, id="other-word"),
        # A CI pipeline named for tests still hands real secrets to its jobs.
        pytest.param(".github/workflows/test.yml", Severity.HIGH, id="pipeline"),
    ],
)
def test_configuration_named_for_tests(tmp_path: Path, name: str, severity: Severity) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if name.endswith(".yml"):
        text = "on: push\nenv:\n  SECRET_KEY: q7Vd2Lr9Xk4Tz8Wm3Np6Hb1Jc5Gf0Ys\n"
    else:
        text = 'SECRET_KEY="q7Vd2Lr9Xk4Tz8Wm3Np6Hb1Jc5Gf0Ys"\n'
    path.write_text(text, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


_FIXTURE_YAML = """\
- model: oauth.application
  pk: 2
  fields:
    name: Intake
    client_id: sC6GkHr8GS2OSRpFzKL2aASnz2eTPLYqK8T
    client_secret: fBySp20wgSEcxGmFFHB8BHEqjGu0oU0e1QmDyQ7bU8GZLFsa3GIPAbXy
"""
_FIXTURE_JSON = """\
[{"model": "oauth.application", "pk": 2,
  "fields": {"client_secret": "fBySp20wgSEcxGmFFHB8BHEqjGu0oU0e1QmDyQ7bU8GZLFsa3GIPAbXy"}}]
"""
_NOT_A_FIXTURE = "client_secret: fBySp20wgSEcxGmFFHB8BHEqjGu0oU0e1QmDyQ7bU8GZLFsa3GIPAbXy\n"


@pytest.mark.parametrize(
    ("name", "text", "severity"),
    [
        # Rows `loaddata` puts in a developer's database.
        ("oauth/fixtures/development_applications.yaml", _FIXTURE_YAML, Severity.LOW),
        ("oauth/fixtures/dev_applications.json", _FIXTURE_JSON, Severity.LOW),
        # Seed data any database gets, production's too.
        ("oauth/fixtures/initial_applications.yaml", _FIXTURE_YAML, Severity.HIGH),
        # Named for development, but no fixture: a configuration file.
        ("deploy/development.yml", _NOT_A_FIXTURE, Severity.HIGH),
    ],
)
def test_django_fixture_named_for_development(
    tmp_path: Path, name: str, text: str, severity: Severity
) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


_TEST_CASE = """\
from django.test import TestCase


class ApplicationTests(TestCase):
    fixtures = [{label!r}]
"""
_LOADING_MIGRATION = """\
from django.core.management import call_command
from django.db import migrations


def load(apps, schema_editor):
    call_command("loaddata", "applications")


class Migration(migrations.Migration):
    operations = [migrations.RunPython(load)]
"""


@pytest.mark.parametrize(
    ("loaders", "severity"),
    [
        # Rows only a test database gets, by the file's name or its stem.
        ({"oauth/tests.py": _TEST_CASE.format(label="applications.json")}, Severity.LOW),
        ({"oauth/tests/test_api.py": _TEST_CASE.format(label="applications")}, Severity.LOW),
        # The project's own code loads it too: any database gets them.
        (
            {
                "oauth/tests.py": _TEST_CASE.format(label="applications.json"),
                "oauth/migrations/0002_seed.py": _LOADING_MIGRATION,
            },
            Severity.HIGH,
        ),
        # Nothing names it: it may be seed data.
        ({}, Severity.HIGH),
        # A test loads another fixture.
        ({"oauth/tests.py": _TEST_CASE.format(label="users.json")}, Severity.HIGH),
    ],
)
def test_django_fixture_loaded_by_tests_only(
    tmp_path: Path, loaders: dict[str, str], severity: Severity
) -> None:
    for name, text in {"oauth/fixtures/applications.json": _FIXTURE_JSON, **loaders}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


_COMPOSE_IDLING = """\
services:
  web:
    build: .
{command}
    environment:
      MYSQL_PASSWORD: "Xq7-mysql-2024-kv"
"""


@pytest.mark.parametrize(
    ("command", "severity"),
    [
        pytest.param("    command: tail -f /dev/null", Severity.LOW, id="tail"),
        pytest.param("    command: sleep infinity", Severity.LOW, id="sleep"),
        pytest.param('    command: ["sleep", "infinity"]', Severity.LOW, id="sleep-list"),
        pytest.param(
            '    command: /bin/sh -c "while sleep 1000; do :; done"', Severity.LOW, id="loop"
        ),
        pytest.param(
            "    entrypoint: dockerize -wait tcp://db:5432\n    command: tail -f /dev/null",
            Severity.LOW,
            id="after-wrapper",
        ),
        pytest.param("    entrypoint: sleep infinity", Severity.LOW, id="entrypoint"),
        # The app is served: the idle command is only a step of a longer one.
        pytest.param(
            "    command: sh -c 'gunicorn shop.wsgi & tail -f /dev/null'",
            Severity.HIGH,
            id="served",
        ),
        pytest.param("    command: sleep 30", Severity.HIGH, id="finite-sleep"),
    ],
)
def test_compose_file_keeping_a_container_idle(
    tmp_path: Path, command: str, severity: Severity
) -> None:
    compose = _COMPOSE_IDLING.format(command=command)
    (tmp_path / "docker-compose.yml").write_text(compose, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


@pytest.mark.parametrize(
    ("name", "severity", "context"),
    [
        ("deploy.sh", Severity.HIGH, ""),
        ("release-prod.bash", Severity.HIGH, ""),
        ("run-tests.sh", Severity.LOW, "a test script"),
        ("jenkins.sh", Severity.LOW, "a test script"),
        ("dev-setup.sh", Severity.LOW, "a development script"),
    ],
)
def test_shell_script_named_for_tests_or_development(
    tmp_path: Path, name: str, severity: Severity, context: str
) -> None:
    (tmp_path / name).write_text(f"#!/bin/sh\nexport API_TOKEN={_KEY}\n", encoding="utf-8")
    (finding,) = audit([tmp_path], tmp_path, select=["WW243"])
    assert finding.severity is severity
    assert finding.context == context


_STAGED_DOCKERFILE = """\
FROM python:3.12-slim AS base
FROM base AS {first}
ENV API_TOKEN={key}
FROM {first} AS {second}
ARG DEPLOY_PASSWORD=Xq7-deploy-2024-kv
"""


@pytest.mark.parametrize(
    ("name", "first", "second", "severities", "contexts"),
    [
        # `ENV` of a stage named for tests or development: the image a CI job or a
        # developer runs; a stage of no such name built on one is the same image, more.
        pytest.param(
            "Dockerfile",
            "test",
            "tools",
            [Severity.LOW, Severity.LOW],
            ["a test stage of a Dockerfile"] * 2,
            id="test-stage-and-one-built-on-it",
        ),
        pytest.param(
            "docker/Dockerfile",
            "local-dev",
            "release",
            [Severity.LOW, Severity.HIGH],
            ["a development stage of a Dockerfile", ""],
            id="development-stage-then-release",
        ),
        # What ships or builds what ships.
        pytest.param(
            "Dockerfile",
            "production",
            "concourse-tests",
            [Severity.HIGH, Severity.LOW],
            ["", "a test stage of a Dockerfile"],
            id="production-then-test",
        ),
        pytest.param(
            "Dockerfile", "builder", "build", [Severity.HIGH] * 2, ["", ""], id="build-stages"
        ),
        # Not a Dockerfile: `FROM ... AS ...` is just text.
        pytest.param("notes.conf", "test", "tools", [Severity.HIGH] * 2, ["", ""], id="other-file"),
    ],
)
def test_dockerfile_stage_named_for_tests_or_development(
    tmp_path: Path,
    name: str,
    first: str,
    second: str,
    severities: list[Severity],
    contexts: list[str],
) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _STAGED_DOCKERFILE.format(first=first, second=second, key=_KEY)
    path.write_text(text, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == severities
    assert [f.context for f in findings] == contexts


_REALM = """\
{{
  "realm": "studio",
  "clients": [
    {{
      "clientId": "studio",
      "rootUrl": "{root}",
      "secret": "Vq3mW9xLp2KzT7bNc4Rd8HsJ",
      "redirectUris": ["{root}/auth/complete/", "/realms/studio/account/*"]
    }}
  ]{more}
}}
"""
_UPSTREAM = """,
  "identityProviders": [
    {"alias": "google", "config": {"authorizationUrl": "https://accounts.google.com/o/oauth2/auth"}}
  ]"""


@pytest.mark.parametrize(
    ("root", "more", "severity"),
    [
        # A realm a compose file imports into a developer's Keycloak.
        pytest.param("http://localhost:8043", "", Severity.LOW, id="localhost"),
        pytest.param("http://studio.odl.local:8043", "", Severity.LOW, id="dot-local"),
        pytest.param("http://127.0.0.1:8000", "", Severity.LOW, id="loopback"),
        # A deployed client's realm.
        pytest.param("https://studio.example.edu", "", Severity.HIGH, id="deployed-client"),
        # A local client, but the realm brokers logins to a public identity provider.
        pytest.param("http://localhost:8043", _UPSTREAM, Severity.HIGH, id="public-upstream"),
    ],
)
def test_keycloak_realm_of_a_development_machine(
    tmp_path: Path, root: str, more: str, severity: Severity
) -> None:
    realm = _REALM.format(root=root, more=more)
    (tmp_path / "studio-realm.json").write_text(realm, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


_HOSTLESS_REALM = """\
{{
  "realm": "studio-local",
  "sslRequired": "{ssl}",
  "clients": [
    {{
      "clientId": "gateway",
      "rootUrl": "",
      "secret": "Vq3mW9xLp2KzT7bNc4Rd8HsJ",
      "redirectUris": ["*", "/realms/studio-local/account/*"]
    }}
  ]{more}
}}
"""


@pytest.mark.parametrize(
    ("ssl", "more", "severity"),
    [
        # No URL of any deployment, plain HTTP from every address: a developer's realm.
        pytest.param("none", "", Severity.LOW, id="ssl-none"),
        # Keycloak's default: a realm that may be a deployment's.
        pytest.param("external", "", Severity.HIGH, id="ssl-external"),
        pytest.param("all", "", Severity.HIGH, id="ssl-all"),
        # Plain HTTP, but the realm brokers logins to a public identity provider.
        pytest.param("none", _UPSTREAM, Severity.HIGH, id="ssl-none-public-upstream"),
    ],
)
def test_keycloak_realm_naming_no_host(
    tmp_path: Path, ssl: str, more: str, severity: Severity
) -> None:
    realm = _HOSTLESS_REALM.format(ssl=ssl, more=more)
    (tmp_path / "studio-realm.json").write_text(realm, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


_COMPOSE_COMMENTED = """\
{comment}
services:
  web:
    image: shop
    environment:
      MYSQL_PASSWORD: "Xq7-mysql-2024-kv"
"""


@pytest.mark.parametrize(
    ("comment", "severity"),
    [
        pytest.param(
            "# For trying the project out locally; not suitable for production usage.",
            Severity.LOW,
            id="not-suitable",
        ),
        pytest.param("# Do not use this file in production!", Severity.LOW, id="do-not-use"),
        pytest.param("# NOT FOR PRODUCTION", Severity.LOW, id="not-for"),
        pytest.param(
            "# This configuration file is for the **development** setup.",
            Severity.LOW,
            id="this-file-for-development",
        ),
        pytest.param("# For local development only.", Severity.LOW, id="development-only"),
        pytest.param(
            "# For development, use docker-compose.dev.yml", Severity.HIGH, id="pointer-elsewhere"
        ),
        pytest.param("# Production stack: docker stack deploy -c", Severity.HIGH, id="production"),
        pytest.param("# for production, see docker-compose.prod.yml", Severity.HIGH, id="pointer"),
        # Only the comment the file starts with speaks for the whole file.
        pytest.param("x-note: 1\n# not for production", Severity.HIGH, id="later-comment"),
    ],
)
def test_compose_file_its_comments_keep_out_of_production(
    tmp_path: Path, comment: str, severity: Severity
) -> None:
    compose = _COMPOSE_COMMENTED.format(comment=comment)
    (tmp_path / "docker-compose.yml").write_text(compose, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Compose fills in the default whenever the variable is unset.
        pytest.param("${MYSQL_PASSWORD:-Xq7-mysql-2024-kv}", [Severity.HIGH], id="default"),
        pytest.param('"${MYSQL_PASSWORD-Xq7-mysql-2024-kv}"', [Severity.HIGH], id="unset-only"),
        pytest.param("${MYSQL_PASSWORD}", [], id="no-default"),
        pytest.param("${MYSQL_PASSWORD:-}", [], id="empty-default"),
        pytest.param("${MYSQL_PASSWORD:-changeme}", [], id="placeholder-default"),
        pytest.param("${MYSQL_PASSWORD:?set it}", [], id="required"),
    ],
)
def test_compose_variable_default(tmp_path: Path, value: str, expected: list[Severity]) -> None:
    compose = (
        f"services:\n  web:\n    image: shop\n    environment:\n      MYSQL_PASSWORD: {value}\n"
    )
    (tmp_path / "docker-compose.yml").write_text(compose, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == expected


_SETUP = "oidc:\n  client_id: shop\n  client_secret: q7Vd2Lr9Xk4Tz8Wm3Np6Hb1Jc5Gf0Ys\n"


@pytest.mark.parametrize(
    ("compose", "severity"),
    [
        # The folder is mounted into the containers of a compose file for development.
        pytest.param(
            "services:\n  web:\n    image: shop\n    command: python manage.py runserver\n"
            "    volumes:\n      - ./docker/setup:/app/setup:ro\n",
            Severity.LOW,
            id="development-mount",
        ),
        pytest.param(
            "services:\n  web:\n    image: shop\n    command: python manage.py runserver\n"
            "    volumes:\n      - type: bind\n        source: ./docker/setup/data.yaml\n"
            "        target: /app/data.yaml\n",
            Severity.LOW,
            id="long-syntax",
        ),
        # A compose file of no development role: the file may be what a deployment mounts.
        pytest.param(
            "services:\n  web:\n    image: shop\n    command: gunicorn shop.wsgi\n"
            "    volumes:\n      - ./docker/setup:/app/setup:ro\n",
            Severity.HIGH,
            id="deployment-mount",
        ),
        # The whole source tree mounted for live editing: no file of it is configuration.
        pytest.param(
            "services:\n  web:\n    image: shop\n    command: python manage.py runserver\n"
            "    volumes:\n      - .:/app\n",
            Severity.HIGH,
            id="source-tree",
        ),
    ],
)
def test_file_mounted_by_development_compose(
    tmp_path: Path, compose: str, severity: Severity
) -> None:
    (tmp_path / "docker" / "setup").mkdir(parents=True)
    (tmp_path / "docker" / "setup" / "data.yaml").write_text(_SETUP, encoding="utf-8")
    (tmp_path / "docker-compose.yml").write_text(compose, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings if f.location.path.endswith("data.yaml")] == [severity]


_SECRETS_VALUES = "djangoSecretKey: 7K9mQx2vL8pN4rT6wY1zB3cF5hJ0kM9sD2gA7eU4iO6\n"


@pytest.mark.parametrize(
    ("values", "severity"),
    [
        # The environment's app is served under a name that resolves to the developer's
        # own machine (a kind or minikube cluster behind a local ingress).
        pytest.param(
            "backend:\n  envVars:\n    DJANGO_ALLOWED_HOSTS: meet.127.0.0.1.nip.io\n"
            "frontend:\n  baseUrl: https://meet.127.0.0.1.nip.io\n",
            Severity.LOW,
            id="loopback-wildcard-dns",
        ),
        pytest.param("ingress:\n  host: shop.localhost\n", Severity.LOW, id="localhost-subdomain"),
        # A shared server's environment, whatever its folder is named.
        pytest.param("ingress:\n  host: meet.dev.example.org\n", Severity.HIGH, id="deployed-host"),
        pytest.param(
            "ingress:\n  host: meet.127.0.0.1.nip.io.example.org\n",
            Severity.HIGH,
            id="loopback-words-inside-a-real-name",
        ),
    ],
)
def test_values_of_a_local_cluster_environment(
    tmp_path: Path, values: str, severity: Severity
) -> None:
    folder = tmp_path / "helm" / "env.d" / "dev-local"
    folder.mkdir(parents=True)
    (folder / "values.secrets.yaml").write_text(_SECRETS_VALUES, encoding="utf-8")
    (folder / "values.app.yaml.gotmpl").write_text(values, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW243"])
    assert [f.severity for f in findings] == [severity]


@pytest.mark.parametrize(
    ("relpath", "expected"),
    [
        pytest.param("web/locales/de/common.json", True, id="locales-language-folder"),
        pytest.param("ui/public/localization/ru/_default.json", True, id="localization-folder"),
        pytest.param("app/localisation/pt_PT.json", True, id="localisation-language-file"),
        pytest.param("ui/public/localization/deepl.json", False, id="no-language-named"),
        pytest.param("config/de/settings.json", False, id="no-catalog-folder"),
        pytest.param("webapp/public/zoom-de-DE.json", True, id="language-and-region-named"),
        pytest.param("strings/messages_pt_BR.json", True, id="posix-locale-named"),
        pytest.param("config/service-dev.json", False, id="environment-named"),
        pytest.param("config/keys-dev_EU.json", False, id="no-known-locale"),
        pytest.param("config/deepl-de-DE-account.json", False, id="locale-inside-the-name"),
    ],
)
def test_translation_catalog(relpath: str, expected: bool) -> None:
    assert translation_catalog(relpath) is expected
