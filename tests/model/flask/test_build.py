"""The Flask model on small projects: how apps, config and routes are linked."""

from __future__ import annotations

import ast
import pickle
import textwrap
from pathlib import Path

import pytest

from tests.helpers import audit
from tests.model.flask.model_helpers import flask_model, project_model
from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Confidence, Severity
from webwarden.model.flask.envfiles import parse_env
from webwarden.model.flask.extract import extract
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver

FIXTURES = Path(__file__).resolve().parents[2] / "rules" / "fixtures"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_reexported_app_and_default_config_class(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pkg/__init__.py": "from .factory import app\n",
            "pkg/settings.py": "class Config:\n    SECRET_KEY = 'abc'\n    DEBUG = False\n",
            "pkg/factory.py": """
                from flask import Flask
                from .settings import Config

                def create_app(config_class=Config):
                    app = Flask(__name__)
                    app.config.from_object(config_class)
                    app.config.setdefault("DEBUG", True)
                    app.config.setdefault("TESTING", True)
                    return app

                app = create_app()
            """,
            "pkg/views.py": """
                from pkg import app

                @app.route("/x", methods=["put"], endpoint="ex")
                def x():
                    return ""
            """,
        },
    )
    app = flask_model(tmp_path).apps[0]
    assert app.effective("SECRET_KEY").value == "abc"  # type: ignore[union-attr]
    assert app.effective("DEBUG").value is False  # type: ignore[union-attr]
    assert app.effective("TESTING").value is True  # type: ignore[union-attr]
    routes = {r.endpoint: r for r in app.routes}
    assert routes["ex"].methods == {"PUT", "OPTIONS"}
    assert routes["ex"].rule == "/x"


