"""`from_object` calls in the arms of one `if` are variants of the app's config."""

from __future__ import annotations

from pathlib import Path

from tests.model.flask.model_helpers import flask_model
from tests.model.flask.test_build import write
from webwarden.model.flask import FlaskApp

_CONFIG = """
    import os

    class Config:
        SECRET_KEY = os.environ.get("SECRET_KEY")
        DEBUG = False

    class Development(Config):
        SECRET_KEY = "dev-key-for-my-laptop"
        DEBUG = True

    class Staging(Config):
        pass

    configs = {"development": Development, "staging": Staging}
    """


def _app(tmp_path: Path, factory: str) -> FlaskApp:
    write(tmp_path, {"portal/config.py": _CONFIG, "portal/__init__.py": factory})
    return flask_model(tmp_path).apps[0]


def test_if_else_loads_are_variants(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        """
        import os
        from flask import Flask
        from portal.config import Config, configs

        app = Flask(__name__)
        name = os.environ["APP_ENV"]
        if name in configs:
            app.config.from_object(configs[name])
        else:
            app.config.from_object(Config)
        """,
    )
    assert sorted(v.name for v in app.variants) == ["Config", "Development", "Staging"]
    judged = {tuple(v.name for v in j.variants): j.value for j in app.judge("DEBUG")}
    assert judged == {("Development",): True, ("Staging", "Config"): False}


def test_elif_chain_of_single_classes(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        """
        import os
        from flask import Flask
        from portal.config import Config, Development, Staging

        app = Flask(__name__)
        if os.environ.get("LOCAL"):
            app.config.from_object(Development)
        elif os.environ.get("STAGE"):
            app.config.from_object(Staging)
        else:
            app.config["TESTING"] = False
            app.config.from_object(Config)
        """,
    )
    assert sorted(v.name for v in app.variants) == ["Config", "Development", "Staging"]
    assert [
        j.development_only for j in app.judge("SECRET_KEY") if j.value == "dev-key-for-my-laptop"
    ] == ["Development"]


def test_loads_one_after_another_stay_layers(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        """
        import os
        from flask import Flask
        from portal.config import Config, Development

        app = Flask(__name__)
        app.config.from_object(Config)
        if os.environ.get("LOCAL"):
            app.config.from_object(Development)
        """,
    )
    assert app.variants == []
    assert [j.value for j in app.judge("DEBUG")] == [True]
