"""An app factory with blueprints, extensions set up by `init_app`, and config classes."""

import os

from flask import Flask

from config import config

from .extensions import register_extensions


def create_app(config_name=None):
    app = Flask(__name__)
    app.config.from_object(config[config_name or os.getenv("FLASK_CONFIG", "default")])
    app.config["SHOP_NAME"] = "Corner shop"
    register_extensions(app)

    from .main import main as main_blueprint

    app.register_blueprint(main_blueprint)

    from .auth import auth as auth_blueprint

    app.register_blueprint(auth_blueprint, url_prefix="/auth")

    from .api import api as api_blueprint

    app.register_blueprint(api_blueprint)
    return app