def test_a_key_set_only_when_missing_is_a_default_runtime_config_replaces(
    tmp_path: Path,
) -> None:
    # Lemur's `if "CORS_ORIGINS" not in app.config: app.config["CORS_ORIGINS"] = "*"`
    # after loading the operator's file: a default, as `setdefault` sets one.
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Flask

                app = Flask(__name__)
                app.config["DEBUG"] = False
                app.config.from_envvar("APP_CONF")
                if "CORS_ORIGINS" not in app.config:
                    app.config["CORS_ORIGINS"] = "*"
                if "DEBUG" not in app.config:
                    app.config["DEBUG"] = True
                if "TESTING" in app.config:
                    app.config["TESTING"] = False
            """,
        },
    )
    app = flask_model(tmp_path).apps[0]
    origins, debug, testing = (app.effective(k) for k in ("CORS_ORIGINS", "DEBUG", "TESTING"))
    assert origins is not None
    assert origins.value == "*"
    assert app.replaceable(origins)
    assert debug is not None
    assert debug.value is False  # set before: the default is not applied
    assert app.replaceable(debug)  # the file loaded after it may set it
    assert testing is not None
    assert not app.replaceable(testing)  # set whatever the file holds


def test_from_mapping_of_a_returned_dict_keeps_uppercase_keys(tmp_path: Path) -> None:
    # Flask's `from_mapping` sets only the UPPERCASE keys of what it is given, also of a
    # dict a project function returns; `update` sets every key.
    write(
        tmp_path,
        {
            "conf.py": """
                def load_config():
                    return {"DEBUG": True, "secret_key": "abc"}
            """,
            "app.py": """
                from flask import Flask
                from conf import load_config

                app = Flask(__name__)
                app.config.from_mapping(load_config())
            """,
        },
    )
    app = flask_model(tmp_path).apps[0]
    assert app.effective("DEBUG").value is True  # type: ignore[union-attr]
    assert app.effective("secret_key") is None


def test_a_helper_a_package_reexports_is_given_the_app(tmp_path: Path) -> None:
    # SimpleLogin's `from app.admin import init_admin`, defined in `app/admin/index.py`:
    # the extension it makes and the views it adds belong to the app it is called with,
    # not to every app of the project.
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/admin/__init__.py": "from app.admin.index import init_admin\n",
            "app/admin/index.py": """
                from flask_admin import Admin, BaseView, expose

                class PurgeView(BaseView):
                    @expose("/purge", methods=["POST"])
                    def purge(self):
                        return ""

                def init_admin(app):
                    admin = Admin(name="Site")
                    admin.init_app(app)
                    admin.add_view(PurgeView())
            """,
            "web.py": """
                from flask import Flask
                from app.admin import init_admin

                def create_web_app():
                    app = Flask(__name__)
                    init_admin(app)
                    return app
            """,
            "jobs.py": """
                from flask import Flask

                def create_light_app():
                    app = Flask(__name__)
                    return app
            """,
        },
    )
    apps = {app.location.path: app for app in flask_model(tmp_path).apps}
    assert [e.kind for e in apps["web.py"].extensions] == ["flask_admin.Admin"]
    assert "/admin/purgeview/purge" in {r.rule for r in apps["web.py"].routes}
    assert "/admin/purgeview/purge" not in {r.rule for r in apps["jobs.py"].routes}


def test_an_app_held_by_a_class_and_imported_from_beside(tmp_path: Path) -> None:
    # GeoHealthCheck's shape: `App.init()` stores the app in a class attribute that
    # `App.get_app()` returns, and the views module, run from its own folder, imports
    # `init` as the module beside it.
    write(
        tmp_path,
        {
            "monitor/__init__.py": "",
            "monitor/init.py": """
                from flask import Flask

                class App:
                    app_instance = None

                    @staticmethod
                    def init():
                        app = Flask(__name__)
                        App.app_instance = app

                    @classmethod
                    def make_other(cls):
                        other = Flask("other")
                        cls.other_instance = other

                    @staticmethod
                    def get_app():
                        return App.app_instance

                App.init()
            """,
            "monitor/views.py": """
                from flask import jsonify
                from init import App

                APP = App.get_app()

                @APP.route("/checks")
                def checks():
                    return jsonify([])
            """,
        },
    )
    apps = {app.ref: app for app in flask_model(tmp_path).apps}
    held = apps["monitor.init.App.init:app"]
    assert "/checks" in {r.rule for r in held.routes}
    assert "/checks" not in {r.rule for r in apps["monitor.init.App.make_other:other"].routes}


def test_an_app_a_singleton_factory_keeps_in_a_module_global(tmp_path: Path) -> None:
    # puppetboard's shape: `get_app()` makes the app once, keeps it in the module's `APP`
    # (declared `global`) and returns `APP`; each views module binds `app = get_app()`.
    write(
        tmp_path,
        {
            "board/__init__.py": "",
            "board/core.py": """
                from flask import Flask

                APP = None

                def get_app():
                    global APP
                    if APP is None:
                        app = Flask(__name__)
                        APP = app
                    return APP

                def make_scratch():
                    scratch = Flask("scratch")
                    kept = scratch
                    return None
            """,
            "board/views.py": """
                from flask import jsonify
                from board.core import get_app

                app = get_app()

                @app.route("/nodes")
                def nodes():
                    return jsonify([])
            """,
        },
    )
    apps = {app.ref: app for app in flask_model(tmp_path).apps}
    assert "/nodes" in {r.rule for r in apps["board.core.get_app:app"].routes}
    assert "/nodes" not in {r.rule for r in apps["board.core.make_scratch:scratch"].routes}


def test_a_name_two_packages_import_from_beside_is_left_alone(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "one/__init__.py": "",
            "one/init.py": "from flask import Flask\napp = Flask(__name__)\n",
            "one/views.py": "import flask\nfrom init import app\n\n@app.route('/one')\ndef one():\n    return ''\n",
            "two/__init__.py": "",
            "two/init.py": "from flask import Flask\napp = Flask(__name__)\n",
            "two/views.py": "import flask\nfrom init import app\n\n@app.route('/two')\ndef two():\n    return ''\n",
        },
    )
    rules = {r.rule for app in flask_model(tmp_path).apps for r in app.routes}
    assert not {"/one", "/two"} & rules


def test_a_library_named_like_a_package_beside_is_the_library(tmp_path: Path) -> None:
    # Indico's shape: `indico/web/flask/` beside `indico/web/app.py`, which imports the
    # real Flask: that package defines no `Flask`, so `flask` stays the library.
    write(
        tmp_path,
        {
            "portal/__init__.py": "",
            "portal/web/__init__.py": "",
            "portal/web/flask/__init__.py": "",
            "portal/web/flask/wrappers.py": """
                from flask import Flask

                class PortalFlask(Flask):
                    pass
            """,
            "portal/web/util.py": "from flask import request\n",
            "portal/web/app.py": """
                from flask import session
                from portal.web.flask.wrappers import PortalFlask

                def make_app():
                    app = PortalFlask("portal")
                    return app
            """,
        },
    )
    assert [a.ref for a in flask_model(tmp_path).apps] == ["portal.web.app.make_app:app"]


def test_config_files_modules_and_opaque_sources(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app.py": """
                import os
                from flask import Flask
                import defaults

                app = Flask(__name__)
                app.config.from_object(defaults)
                app.config.from_object("extra")
                app.config.from_file("config.json", load=__import__("json").load)
                app.config.from_file("config.toml", load=None)
                app.config.from_file("missing.json", load=None)
                app.config.from_pyfile(os.environ["SETTINGS_FILE"])
            """,
            "defaults.py": "MAX_CONTENT_LENGTH = 1024\nlower = 1\n",
            "extra.py": "PREFERRED_URL_SCHEME = 'https'\n",
            "config.json": '{"SESSION_COOKIE_SECURE": true, "ignored": 1}',
            "config.toml": 'SESSION_COOKIE_SAMESITE = "Strict"\n',
        },
    )
    app = flask_model(tmp_path).apps[0]
    assert app.effective("MAX_CONTENT_LENGTH").value == 1024  # type: ignore[union-attr]
    assert app.effective("lower") is None
    assert app.effective("PREFERRED_URL_SCHEME").value == "https"  # type: ignore[union-attr]
    assert app.effective("SESSION_COOKIE_SECURE").value is True  # type: ignore[union-attr]
    assert app.effective("SESSION_COOKIE_SAMESITE").value == "Strict"  # type: ignore[union-attr]
    assert app.opaque


def test_a_missing_config_module_has_the_modules_named_for_it_as_variants(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "site/__init__.py": """
                from flask import Flask

                app = Flask(__name__)
                app.config.from_object("site.config")
                app.config.from_object("site.settings")
            """,
            "site/config_dev.py": "DEBUG = True\n",
            "site/config_prod.py": "DEBUG = False\n",
            "site/config_prod/helpers.py": "X = 1\n",
            "site/config_example.py": "SECRET_KEY = 'change-me'\n",
            "site/settings.py": "TESTING = False\n",
            "site/settings_local.py": "TESTING = True\n",
        },
    )
    app = flask_model(tmp_path).apps[0]
    assert sorted(v.name for v in app.variants) == ["config_dev", "config_prod"]
    assert app.effective("TESTING").value is False  # type: ignore[union-attr]


def test_nested_blueprints_with_renamed_registration(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Blueprint, Flask

                app = Flask(__name__, static_folder=None)
                parent = Blueprint("parent", __name__, url_prefix="/p")
                child = Blueprint("child", __name__)

                @child.get("/c/<string(length=2):code>")
                def leaf(code):
                    return code

                parent.register_blueprint(child, url_prefix="/kids", name="kid")
                app.register_blueprint(parent)
            """
        },
    )
    app = flask_model(tmp_path).apps[0]
    (route,) = app.routes
    assert route.rule == "/p/kids/c/<string(length=2):code>"
    assert route.endpoint == "parent.kid.leaf"
    assert route.converters == (("code", "string"),)


