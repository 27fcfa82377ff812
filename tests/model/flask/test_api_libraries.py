"""Blueprints of flask-smorest and APIFlask, registered through their `Api` or the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.flask.model_helpers import flask_model

SMOREST = """\
from flask import Flask
from flask.views import MethodView
from flask_smorest import Api, Blueprint

app = Flask(__name__)
pets = Blueprint("pets", __name__, url_prefix="/pets")


@pets.route("/<int:pet_id>")
class Pet(MethodView):
    def get(self, pet_id):
        return {}

"""


@pytest.mark.parametrize(
    "binding",
    ["api = Api(app)\n", "api = Api()\napi.init_app(app)\n"],
    ids=["given", "init_app"],
)
def test_a_smorest_api_registers_its_blueprints_on_its_app(tmp_path: Path, binding: str) -> None:
    (tmp_path / "app.py").write_text(
        SMOREST + binding + "api.register_blueprint(pets)\n", encoding="utf-8"
    )
    (app,) = flask_model(tmp_path).apps
    assert [r.rule for r in app.routes if r.view == "app.Pet"] == ["/pets/<int:pet_id>"]


def test_an_apiflask_blueprint_is_a_blueprint(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(
        "from apiflask import APIBlueprint, APIFlask\n"
        "app = APIFlask(__name__)\n"
        "bp = APIBlueprint('items', __name__, url_prefix='/items')\n"
        "@bp.post('/')\n"
        "def create():\n"
        "    return {}\n"
        "app.register_blueprint(bp)\n",
        encoding="utf-8",
    )
    (app,) = flask_model(tmp_path).apps
    assert [(r.rule, r.endpoint) for r in app.routes if r.view == "app.create"] == [
        ("/items/", "items.create")
    ]
