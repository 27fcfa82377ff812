"""An app of the project's Flask subclass, made in a factory."""

from flask import Blueprint, session

from portal.base import AdminPortalFlask

pages = Blueprint("pages", __name__, url_prefix="/pages")


@pages.get("/<int:page_id>")
def page(page_id):
    return {"page": page_id, "user": session.get("user")}


def create_app():
    app = AdminPortalFlask(__name__)
    app.config["SECRET_KEY"] = "portal-dev-key-change-me"
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config.update(SESSION_COOKIE_HTTPONLY=True, MAX_CONTENT_LENGTH=1024 * 1024)
    app.register_blueprint(pages)

    @app.post("/login")
    def login():
        session["user"] = "someone"
        return {"ok": True}

    return app
