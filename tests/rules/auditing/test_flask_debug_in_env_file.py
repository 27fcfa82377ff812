"""WW1172 does not report `FLASK_ENV` where the application requires Flask 2.3 or later."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.findings import Severity


@pytest.mark.parametrize(
    ("requirements", "line", "severities"),
    [
        pytest.param("flask>=2.3\n", "FLASK_ENV=development", [], id="flask-2.3"),
        pytest.param("flask==2.2.5\n", "FLASK_ENV=development", [Severity.MEDIUM], id="flask-2.2"),
        pytest.param("flask\n", "FLASK_ENV=development", [Severity.MEDIUM], id="no-floor"),
        pytest.param("flask>=3.0\n", "FLASK_DEBUG=1", [Severity.MEDIUM], id="debug-is-read"),
    ],
)
def test_flask_env_is_not_reported_where_flask_no_longer_reads_it(
    tmp_path: Path, requirements: str, line: str, severities: list[Severity]
) -> None:
    (tmp_path / "requirements.txt").write_text(requirements)
    (tmp_path / ".flaskenv").write_text(f"FLASK_APP=app.py\n{line}\n")
    (tmp_path / "app.py").write_text("from flask import Flask\n\napp = Flask(__name__)\n")
    assert [f.severity for f in audit([tmp_path], tmp_path, ["WW1172"])] == severities


@pytest.mark.parametrize(
    ("scripts", "severity", "context"),
    [
        pytest.param(
            {"Procfile": "web: flask db upgrade; gunicorn app:app\n"},
            Severity.LOW,
            "the project's scripts serve the app with a WSGI server, not `flask run`",
            id="procfile-gunicorn",
        ),
        pytest.param(
            {"boot.sh": "#!/bin/sh\nexec uwsgi --http :5000 --module app:app\n"},
            Severity.LOW,
            "the project's scripts serve the app with a WSGI server, not `flask run`",
            id="boot-script-uwsgi",
        ),
        pytest.param(
            {"Dockerfile": 'FROM python\nCMD ["flask", "run", "--host=0.0.0.0"]\n'},
            Severity.MEDIUM,
            "",
            id="container-runs-flask-run",
        ),
        pytest.param(
            {
                "Procfile": "web: gunicorn app:app\n",
                "docker-compose.yml": "services:\n  web:\n    command: flask --app app run\n",
            },
            Severity.MEDIUM,
            "",
            id="one-script-runs-flask-run",
        ),
        pytest.param({}, Severity.MEDIUM, "", id="no-scripts"),
    ],
)
def test_flaskenv_is_low_where_scripts_serve_without_flask_run(
    tmp_path: Path, scripts: dict[str, str], severity: Severity, context: str
) -> None:
    (tmp_path / ".flaskenv").write_text("FLASK_APP=app.py\nFLASK_DEBUG=1\n")
    (tmp_path / "app.py").write_text("from flask import Flask\n\napp = Flask(__name__)\n")
    for name, text in scripts.items():
        (tmp_path / name).write_text(text)
    found = audit([tmp_path], tmp_path, ["WW1172"])
    assert [(f.severity, f.context) for f in found] == [(severity, context)]


def test_dotenv_stays_medium_where_scripts_serve_without_flask_run(tmp_path: Path) -> None:
    # NOTE: the app's own `load_dotenv()` (or a container's env_file) may load `.env`
    # under the WSGI server too.
    (tmp_path / ".env").write_text("FLASK_DEBUG=1\n")
    (tmp_path / "Procfile").write_text("web: gunicorn app:app\n")
    (tmp_path / "app.py").write_text("from flask import Flask\n\napp = Flask(__name__)\n")
    found = audit([tmp_path], tmp_path, ["WW1172"])
    assert [f.severity for f in found] == [Severity.MEDIUM]