def test_blueprints_made_by_factories(tmp_path: Path) -> None:
    # Blueprints a function makes and returns, registered on the app (a function that
    # sets the app's config does not make `app` one of its locals), or on a parent.
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Flask

                from views import construct_blueprint, construct_parent

                app = Flask(__name__, static_folder=None)

                def configure():
                    app.config["SECRET_KEY"] = load_key()
                    app.register_blueprint(construct_blueprint(store=None), url_prefix="/ui")
                    parent = construct_parent()
                    app.register_blueprint(parent)
            """,
            "views.py": """
                from flask import Blueprint

                def construct_blueprint(store):
                    bp = Blueprint("ui", __name__)

                    @bp.post("/test")
                    def test():
                        return "ok"

                    return bp

                def construct_parent():
                    parent = Blueprint("parent", __name__, url_prefix="/p")
                    child = construct_child()
                    parent.register_blueprint(child)
                    return parent

                def construct_child():
                    child = Blueprint("child", __name__)

                    @child.get("/c")
                    def leaf():
                        return "leaf"

                    return child
            """,
        },
    )
    app = flask_model(tmp_path).apps[0]
    assert sorted((r.rule, r.endpoint) for r in app.routes) == [
        ("/p/c", "parent.child.leaf"),
        ("/ui/test", "ui.test"),
    ]


def test_add_url_rule_views_carry_their_decorators(tmp_path: Path) -> None:
    # The decorators of the view function (defined in the module, in the factory making
    # the call, or in another module) after those wrapping it where it is routed,
    # outermost first; a call that is not one wrapping a view leaves the view unknown.
    write(
        tmp_path,
        {
            "views.py": """
                from flask import request
                from flask_login import login_required

                @login_required
                def edit(note_id):
                    return request.form["text"]

                def plain():
                    def nested():
                        return ""
                    return nested
            """,
            "app.py": """
                from functools import partial

                from flask import Flask
                from flask_limiter import Limiter
                from flask_login import login_required

                import views

                app = Flask(__name__, static_folder=None)
                limiter = Limiter(app)
                limited = limiter.limit("5/minute")(views.edit)

                def create_routes():
                    @login_required
                    def local():
                        return ""

                    app.add_url_rule("/local", view_func=local)

                app.add_url_rule("/edit", view_func=views.edit, methods=["POST"])
                app.add_url_rule("/limited", "limited", limited)
                app.add_url_rule("/wrapped", view_func=login_required(views.plain))
                app.add_url_rule("/partial", "partial", partial(views.plain, 1))
            """,
        },
    )
    routes = {r.endpoint: r for r in flask_model(tmp_path).apps[0].routes}
    decorators = {e: [(d.name, d.args) for d in r.decorators] for e, r in routes.items()}
    assert decorators == {
        "local": [("flask_login.login_required", ())],
        "edit": [("flask_login.login_required", ())],
        "limited": [("app.limiter.limit", ("5/minute",)), ("flask_login.login_required", ())],
        "plain": [("flask_login.login_required", ())],
        "partial": [],
    }
    assert routes["edit"].body.request_reads == {"form"}
    assert routes["partial"].view == ""


def test_a_module_only_routing_the_app_need_not_import_flask(tmp_path: Path) -> None:
    # A `configure_routes(app)` module adds the views of the project's own modules and
    # names nothing of Flask: its `add_url_rule` calls still route the app the factory
    # hands it; so do the `add_resource` calls of a module adding Flask-RESTful
    # resources to the `Api` it imports from the package.
    write(
        tmp_path,
        {
            "shop/__init__.py": """
                from flask import Flask
                from flask_restful import Api

                from shop import routes

                api = Api()

                def create_app():
                    app = Flask(__name__, static_folder=None)
                    routes.configure_routes(app)
                    api.init_app(app)
                    return app

                from shop import resources
            """,
            "shop/routes.py": """
                import shop.views as sv

                def configure_routes(app):
                    app.add_url_rule("/items/<item_id>", "item", view_func=sv.item)
            """,
            "shop/resources.py": """
                from shop import api
                from shop.items import ItemList

                api.add_resource(ItemList, "/api/items")
            """,
            "shop/views.py": """
                def item(item_id):
                    return item_id
            """,
            "shop/items.py": """
                from flask_restful import Resource

                class ItemList(Resource):
                    def get(self):
                        return []
            """,
        },
    )
    routes = {r.rule: r.view for r in flask_model(tmp_path).apps[0].routes}
    assert routes == {"/items/<item_id>": "shop.views.item", "/api/items": "shop.items.ItemList"}


def test_blueprints_registered_in_a_loop(tmp_path: Path) -> None:
    # Each member of a literal tuple or list the loop goes over, of a collection a name
    # holds, or of the collection a helper's parameter is given, is registered with the
    # call's prefix. A loop registering another name, a loop unpacking pairs, and a
    # parameter no caller gives a collection register nothing of the loop.
    names = ("a", "b", "c", "d", "e", "f", "admin")
    views = "".join(
        f"{n} = Blueprint({n!r}, __name__)\n@{n}.get('/x')\ndef {n}_x():\n    return ''\n"
        for n in names
    )
    write(
        tmp_path,
        {
            "blueprints.py": "from flask import Blueprint\n" + views,
            "app.py": """
                from flask import Flask

                from blueprints import a, admin, b, c, d, e, f

                MORE = [c]
                PAIRS = [(d, "/d")]

                def create_app():
                    app = Flask(__name__, static_folder=None)
                    for blueprint in (a, b):
                        app.register_blueprint(blueprint, url_prefix="/v1")
                    for blueprint in MORE + [e]:
                        app.register_blueprint(blueprint)
                    for blueprint in PAIRS:
                        app.register_blueprint(admin, url_prefix="/admin")
                    for blueprint, prefix in PAIRS:
                        app.register_blueprint(blueprint, url_prefix=prefix)
                    register_all(app, (f,))
                    register_all(app, unknown())
                    return app

                def register_all(app, blueprints):
                    for blueprint in blueprints:
                        app.register_blueprint(blueprint, url_prefix="/all")
            """,
        },
    )
    app = flask_model(tmp_path).apps[0]
    assert sorted((r.rule, r.endpoint) for r in app.routes) == [
        ("/admin/x", "admin.admin_x"),
        ("/all/x", "f.f_x"),
        ("/v1/x", "a.a_x"),
        ("/v1/x", "b.b_x"),
        ("/x", "c.c_x"),
        ("/x", "e.e_x"),
    ]


def test_facts_pickle_and_unrelated_modules_cost_nothing() -> None:
    source = "from flask import Flask\napp = Flask(__name__)\napp.config['DEBUG'] = x\n"
    tree = ast.parse(source)
    ctx = FileContext("app.py", "app", tuple(source.splitlines()), tree, NameResolver(tree, "app"))
    facts = extract(ctx)
    assert facts is not None
    restored = pickle.loads(pickle.dumps(facts))  # noqa: S301 - our own data
    assert restored == facts
    assert restored.config_ops[0].settings[0].value is UNKNOWN
    plain = ast.parse("import os\nprint(os.getcwd())\n")
    other = FileContext("tool.py", "tool", (), plain, NameResolver(plain, "tool"))
    assert extract(other) is None


def test_projects_without_flask_have_no_model(tmp_path: Path) -> None:
    write(tmp_path, {"tool.py": "print('hi')\n"})
    assert project_model(tmp_path).flask is None


def test_env_file_parsing() -> None:
    text = "# comment\nexport A=1\nB='two words' # kept\nC=three # dropped\nD=\"x\nbad line\n"
    assert parse_env(text) == {
        "A": ("1", 2),
        "B": ("two words", 3),
        "C": ("three", 4),
        "D": ("x", 5),
    }


def test_development_configs_are_reported_at_low_severity() -> None:
    fixture = FIXTURES / "WW220" / "vulnerable_config_classes"
    findings = {
        (f.location.path, f.location.line): f for f in audit([fixture], fixture, select=["WW220"])
    }
    development = findings[("config.py", 6)]
    assert development.severity is Severity.LOW
    assert development.context == "development config `DevelopmentConfig`"
    staging = findings[("config.py", 20)]
    assert staging.severity is Severity.HIGH
    assert staging.context == ""


def test_config_instances_keyed_by_imported_constants_are_variants() -> None:
    fixture = FIXTURES / "WW1176" / "vulnerable_instance_configs_project"
    app = flask_model(fixture).apps[0]
    variants = {v.name: v for v in app.variants}
    assert variants["DevelopmentConfig"].keys == ("ENV_DEVELOPMENT",)
    assert variants["DevelopmentConfig"].is_development
    assert not variants["ProductionConfig"].is_development
    # `super().__init__()` runs the base's `__init__`: its keys are inherited.
    production = app.effective("PREFERRED_URL_SCHEME", variants["ProductionConfig"])
    assert production is not None
    assert production.value == "https"
    assert app.effective("MAX_CONTENT_LENGTH", variants["ProductionConfig"]) is None
    assert app.opaque  # NOTE: an instance may be given attributes elsewhere


def test_a_testing_config_a_caller_hands_in_is_a_development_variant() -> None:
    fixture = FIXTURES / "WW220" / "vulnerable_config_handed_in"
    findings = audit([fixture], fixture, select=["WW220", "WW820"])
    by_code = {f.code: f for f in findings}
    assert by_code["WW220"].severity is Severity.LOW
    assert by_code["WW220"].context == "development config `TestConfig`"
    # NOTE: the deployed app loads another config, which sets no cookie flag either.
    assert by_code["WW820"].context == ""
    assert by_code["WW820"].severity is Severity.MEDIUM


def test_missing_settings_are_less_certain_when_config_is_opaque(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Flask, session
                app = Flask(__name__)
                app.config.from_envvar("APP_SETTINGS")

                @app.get("/")
                def index():
                    return session.get("u", "")
            """
        },
    )
    (finding,) = audit([tmp_path], tmp_path, select=["WW820"])
    assert finding.confidence is Confidence.LOW


