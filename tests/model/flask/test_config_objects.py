"""A `flask.config.Config` the project fills and assigns whole to `app.config`."""

from __future__ import annotations

from pathlib import Path

from tests.model.flask.model_helpers import flask_model
from tests.model.flask.test_build import write
from webwarden.model.flask import FlaskApp

_DEFAULTS = """
    SESSION_COOKIE_SECURE = True
    MAX_CONTENT_LENGTH = 1024
    """

_LOADER = """
    import os

    import flask


    def load_settings():
        settings = flask.config.Config(os.path.dirname(__file__))
        settings.from_object("forge.defaults")
        settings["SESSION_COOKIE_SECURE"] = False
        return settings


    settings = load_settings()
    """


def _app(tmp_path: Path, files: dict[str, str], factory: str) -> FlaskApp:
    write(tmp_path, {"forge/__init__.py": "", **files, "forge/app.py": factory})
    return flask_model(tmp_path).apps[0]


def test_object_a_loader_returns_is_the_apps_config(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {"forge/defaults.py": _DEFAULTS, "forge/settings.py": _LOADER},
        """
        import flask
        from forge.settings import settings

        app = flask.Flask(__name__)
        app.config = settings
        """,
    )
    assert [j.value for j in app.judge("SESSION_COOKIE_SECURE")] == [False]
    assert [j.value for j in app.judge("MAX_CONTENT_LENGTH")] == [1024]


def test_what_the_app_sets_afterwards_wins(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {
            "forge/defaults.py": _DEFAULTS,
            "forge/settings.py": """
                import flask

                settings = flask.config.Config("/srv/forge")
                settings.from_object("forge.defaults")
                """,
        },
        """
        import flask
        from forge.settings import settings

        def create_app():
            app = flask.Flask(__name__)
            app.config = settings
            app.config["MAX_CONTENT_LENGTH"] = 2048
            return app
        """,
    )
    assert [j.value for j in app.judge("MAX_CONTENT_LENGTH")] == [2048]
    assert [j.value for j in app.judge("SESSION_COOKIE_SECURE")] == [True]


def test_a_plain_dict_assigned_is_not_followed(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {
            "forge/settings.py": """
                settings = {}
                settings.update({"SESSION_COOKIE_SECURE": False})
                """,
        },
        """
        import flask
        from forge.settings import settings

        app = flask.Flask(__name__)
        app.config = settings
        """,
    )
    assert [j.setting for j in app.judge("SESSION_COOKIE_SECURE")] == [None]
