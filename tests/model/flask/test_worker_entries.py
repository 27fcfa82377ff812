"""Which modules making a Flask app are a Celery worker's entry, serving no request."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.model.flask.model_helpers import flask_model

_FACTORY = """\
from flask import Blueprint

api = Blueprint("api", __name__)


@api.route("/orders")
def orders():
    return {"orders": []}


def create_app(application):
    application.register_blueprint(api)
    return application
"""
_ENTRY = """\
from flask import Flask

from shop import create_app

application = Flask("{name}")
create_app(application)
"""


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.mark.parametrize(
    ("worker_path", "scripts", "extra", "worker"),
    [
        pytest.param(
            "run_worker.py",
            {"Makefile": "worker:\n\tcelery \\\n\t\t-A run_worker.celery worker\n"},
            {},
            True,
            id="makefile-continued-line",
        ),
        pytest.param(
            "backend/run_worker.py",
            {"backend/Procfile": "worker: celery --app=run_worker:celery worker\n"},
            {},
            True,
            id="named-from-its-folder",
        ),
        pytest.param(
            "run_worker.py",
            {
                "Procfile": "worker: celery -A run_worker worker\nweb: gunicorn run_worker:application\n"
            },
            {},
            False,
            id="also-served",
        ),
        pytest.param(
            "run_worker.py",
            {"run.sh": "celery -A run_worker beat\nFLASK_APP=run_worker.py flask run\n"},
            {},
            False,
            id="also-run-by-flask",
        ),
        pytest.param(
            "run_worker.py",
            {"run.sh": "celery -A run_worker worker\n"},
            {"app_entry.py": "from run_worker import application\n"},
            False,
            id="imported-by-another-module",
        ),
        pytest.param(
            "run_worker.py",
            {"run.sh": "gunicorn wsgi:application\n"},
            {},
            False,
            id="named-by-no-celery-command",
        ),
    ],
)
def test_worker_entry(
    tmp_path: Path, worker_path: str, scripts: dict[str, str], extra: dict[str, str], worker: bool
) -> None:
    _write(
        tmp_path,
        {
            "shop/__init__.py": _FACTORY,
            "wsgi.py": _ENTRY.format(name="web"),
            worker_path: _ENTRY.format(name="worker"),
            **scripts,
            **extra,
        },
    )
    model = flask_model(tmp_path)
    entries = {app.location.path: app.worker_entry for app in model.apps}
    assert entries == {"wsgi.py": False, worker_path: worker}
    (web,) = (app for app in model.apps if app.location.path == "wsgi.py")
    (other,) = (app for app in model.apps if app.location.path == worker_path)
    assert not model.serves_nothing(web)
    assert model.serves_nothing(other) is worker


def test_worker_entry_alone_is_judged(tmp_path: Path) -> None:
    """With no other app that has views, the worker's may be the one served after all."""
    _write(
        tmp_path,
        {
            "shop/__init__.py": _FACTORY,
            "run_worker.py": _ENTRY.format(name="worker"),
            "run.sh": "celery -A run_worker worker\n",
        },
    )
    model = flask_model(tmp_path)
    (app,) = model.apps
    assert app.worker_entry
    assert not model.serves_nothing(app)