def test_configs_derived_from_development_ones_are_development_ones(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app.py": (
                "import os\nfrom flask import Flask\nfrom config import config\n"
                "app = Flask(__name__)\n"
                "app.config.from_object(config[os.getenv('APP_CONFIG', 'production')])\n"
            ),
            "config.py": (
                "import os\n"
                "class Config:\n    SECRET_KEY = os.environ['SECRET_KEY']\n"
                "class TestingConfig(Config):\n    SECRET_KEY = 'testing-only-key-0123456789'\n"
                "class AltUIConfig(TestingConfig):\n    UI = 'alt'\n"
                "class DevelopmentConfig(Config):\n    SECRET_KEY = 'kq3Zt8vW2pLx9cR4mN7bY1sD6fG0'\n"
                "class ProductionConfig(DevelopmentConfig):\n    DEBUG = False\n"
                "config = {'production': ProductionConfig, 'testing': TestingConfig,\n"
                "          'altui': AltUIConfig, 'development': DevelopmentConfig}\n"
            ),
        },
    )
    findings = {f.location.line: f for f in audit([tmp_path], tmp_path, select=["WW220"])}
    # A UI variant of the testing config is a testing config too.
    assert findings[5].severity is Severity.LOW
    # Production derived from development ships development's key: full severity.
    assert findings[9].severity is Severity.HIGH


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        pytest.param("Session(app)", "Flask-Session", id="flask-session"),
        pytest.param("KVSessionExtension(store, app)", "Flask-KVSession", id="kvsession"),
        pytest.param(
            "app.session_interface = RedisSessionInterface()", "Flask-Session", id="fs-class"
        ),
        pytest.param(
            "app.session_interface = OwnStore()",
            "its own session interface `OwnStore`",
            id="own-interface",
        ),
        pytest.param("app.session_interface = Prefixed()", "", id="cookie-subclass"),
        pytest.param("app.session_interface = make_interface()", "", id="unseen-factory"),
        pytest.param("", "", id="flask-default"),
    ],
)
def test_server_side_sessions(tmp_path: Path, setup: str, expected: str) -> None:
    write(
        tmp_path,
        {
            "app.py": f"""
                from flask import Flask
                from flask.sessions import SecureCookieSessionInterface, SessionInterface
                from flask_kvsession import KVSessionExtension
                from flask_session import Session
                from flask_session.redis import RedisSessionInterface
                from helpers import make_interface, store

                class OwnStore(SessionInterface):
                    pass

                class Prefixed(SecureCookieSessionInterface):
                    pass

                app = Flask(__name__)
                {setup}
            """,
        },
    )
    (app,) = flask_model(tmp_path).apps
    assert app.server_sessions == expected


def test_session_interface_given_by_a_project_extension(tmp_path: Path) -> None:
    # SecureDrop's: `Session(app, config)` hands the app to `init_app`, which gives it a
    # session interface of the project's own (Flask's extension convention).
    write(
        tmp_path,
        {
            "sessions.py": """
                from flask.sessions import SessionInterface

                class ServerSessions(SessionInterface):
                    pass

                class Session:
                    def __init__(self, app=None, config=None):
                        if app is not None:
                            self.init_app(app, config)

                    def init_app(self, app, config):
                        app.session_interface = ServerSessions()
            """,
            "app.py": """
                from flask import Flask

                from sessions import Session

                def create_app(config):
                    app = Flask(__name__)
                    Session(app, config)
                    return app
            """,
        },
    )
    (app,) = flask_model(tmp_path).apps
    assert app.session_interface is not None
    assert app.server_sessions == "its own session interface `ServerSessions`"


