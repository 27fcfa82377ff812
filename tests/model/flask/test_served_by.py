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


_RUNNER = "from flask import Flask\n\napp = Flask(__name__)\napp.run(debug=True)\n"


@pytest.mark.parametrize(
    ("scripts", "by_hand"),
    [
        pytest.param({"Dockerfile": 'CMD ["gunicorn", "app:app"]\n'}, True, id="wsgi-served"),
        pytest.param(
            {"Dockerfile": 'CMD ["gunicorn", "app:app"]\n', "Makefile": "serve:\n\tpython serve.py\n"},
            True,
            id="makefile-target",
        ),
        pytest.param(
            {"Procfile": "web: gunicorn app:app\n", "Dockerfile": 'CMD ["make", "serve"]\n',
             "Makefile": "serve:\n\tpython serve.py\n"},
            False,
            id="make-target-deployed",
        ),
        pytest.param(
            {"Procfile": "web: gunicorn app:app", "ci.yml": "run: uv run make lint\n",
             "Makefile": "lint:\n\truff check .\nserve:\n\tpython serve.py\n"},
            True,
            id="other-target-made",
        ),
        pytest.param(
            {"Procfile": "web: gunicorn app:app", "boot.sh": "make dev\n",
             "Makefile": "dev: deps serve\ndeps:\n\tpip install .\nserve:\n\tpython serve.py\n"},
            False,
            id="target-needing-it-made",
        ),
        pytest.param(
            {"Procfile": "web: gunicorn app:app\nworker: python -m serve\n"}, False, id="dash-m"
        ),
        pytest.param({"Procfile": "web: gunicorn serve:app\n"}, False, id="wsgi-target"),
        pytest.param({"boot.sh": "python serve.py\n"}, False, id="no-wsgi-server"),
    ],
)  # fmt: skip
def test_started_by_hand(tmp_path: Path, scripts: dict[str, str], by_hand: bool) -> None:
    (tmp_path / "serve.py").write_text(_RUNNER)
    for name, text in scripts.items():
        (tmp_path / name).write_text(text)
    assert ("serve.py" in flask_model(tmp_path).started_by_hand) is by_hand
