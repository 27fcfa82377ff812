"""Whether the project's scripts serve its Flask app with a WSGI server, not `flask run`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.flask.model_helpers import flask_model

_APP = "from flask import Flask\n\napp = Flask(__name__)\n"


@pytest.mark.parametrize(
    ("scripts", "served"),
    [
        pytest.param(
            {"Procfile": "web: flask db upgrade; gunicorn app:app\n"}, True, id="procfile"
        ),
        pytest.param(
            {"Dockerfile": 'CMD ["gunicorn", "-b", ":5000", "app:app"]\n'}, True, id="exec-form"
        ),
        pytest.param({"boot.sh": "exec waitress-serve --port=8080 app:app\n"}, True, id="waitress"),
        pytest.param(
            {"Dockerfile": "RUN pip install gunicorn pymysql\n"}, False, id="installed-only"
        ),
        pytest.param(
            {"pyproject.toml": '[project]\ndependencies = ["gunicorn>=22"]\n'},
            False,
            id="requirement",
        ),
        pytest.param(
            {"Dockerfile": 'CMD ["flask", "run", "--host=0.0.0.0"]\n'}, False, id="flask-run"
        ),
        pytest.param(
            {"Procfile": "web: gunicorn app:app\n", "run.sh": "python -m flask --app app run\n"},
            False,
            id="also-flask-run",
        ),
        pytest.param(
            {"Procfile": "web: gunicorn wsgi:app\n", "Procfile.windows": "web: flask run\n"},
            True,
            id="local-procfile-runs-flask",
        ),
        pytest.param(
            {"Procfile": "web: gunicorn wsgi:app\n", "Procfile.dev": "web: flask run\n"},
            True,
            id="dev-procfile-runs-flask",
        ),
        pytest.param(
            {"Procfile": "web: gunicorn wsgi:app\n", "Procfile.prod": "web: flask run\n"},
            False,
            id="production-procfile-runs-flask",
        ),
        pytest.param({}, False, id="no-scripts"),
    ],
)
def test_served_by_wsgi_server(tmp_path: Path, scripts: dict[str, str], served: bool) -> None:
    (tmp_path / ".flaskenv").write_text("FLASK_APP=app.py\n")
    (tmp_path / "app.py").write_text(_APP)
    for name, text in scripts.items():
        (tmp_path / name).write_text(text)
    assert flask_model(tmp_path).served_by_wsgi_server is served


def test_not_read_without_flaskenv(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(_APP)
    (tmp_path / "Procfile").write_text("web: gunicorn app:app\n")
    assert flask_model(tmp_path).served_by_wsgi_server is False