@pytest.mark.parametrize(
    "wiring",
    [
        pytest.param("manager = ConfigManager()\n\ndef create_app():", id="module-instance"),
        pytest.param(
            "def create_app():\n    config = ConfigManager()\n    return build(config)\n\n"
            "def build(manager):",
            id="instance-given-to-a-factory",
        ),
    ],
)
def test_an_instance_method_is_given_the_app(tmp_path: Path, wiring: str) -> None:
    # Mailu's: `config.init_app(app)` on a project object made of `ConfigManager()`,
    # whose method copies the settings it computed onto `app.config`.
    write(
        tmp_path,
        {
            "manager.py": """
                class ConfigManager:
                    def __init__(self):
                        self.config = {}

                    def init_app(self, app):
                        self.config["SESSION_COOKIE_SECURE"] = True
                        app.config.update(self.config)
            """,
            "site.py": "from flask import Flask\n\nfrom manager import ConfigManager\n\n"
            + wiring
            + "\n    app = Flask(__name__)\n    manager.init_app(app)\n    return app\n",
        },
    )
    (app,) = flask_model(tmp_path).apps
    assert app.effective("SESSION_COOKIE_SECURE").value is True  # type: ignore[union-attr]


def test_config_copied_from_an_unknown_holder_is_opaque(tmp_path: Path) -> None:
    # `app.config.update(settings.config)` copies keys webwarden cannot list.
    write(
        tmp_path,
        {
            "site.py": """
                from flask import Flask, session

                import settings

                app = Flask(__name__)
                app.config.update(settings.config)

                @app.get("/")
                def index():
                    return session.get("u", "")
            """
        },
    )
    (finding,) = audit([tmp_path], tmp_path, select=["WW820"])
    assert finding.confidence is Confidence.LOW


def test_blueprints_registered_from_a_table(tmp_path: Path) -> None:
    # A loop over rows of dicts registers each row's blueprint under its own prefix, read
    # from the items the call names; a row without the named item registers nothing.
    names = ("a", "b", "c")
    views = "".join(
        f"{n} = Blueprint({n!r}, __name__)\n@{n}.get('/x')\ndef {n}_x():\n    return ''\n"
        for n in names
    )
    write(
        tmp_path,
        {
            "blueprints.py": "from flask import Blueprint\n" + views,
            "app.py": """
                from flask import Flask

                def create_app():
                    app = Flask(__name__, static_folder=None)
                    from blueprints import a, b, c
                    rows = [
                        {"handler": a, "url_prefix": "/a"},
                        {"handler": b, "url_prefix": None},
                        {"other": c, "url_prefix": "/c"},
                    ]
                    for bp in rows:
                        app.register_blueprint(bp["handler"], url_prefix=bp["url_prefix"])
                    return app
            """,
        },
    )
    app = flask_model(tmp_path).apps[0]
    assert sorted((r.rule, r.endpoint) for r in app.routes) == [
        ("/a/x", "a.a_x"),
        ("/x", "b.b_x"),
    ]


@pytest.mark.parametrize(
    "chosen",
    [
        pytest.param("f\"config.{os.environ.get('APP_SETTINGS', 'Config')}\"", id="f-string"),
        pytest.param("'config.{}'.format(os.environ['APP_SETTINGS'])", id="format"),
        pytest.param("'config.%s' % os.environ['APP_SETTINGS']", id="percent"),
    ],
)
def test_a_config_class_named_at_run_time_is_any_class_of_its_module(
    tmp_path: Path, chosen: str
) -> None:
    write(
        tmp_path,
        {
            "app.py": (
                "import os\nfrom flask import Flask\n"
                f"app = Flask(__name__)\napp.config.from_object({chosen})\n"
            ),
            "config.py": (
                "import os\n"
                "class Config:\n    SECRET_KEY = os.environ['SECRET_KEY']\n"
                "class DevelopmentConfig(Config):\n"
                "    MAIL_PASSWORD = os.getenv('MAIL_PASSWORD', 'dev-mail-Pa55')\n"
                "class TestingConfig(DevelopmentConfig):\n    TESTING = True\n"
            ),
        },
    )
    (app,) = flask_model(tmp_path).apps
    assert [(v.name, v.is_development) for v in app.variants] == [
        ("Config", False),
        ("DevelopmentConfig", True),
        ("TestingConfig", True),
    ]
    # A developer's default, in a class only development and tests load.
    (finding,) = audit([tmp_path], tmp_path, select=["WW242"])
    assert finding.severity is Severity.LOW


@pytest.mark.parametrize(
    "spelled",
    [
        'f"apps.{name}.routes"',
        '"apps.{}.routes".format(name)',
        '"apps.%s.routes" % name',
        '"apps." + name + ".routes"',
    ],
)
def test_blueprints_of_modules_imported_by_name_in_a_loop(tmp_path: Path, spelled: str) -> None:
    # AppSeed's Flask dashboards: `import_module('apps.{}.routes'.format(module_name))`.
    routes = """
        from flask import Blueprint
        blueprint = Blueprint("{name}_blueprint", __name__)

        @blueprint.route("/{name}")
        def index():
            return "{name}"
    """
    write(
        tmp_path,
        {
            "apps/__init__.py": f"""
                from importlib import import_module
                from flask import Flask

                def create_app():
                    app = Flask(__name__)
                    for name in ("authentication", "home"):
                        module = import_module({spelled})
                        app.register_blueprint(module.blueprint)
                    return app
            """,
            "apps/authentication/__init__.py": "",
            "apps/authentication/routes.py": routes.replace("{name}", "authentication"),
            "apps/home/__init__.py": "",
            "apps/home/routes.py": routes.replace("{name}", "home"),
        },
    )
    rules = {r.rule for r in flask_model(tmp_path).apps[0].routes}
    assert {"/authentication", "/home"} <= rules


