"""A Flask app shaped like ihatemoney: a `/<project>/` catch-all with strict slashes
(Werkzeug answers `/anything` with 308 to `/anything/`), and a row of language links
ahead of the pages worth visiting, each switching the session and redirecting home."""

from __future__ import annotations

from flask import Flask, abort, redirect, session

LANGUAGES = [f"l{n:02d}" for n in range(30)]


def make_app(ports, docroot):
    app = Flask(__name__)
    app.secret_key = "live-test-only"

    @app.get("/")
    def home():
        links = "".join(f'<a href="/lang/{code}">{code}</a>' for code in LANGUAGES)
        return f'<!doctype html><nav>{links}</nav><a href="/demo/">Demo</a><a href="/help">Help</a>'

    @app.get("/lang/<code>")
    def language(code):
        session["lang"] = code
        return redirect("/")

    @app.get("/help")
    def help_page():
        return "<!doctype html><p>Help</p>"

    @app.get("/<project>/")
    def project(project):
        if project != "demo":
            abort(404, description="no project webwarden-catch-all")
        return "<!doctype html><p>Demo project</p>"

    return app
