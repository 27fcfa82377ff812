"""Flask-RESTful / Flask-RESTX resources as routes of the app behind their `Api`."""

from __future__ import annotations

from pathlib import Path

from tests.model.flask.model_helpers import flask_model
from tests.model.flask.test_build import write


def _routes(root: Path) -> dict[str, tuple[str, frozenset[str], list[str]]]:
    (app,) = flask_model(root).apps
    return {
        route.rule or "": (route.endpoint, route.methods, [d.name for d in route.decorators])
        for route in app.routes
        if route.endpoint != "static"
    }


def test_api_given_later_with_prefix(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Flask
                from flask_restx import Api, Resource

                api = Api(prefix="/api")

                class Item(Resource):
                    decorators = [audit]

                    def put(self, item_id):
                        return {}

                api.add_resource(Item, "/items/<int:item_id>", "/item/<int:item_id>")
                app = Flask(__name__)
                api.init_app(app)
            """
        },
    )
    methods = frozenset({"PUT", "OPTIONS"})
    assert _routes(tmp_path) == {
        "/api/items/<int:item_id>": ("item", methods, ["app.audit"]),
        "/api/item/<int:item_id>": ("item", methods, ["app.audit"]),
    }


def test_resource_of_unknown_api_is_no_route(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Flask
                from flask_restful import Resource

                app = Flask(__name__)

                class Item(Resource):
                    def get(self):
                        return {}

                def register(api):
                    api.add_resource(Item, "/items")
            """
        },
    )
    assert _routes(tmp_path) == {}