def test_blueprints_of_modules_a_configured_name_imports(tmp_path: Path) -> None:
    # NOTE: the names come from the deployment's configuration: every module the pattern
    # may name is a candidate (`auth.*.views`), not a module of another depth or folder.
    views = """
        from flask import Blueprint
        auth = Blueprint("{name}", __name__)

        @auth.route("/{name}-login")
        def login():
            return "{name}"
    """
    write(
        tmp_path,
        {
            "server.py": """
                from importlib import import_module
                from flask import Flask
                from settings import config

                app = Flask(__name__)
                for kind in config.auth.split(" "):
                    module = import_module("auth.{}.views".format(kind))
                    app.register_blueprint(module.auth)
            """,
            "settings.py": "import os\nconfig = os.environ\n",
            "auth/__init__.py": "",
            "auth/ldap/__init__.py": "",
            "auth/ldap/views.py": views.replace("{name}", "ldap"),
            "auth/oidc/__init__.py": "",
            "auth/oidc/views.py": views.replace("{name}", "oidc"),
            "auth/legacy/__init__.py": "",
            "auth/legacy/old/__init__.py": "",
            "auth/legacy/old/views.py": views.replace("{name}", "legacy"),
            "other/__init__.py": "",
            "other/views.py": views.replace("{name}", "other"),
        },
    )
    rules = {r.rule for r in flask_model(tmp_path).apps[0].routes}
    assert rules == {"/ldap-login", "/oidc-login", "/static/<path:filename>"}


@pytest.mark.parametrize(
    "registered",
    [
        pytest.param("module.create_blueprint()", id="factory-of-each-module"),
        pytest.param("module.bp", id="attribute-of-each-module"),
    ],
)
def test_blueprints_each_module_of_a_loop_makes(tmp_path: Path, registered: str) -> None:
    module = """
        from flask import Blueprint
        bp = Blueprint("{name}", __name__, url_prefix="/{name}")

        def create_blueprint():
            made = Blueprint("{name}", __name__, url_prefix="/{name}")

            @made.post("/delete")
            def delete():
                return "deleted"

            return made

        @bp.post("/delete")
        def delete():
            return "deleted"
    """
    write(
        tmp_path,
        {
            "shop/__init__.py": f"""
                from flask import Flask
                from shop import admin, orders

                def create_app():
                    app = Flask(__name__)
                    for module in [admin, orders]:
                        app.register_blueprint({registered})
                    return app
            """,
            "shop/admin.py": module.replace("{name}", "admin"),
            "shop/orders.py": module.replace("{name}", "orders"),
        },
    )
    rules = {r.rule for r in flask_model(tmp_path).apps[0].routes}
    assert {"/admin/delete", "/orders/delete"} <= rules


@pytest.mark.parametrize(
    ("spread", "force_https", "same_site"),
    [
        pytest.param("Config.TALISMAN", False, "Strict", id="config-class-attribute"),
        pytest.param("settings.TALISMAN", True, "Lax", id="module-constant"),
        pytest.param("Config.MISSING", UNKNOWN, UNKNOWN, id="not-defined-there"),
    ],
)
def test_talisman_options_spread_from_an_imported_dict(
    tmp_path: Path, spread: str, force_https: object, same_site: object
) -> None:
    write(
        tmp_path,
        {
            "settings.py": """
                TALISMAN = {"force_https": True}

                class Base:
                    SAME_SITE = "Strict"
                    TALISMAN = {"force_https": False, "session_cookie_samesite": SAME_SITE}

                class Config(Base):
                    DEBUG = False
            """,
            "app.py": f"""
                from flask import Flask
                from flask_talisman import Talisman

                import settings
                from settings import Config

                def create_app():
                    app = Flask(__name__)
                    app.config.from_object(Config)
                    Talisman(app, **{spread})
                    return app
            """,
        },
    )
    app = flask_model(tmp_path).apps[0]
    (talisman,) = app.extension("flask_talisman.Talisman")
    assert talisman.option("force_https", True) == force_https
    (judged,) = app.judge("SESSION_COOKIE_SAMESITE")
    assert (judged.setting.value if judged.setting else None) == same_site


