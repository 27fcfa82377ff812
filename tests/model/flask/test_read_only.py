"""Project functions and methods a view calls that provably store nothing."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.model.flask.model_helpers import flask_model

_MODELS = """
from flask import current_app
from flask_sqlalchemy import SQLAlchemy
from itsdangerous import URLSafeTimedSerializer

db = SQLAlchemy()


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    token = db.Column(db.String(64))

    def signed_id(self):
        return URLSafeTimedSerializer(current_app.config["SECRET_KEY"]).dumps(self.id)

    def rotate_token(self):
        self.token = self.signed_id()
        db.session.commit()
        return self.token

    def shared_name(self):
        return self.id


class Team(db.Model):
    id = db.Column(db.Integer, primary_key=True)

    def shared_name(self):
        return self.id
"""

_VIEWS = """
from flask import Flask, g, jsonify
from flask_login import LoginManager, current_user

from cache import store

app = Flask(__name__)
login_manager = LoginManager(app)


@app.post("/x")
def view():
    return jsonify(value={call})
"""


@pytest.mark.parametrize(
    ("call", "read_only"),
    [
        pytest.param("current_user.signed_id()", True, id="current-user-signing-method"),
        pytest.param("g.current_user.signed_id()", True, id="g-held-user-signing-method"),
        pytest.param("current_user.rotate_token()", False, id="current-user-storing-method"),
        pytest.param("current_user.shared_name()", False, id="name-of-two-methods"),
        pytest.param("store.signed_id()", False, id="object-the-project-did-not-make"),
        pytest.param("g.db.signed_id()", False, id="g-member-not-the-user"),
    ],
)
def test_method_of_signed_in_user(tmp_path: Path, call: str, read_only: bool) -> None:
    (tmp_path / "models.py").write_text(textwrap.dedent(_MODELS), encoding="utf-8")
    (tmp_path / "cache.py").write_text("from redis import Redis\nstore = Redis()\n")
    (tmp_path / "app.py").write_text(_VIEWS.format(call=call), encoding="utf-8")
    (app,) = flask_model(tmp_path).apps
    (route,) = [r for r in app.routes if r.endpoint == "view"]
    assert app.writes_nothing(route) is read_only
