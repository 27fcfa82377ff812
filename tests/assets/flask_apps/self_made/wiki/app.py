"""A Flask subclass that sets itself up through `self`; the factory returns an instance
(MoinMoin's `MoinApp`)."""

from flask import Blueprint, Flask, session

frontend = Blueprint("frontend", __name__)


@frontend.route("/+modify/<path:name>", methods=["GET", "POST"])
def modify_item(name):
    session["last_edit"] = name
    return {"name": name}


class WikiApp(Flask):
    def __init__(self, config=None):
        super().__init__("wiki")
        self.url_map.strict_slashes = False
        self.configure(config or {})
        self.register()

    def configure(self, config):
        self.config["SECRET_KEY"] = "wiki-dev-key-change-me"
        self.config["SESSION_COOKIE_SAMESITE"] = "Lax"
        self.config.update(SESSION_COOKIE_HTTPONLY=True, MAX_CONTENT_LENGTH=2 * 1024 * 1024)
        self.config.update(config)

    def register(self):
        self.register_blueprint(frontend, url_prefix="/wiki")


def create_app(config=None):
    return WikiApp(config)