def test_blueprints_of_a_namespace_folder_the_app_imports_through(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Flask

                def create_app():
                    app = Flask(__name__)
                    from frontend.notes.routes import notes_bp
                    app.register_blueprint(notes_bp)
                    return app
            """,
            "frontend/notes/__init__.py": "",
            "frontend/notes/routes.py": """
                from flask import Blueprint

                notes_bp = Blueprint("notes", __name__, url_prefix="/notes")

                @notes_bp.route("/<int:note_id>")
                def show(note_id):
                    return str(note_id)
            """,
        },
    )
    app = flask_model(tmp_path).apps[0]
    assert [r.rule for r in app.routes if r.endpoint != "static"] == ["/notes/<int:note_id>"]


@pytest.mark.parametrize(
    ("choice", "variants"),
    [
        pytest.param(
            """
            match os.environ.get("APP_ENV"):
                case "dev" | "local":
                    from config.dev import DevConfig as Config
                case _:
                    from config.prod import ProdConfig as Config
            """,
            {"DevConfig": ("dev", "local"), "ProdConfig": ("default",)},
            id="match",
        ),
        pytest.param(
            """
            if os.environ.get("APP_ENV") == "dev":
                from .dev import DevConfig as Config
            elif os.environ.get("APP_ENV") in ("prod", "live"):
                from .prod import ProdConfig as Config
            """,
            {"DevConfig": ("dev",), "ProdConfig": ("prod", "live")},
            id="if-elif-relative",
        ),
        pytest.param(
            """
            try:
                from config.dev import DevConfig as Config
            except ImportError:
                from config.prod import ProdConfig as Config
            """,
            {"DevConfig": ("DevConfig",), "ProdConfig": ("ProdConfig",)},
            id="try-except",
        ),
    ],
)
def test_a_config_name_conditional_imports_bind_loads_each_class(
    tmp_path: Path, choice: str, variants: dict[str, tuple[str, ...]]
) -> None:
    write(
        tmp_path,
        {
            "config/__init__.py": "import os\n" + textwrap.dedent(choice),
            "config/base.py": "class Base:\n    SESSION_COOKIE_SAMESITE = 'Lax'\n",
            "config/dev.py": (
                "from config.base import Base\n\nclass DevConfig(Base):\n    SECRET_KEY = 'dev'\n"
            ),
            "config/prod.py": (
                "import os\nfrom config.base import Base\n\n"
                "class ProdConfig(Base):\n    SECRET_KEY = os.environ['SECRET_KEY']\n"
            ),
            "app.py": """
                from flask import Flask

                app = Flask(__name__)
                app.config.from_object("config.Config")
            """,
        },
    )
    app = flask_model(tmp_path).apps[0]
    assert {v.name: v.keys for v in app.variants} == variants
    # NOTE: each class's base, in a module nothing else loads, is read too.
    assert {str(j.setting.value) for j in app.judge("SESSION_COOKIE_SAMESITE") if j.setting} == {
        "Lax"
    }
    (dev,) = [j for j in app.judge("SECRET_KEY") if j.setting and j.setting.value == "dev"]
    assert [v.name for v in dev.variants] == ["DevConfig"]


def test_a_hook_reading_the_token_through_a_helper_guards_its_blueprint(tmp_path: Path) -> None:
    # The hook refuses with 401/403 and reads the header only through a helper of its
    # module (and that helper's own helper): its blueprint's views are guarded. A hook
    # refusing by a helper that reads no header (a maintenance switch) guards none.
    write(
        tmp_path,
        {
            "auth.py": """
                from flask import abort, request

                def check_token():
                    if not valid(supplied()):
                        abort(403)

                def check_open():
                    if closed():
                        abort(403)

                def supplied():
                    return header_value("Authorization")

                def header_value(name):
                    return request.headers.get(name)

                def valid(token):
                    return token == "x"

                def closed():
                    return False
            """,
            "app.py": """
                from flask import Blueprint, Flask

                from auth import check_open, check_token

                api = Blueprint("api", __name__)
                api.before_request(check_token)
                shop = Blueprint("shop", __name__)
                shop.before_request(check_open)

                @api.post("/a")
                def a():
                    return ""

                @shop.post("/b")
                def b():
                    return ""

                app = Flask(__name__, static_folder=None)
                app.register_blueprint(api)
                app.register_blueprint(shop)
            """,
        },
    )
    app = flask_model(tmp_path).apps[0]
    guarded = {r.endpoint: app.protected_by_login(r) for r in app.routes}
    assert guarded == {"api.a": True, "shop.b": False}
    assert app.helper_reads["auth.supplied"] == frozenset({"headers"})


def test_a_hook_whose_helper_raises_an_unauthorised_error_guards_its_blueprint(
    tmp_path: Path,
) -> None:
    # The hook only calls the project's check, which reads the bearer token and raises an
    # exception of the project given 401 (the app's error handler answers with it): the
    # blueprint's views are guarded by a header credential. A hook whose helper reads the
    # header but raises nothing (it only records the caller) guards none.
    write(
        tmp_path,
        {
            "auth.py": """
                from flask import g, request

                class AuthError(Exception):
                    def __init__(self, message, code):
                        self.message = message
                        self.code = code

                def requires_admin():
                    requires_client("admin")

                def requires_client(client_id):
                    token = bearer()
                    if token != client_id:
                        raise AuthError("not allowed", code=403)

                def bearer():
                    header = request.headers.get("Authorization")
                    if not header:
                        raise AuthError("token missing", 401)
                    return header[7:]

                def remember_caller():
                    g.caller = request.headers.get("Authorization")
            """,
            "app.py": """
                from flask import Blueprint, Flask

                from auth import remember_caller, requires_admin

                admin = Blueprint("admin", __name__)
                admin.before_request(requires_admin)
                public = Blueprint("public", __name__)
                public.before_request(remember_caller)

                @admin.get("/a")
                def a():
                    return ""

                @public.get("/b")
                def b():
                    return ""

                app = Flask(__name__, static_folder=None)
                app.register_blueprint(admin)
                app.register_blueprint(public)
            """,
        },
    )
    app = flask_model(tmp_path).apps[0]
    by_header = {r.endpoint: app.header_hook_guarded(r) for r in app.routes}
    assert by_header == {"admin.a": True, "public.b": False}
    assert {r.endpoint: app.protected_by_login(r) for r in app.routes} == by_header
    assert app.helper_denials == frozenset({"auth.requires_client"})


def test_a_view_returning_a_checked_view_is_protected_by_it(tmp_path: Path) -> None:
    # The view's one statement (a docstring aside) returns the call of another view: the
    # module binds that name to the decorated function, whose check runs first.
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Flask
                from flask_login import login_required

                app = Flask(__name__)

                @app.patch("/items/<name>")
                @login_required
                def update(name):
                    return name

                @app.post("/items/<name>")
                def update_post(name):
                    \"\"\"For clients that cannot send PATCH.\"\"\"
                    return update(name)

                @app.post("/items/<name>/copy")
                def copy(name):
                    copied = update(name)
                    return copied

                @app.post("/items/<name>/self")
                def itself(name):
                    return itself(name)
            """,
        },
    )
    app = flask_model(tmp_path).apps[0]
    routes = {r.endpoint: r for r in app.routes}
    assert routes["update_post"].body.delegates_to == "app.update"
    assert routes["copy"].body.delegates_to == ""
    protected = {e for e, r in routes.items() if app.protected_by_login(r)}
    assert protected == {"update", "update_post"}


@pytest.mark.parametrize(
    ("raised", "denies"),
    [
        pytest.param("Forbidden403('no')", True, id="named-for-403"),
        pytest.param("Unauthorised401('no')", True, id="named-for-401"),
        pytest.param("NotFound404('no')", False, id="named-for-404"),
        pytest.param("ApiError('no', 403)", True, id="given-the-status"),
    ],
)
def test_a_raised_exception_named_for_a_refusal_denies(
    tmp_path: Path, raised: str, denies: bool
) -> None:
    write(
        tmp_path,
        {
            "app.py": f"""
                from flask import Flask

                from errors import ApiError, Forbidden403, NotFound404, Unauthorised401

                app = Flask(__name__)

                @app.post("/items")
                def create():
                    raise {raised}
            """,
        },
    )
    routes = {r.endpoint: r for r in flask_model(tmp_path).apps[0].routes}
    assert routes["create"].body.denies is denies


