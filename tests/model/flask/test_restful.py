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


_OWN_API = """
    from flask import Blueprint
    from flask.views import MethodView


    class Service:
        def __init__(self, app):
            self.app = app
            self.blueprint = Blueprint("api", __name__, url_prefix="/api")

        def add_resource(self, resource, *urls):
            view = resource.as_view(resource.__name__)
            for url in urls:
                self.blueprint.add_url_rule(rule=url, view_func=view)

        def register(self):
            self.app.register_blueprint(self.blueprint)
"""


def test_own_api_adds_as_views_under_its_blueprint(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "svc/service.py": _OWN_API,
            "svc/app.py": """
                from flask import Flask
                from flask.views import MethodView

                from .service import Service

                app = Flask(__name__)
                api = Service(app)

                class Login(MethodView):
                    def post(self):
                        return {}

                api.add_resource(Login, "/auth/login")
                api.register()
            """,
        },
    )
    (app,) = flask_model(tmp_path).apps
    (route,) = [r for r in app.routes if r.endpoint != "static"]
    assert (route.rule, route.methods) == ("/api/auth/login", frozenset({"POST", "OPTIONS"}))
    assert not route.through_api  # NOTE: no API representation turns its return into JSON


def test_class_whose_add_resource_makes_no_view_adds_no_route(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Flask
                from flask.views import MethodView

                class Registry:
                    def __init__(self, app):
                        self.items = []

                    def add_resource(self, resource, *urls):
                        self.items.append((resource, urls))

                app = Flask(__name__)
                registry = Registry(app)

                class Login(MethodView):
                    def post(self):
                        return {}

                registry.add_resource(Login, "/auth/login")
            """
        },
    )
    assert _routes(tmp_path) == {}


def test_own_api_adding_to_the_app_keeps_the_rule(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Flask
                from flask.views import MethodView

                class Routes:
                    def __init__(self, app):
                        self.app = app

                    def add_resource(self, resource, url):
                        self.app.add_url_rule(url, view_func=resource.as_view(url))

                class Items(MethodView):
                    def get(self):
                        return {}

                app = Flask(__name__)
                routes = Routes(app)
                routes.add_resource(Items, "/items")
            """
        },
    )
    assert _routes(tmp_path) == {"/items": ("items", frozenset({"GET", "HEAD", "OPTIONS"}), [])}


def test_namespaces_added_in_a_loop(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Flask
                from flask_restx import Api, Namespace, Resource

                users = Namespace("users")
                teams = Namespace("teams", path="/squads")
                ADDED = (users, teams)

                @users.route("/me")
                class Me(Resource):
                    def get(self):
                        return {}

                @teams.route("/mine")
                class Mine(Resource):
                    def get(self):
                        return {}

                app = Flask(__name__)
                api = Api(app=app, prefix="/api")
                for ns in ADDED:
                    api.add_namespace(ns)
            """
        },
    )
    assert set(_routes(tmp_path)) == {"/api/users/me", "/api/squads/mine"}


def _parser_reads(root: Path) -> dict[str, frozenset[str]]:
    (app,) = flask_model(root).apps
    return {call: reads for call, reads in app.helper_reads.items() if "parse_args" in call}


def test_request_parser_reads(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "parsers.py": """
                from flask_restx import reqparse
                from flask_restx.reqparse import Argument

                body = reqparse.RequestParser()
                body.add_argument("name", location="json")
                body.add_argument("page", location="args")
                anywhere = reqparse.RequestParser()
                anywhere.add_argument("name")
                copied = body.copy()
                copied.replace_argument("name", location=("json", "form"))
                opaque = reqparse.RequestParser()
                opaque.add_argument(Argument("name", location="json"))
            """,
            "app.py": """
                from flask import Flask
                from flask_restx import Api, Resource

                from parsers import anywhere, body, copied, opaque

                app = Flask(__name__)
                api = Api(app)

                @api.route("/items")
                class Items(Resource):
                    def post(self):
                        body.parse_args()
                        anywhere.parse_args()
                        copied.parse_args()
                        opaque.parse_args()
                        return {}
            """,
        },
    )
    assert _parser_reads(tmp_path) == {
        "parsers.body.parse_args": frozenset({"json", "args"}),
        "parsers.anywhere.parse_args": frozenset({"json", "values"}),
        "parsers.copied.parse_args": frozenset({"json", "args", "form"}),
        "parsers.opaque.parse_args": frozenset({"data"}),
    }


def test_describing_decorators_and_bindings_wrap_no_handler(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Flask
                from flask_jwt_extended import jwt_required
                from flask_restx import Api, Namespace, Resource

                app = Flask(__name__)
                api = Api(app)
                ns = Namespace("notes")
                api.add_namespace(ns)
                audit = AuditLog()

                @ns.route("/<int:note_id>")
                class Note(Resource):
                    @staticmethod
                    @ns.expect(parser, validate=True)
                    @ns.response(204, "Updated")
                    @api.doc(security="apikey")
                    @ns.marshal_with(model)
                    @jwt_required()
                    def put(note_id):
                        return None, 204

                    @classmethod
                    @audit.response("deleted")
                    def delete(cls, note_id):
                        return None, 204
            """
        },
    )
    (app,) = flask_model(tmp_path).apps
    (route,) = [r for r in app.routes if r.endpoint == "note"]
    handlers = [[d.name for d in own] for own in route.handler_decorators]
    assert handlers == [["flask_jwt_extended.jwt_required"], ["app.audit.response"]]


def test_post_view_of_a_resource_leaves_out_its_other_handlers(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Flask, session
                from flask_jwt_extended import current_user, jwt_required
                from flask_restx import Api, Resource

                app = Flask(__name__)
                api = Api(app)

                @api.route("/account")
                class Account(Resource):
                    @login_audit
                    def post(self):
                        return self._created(), 201

                    def _created(self):
                        return session.get("invite")

                    @jwt_required()
                    def delete(self):
                        return current_user.delete()

                @api.route("/notes")
                class Notes(Resource):
                    def post(self):
                        return {}, 201
            """
        },
    )
    (app,) = flask_model(tmp_path).apps
    routes = {route.endpoint: route for route in app.routes}
    posted = routes["account"].post_view
    assert posted is not None
    assert [d.name for d in posted.decorators] == ["app.login_audit"]
    assert posted.body.uses_session
    assert not posted.body.reads_user
    assert routes["account"].body.reads_user
    assert routes["notes"].post_view is None


def test_namespace_urls_are_the_path_and_the_route_run_together(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Flask
                from flask_restx import Api, Namespace, Resource

                app = Flask(__name__)
                api = Api(app, prefix="/v1")
                auth = Namespace("auth")
                category = Namespace("category", path="/categor")
                api.add_namespace(auth)
                api.add_namespace(category)

                @auth.route("")
                class Login(Resource):
                    def post(self):
                        return {}

                @category.route("y")
                class NewCategory(Resource):
                    def post(self):
                        return {}

                @category.route("ies/<int:category_id>")
                class Categories(Resource):
                    def get(self, category_id):
                        return {}
            """
        },
    )
    assert set(_routes(tmp_path)) == {
        "/v1/auth",
        "/v1/category",
        "/v1/categories/<int:category_id>",
    }
