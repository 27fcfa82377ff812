"""What makes a Flask app: Flask's class, libraries' subclasses, project subclasses of
either, and every name one assignment binds to the app."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.model.flask.model_helpers import flask_model, project_model
from webwarden.model.flask_apps import named_for_flask

_VIEWS = """
from flask import Blueprint

pages = Blueprint("pages", __name__)


@pages.route("/")
def index():
    return "home"
"""


def _write(root: Path, app_module: str) -> None:
    (root / "views.py").write_text(textwrap.dedent(_VIEWS))
    (root / "factory.py").write_text(textwrap.dedent(app_module))


def test_every_name_one_assignment_binds_names_the_app(tmp_path: Path) -> None:
    # NOTE: CKAN's `app = flask_app = CKANFlask(__name__)`, set up through both names
    _write(
        tmp_path,
        """
        from flask import Flask
        from flask_login import LoginManager

        from views import pages


        def make_stack():
            app = flask_app = Flask(__name__)
            app.register_blueprint(pages)
            flask_app.config["SESSION_COOKIE_SECURE"] = True
            login = LoginManager()
            login.init_app(flask_app)
            return flask_app
        """,
    )
    (app,) = flask_model(tmp_path).apps
    assert app.ref == "factory.make_stack:app"
    assert [route.rule for route in app.routes if route.blueprint] == ["/"]
    assert "SESSION_COOKIE_SECURE" in {key for layer in app.layers for key in layer.settings}
    assert [extension.kind for extension in app.extensions] == ["flask_login.LoginManager"]


@pytest.mark.parametrize(
    "base",
    [
        pytest.param("from flask_multistatic import MultiStaticFlask as Base", id="multistatic"),
        pytest.param("from apiflask import APIFlask as Base", id="apiflask"),
        pytest.param("from flask_openapi3 import OpenAPI as Base", id="openapi3"),
        pytest.param("from sitekit.web import SiteFlask as Base", id="named-for-flask"),
    ],
)
def test_a_project_class_over_a_library_subclass_of_flask_makes_apps(
    tmp_path: Path, base: str
) -> None:
    _write(
        tmp_path,
        f"""
        import flask
        {base}

        from views import pages


        class Portal(Base):
            pass


        def create_app():
            portal = Portal(__name__)
            portal.register_blueprint(pages)
            return portal
        """,
    )
    (app,) = flask_model(tmp_path).apps
    assert app.ref == "factory.create_app:portal"
    assert [route.rule for route in app.routes if route.blueprint] == ["/"]


def test_a_class_named_for_flask_without_an_import_name_makes_no_app(tmp_path: Path) -> None:
    # NOTE: only the import name Flask's constructor takes first says the library class
    # makes a Flask app: a test double built from keyword options is none
    _write(
        tmp_path,
        """
        import flask
        from sitekit.testing import FakeFlask


        class Double(FakeFlask):
            pass


        def make_double():
            return Double(config={})


        double = Double(config={})
        """,
    )
    assert project_model(tmp_path).flask is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("flask_multistatic.MultiStaticFlask", True),
        ("CKANFlask", True),
        ("custom_flask", True),
        ("flask.Flask", False),
        ("Flasky", False),
        ("pkg.FlaskForm", False),
    ],
)
def test_named_for_flask(name: str, expected: bool) -> None:
    assert named_for_flask(name) is expected


def test_a_factory_importing_the_project_app_class_makes_the_app(tmp_path: Path) -> None:
    # NOTE: the factory module imports neither Flask nor anything named as an app
    package = tmp_path / "portal"
    package.mkdir()
    (package / "base.py").write_text(
        "from flask import Flask\n\n\nclass PortalApp(Flask):\n    pass\n"
    )
    (package / "__init__.py").write_text(
        textwrap.dedent(
            """
            from portal.base import PortalApp


            def create_app():
                app = PortalApp("portal")
                return app
            """
        )
    )
    (app,) = flask_model(tmp_path).apps
    assert app.ref == "portal.create_app:app"


def _set_up_project(root: Path, factories: int, loader: str) -> None:
    package = root / "portal"
    package.mkdir()
    apps = "\n".join(
        f"def create_app_{n}():\n    app = Flask('portal')\n    return app\n"
        for n in range(factories)
    )
    (package / "__init__.py").write_text(f"{loader}from flask import Flask\n\n" + apps)
    (package / "links.py").write_text(
        textwrap.dedent(
            """
            from flask import redirect


            def setup(app):
                @app.route("/out/<path:target>")
                def leave(target):
                    return redirect(target)


            def unused(site):
                @site.route("/other")
                def other():
                    return ""
            """
        )
    )


_LOADER = "from importlib import import_module\n"


@pytest.mark.parametrize(
    ("factories", "loader", "expected"),
    [
        pytest.param(1, _LOADER, [["/out/<path:target>"]], id="the-only-app"),
        pytest.param(2, _LOADER, [[], []], id="one-of-several-apps-unknown"),
        pytest.param(1, "", [[]], id="nothing-imported-by-name"),
    ],
)
def test_an_uncalled_set_up_function_routes_on_the_only_app(
    tmp_path: Path, factories: int, loader: str, expected: list[list[str]]
) -> None:
    # NOTE: a loader imports `portal.links.setup` by the dotted name a setting lists;
    # `site` is not named as an app
    _set_up_project(tmp_path, factories, loader)
    model = flask_model(tmp_path)
    assert [
        [r.rule for r in app.routes if r.endpoint != "static"] for app in model.apps
    ] == expected