def test_a_view_calling_the_projects_guard_decorator_is_protected(tmp_path: Path) -> None:
    # `@authorize` guards one view; another calls it once it knows the resources asked.
    write(
        tmp_path,
        {
            "svc/__init__.py": "",
            "svc/auth.py": """
                from functools import wraps
                from flask import abort, request

                def authorize(*args):
                    if len(args) == 1:
                        @wraps(args[0])
                        def check(*a, **kw):
                            if not request.authorization:
                                abort(401)
                            return args[0](*a, **kw)
                        return check
                    if not request.authorization:
                        abort(401)

                def whoami():
                    return request.authorization
            """,
            "svc/app.py": """
                from flask import Flask, request
                from svc import auth

                app = Flask(__name__)

                @app.put("/a")
                @auth.authorize
                def put_a():
                    return "ok"

                @app.post("/b")
                def post_b():
                    auth.authorize("create", request.json["resources"])
                    return "ok"

                @app.post("/c")
                def post_c():
                    auth.whoami()
                    return "ok"
            """,
        },
    )
    app = flask_model(tmp_path).apps[0]
    assert app.called_guards == frozenset({"svc.auth.authorize"})
    protected = {r.endpoint: app.protected_by_login(r) for r in app.routes if r.state_changing}
    assert protected == {"put_a": True, "post_b": True, "post_c": False}


def test_config_module_settings_in_the_arms_a_deployment_takes(tmp_path: Path) -> None:
    # `if not LOCALHOST:` may hold where the app is deployed: its value counts. `if not
    # PRODUCTION:` and `if DEBUG:` hold only on a developer's machine: theirs do not. Two
    # arms a deployment may take setting different values leave the choice to it.
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Flask
                app = Flask(__name__)
                app.config.from_object("settings")
            """,
            "settings.py": """
                import os
                PRODUCTION = os.environ.get("PRODUCTION")
                LOCALHOST = not PRODUCTION
                DEBUG = False
                if not PRODUCTION:
                    DEBUG = True
                if not LOCALHOST:
                    SESSION_COOKIE_SECURE = True
                else:
                    PREFERRED_URL_SCHEME = "http"
                if DEBUG:
                    SESSION_COOKIE_HTTPONLY = False
                if os.environ.get("HTTPS"):
                    SESSION_COOKIE_SAMESITE = "Strict"
                else:
                    SESSION_COOKIE_SAMESITE = None
            """,
        },
    )
    (app,) = flask_model(tmp_path).apps
    values = {key: s.value for key, s in app.layers[0].settings.items() if key.isupper()}
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["PREFERRED_URL_SCHEME"] == "http"
    assert "SESSION_COOKIE_HTTPONLY" not in values
    assert values["SESSION_COOKIE_SAMESITE"] is UNKNOWN, "the deployment chooses"


def test_a_command_line_script_app_serves_nothing(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "rehash.py": (
                "import sys\nfrom flask import Flask\n"
                "app = Flask(__name__)\napp.config['DB'] = sys.argv[1]\n"
            ),
            "serve.py": (
                "import sys\nfrom flask import Flask\napp = Flask(__name__)\n"
                "app.run(port=int(sys.argv[1]))\n"
            ),
        },
    )
    model = flask_model(tmp_path)
    served = {app.location.path: model.serves_nothing(app) for app in model.apps}
    assert served == {"rehash.py": True, "serve.py": False}


def test_an_app_whose_wsgi_app_a_dispatcher_replaces(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/app.py": """
                from flask import Flask

                def create_app():
                    app = Flask(__name__)

                    @app.get("/")
                    def index():
                        return "cves"

                    return app
            """,
            "site/wsgi.py": """
                from flask import Flask
                from werkzeug.middleware.dispatcher import DispatcherMiddleware

                from site.app import create_app

                app = Flask(__name__)
                app.wsgi_app = DispatcherMiddleware(Flask("frame"), {"/cves": create_app()})
                app.run()
            """,
        },
    )
    model = flask_model(root)
    frame = next(app for app in model.apps if app.location.path == "site/wsgi.py")
    served = next(app for app in model.apps if app.location.path == "site/app.py")
    assert frame.dispatched
    assert model.serves_nothing(frame)
    assert not served.dispatched
    assert not model.serves_nothing(served)


@pytest.mark.parametrize(
    ("given", "falsy"),
    [
        pytest.param("lambda: None", True, id="lambda-none"),
        pytest.param("lambda: False", True, id="lambda-false"),
        pytest.param("Guest", False, id="class"),
        pytest.param("lambda: Guest()", False, id="lambda-instance"),
    ],
)
def test_an_anonymous_user_returning_none_is_false(tmp_path: Path, given: str, falsy: bool) -> None:
    write(
        tmp_path,
        {
            "app.py": f"""
                from flask import Flask
                from flask_login import AnonymousUserMixin, LoginManager

                class Guest(AnonymousUserMixin):
                    pass

                app = Flask(__name__)
                login_manager = LoginManager(app)
                login_manager.anonymous_user = {given}
            """
        },
    )
    assert flask_model(tmp_path).apps[0].falsy_anonymous is falsy


@pytest.mark.parametrize(
    ("base", "reads"),
    [
        pytest.param(
            "from flask import session\n\ndef who():\n    return session.get('id')\n",
            True,
            id="session",
        ),
        pytest.param(
            "from flask import request\n\ndef who():\n    return request.args.get('t')\n",
            False,
            id="token",
        ),
    ],
)
def test_a_socket_namespace_module_using_the_session(
    tmp_path: Path, base: str, reads: bool
) -> None:
    write(
        tmp_path,
        {
            "live/__init__.py": "",
            "live/base.py": base
            + "\nfrom flask_socketio import Namespace\n\nclass Base(Namespace):\n    pass\n",
            "live/feed.py": textwrap.dedent(
                """
                from flask_socketio import emit
                from live.base import Base

                class Feed(Base):
                    def on_ping(self):
                        emit("pong")
                """
            ),
            "live/server.py": textwrap.dedent(
                """
                from flask import Flask
                from flask_socketio import SocketIO
                from live.feed import Feed

                app = Flask(__name__)
                socketio = SocketIO(app)
                socketio.on_namespace(Feed("/feed"))
                """
            ),
        },
    )
    app = flask_model(tmp_path).apps[0]
    assert not app.uses_session
    assert app.sockets_use_session is reads
