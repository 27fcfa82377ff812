"""A Flask app with the mistakes webwarden's probe should see on the running app.

Debug mode (the Werkzeug debugger), the project directory as static folder (so `.env`
is served), a session cookie without Secure, a POST form without a CSRF token that the
app accepts, CORS reflecting any origin with credentials, no security headers, a library script from a
public CDN without `integrity`.
"""

from __future__ import annotations

from flask import Flask, redirect, request, session
from werkzeug.debug import DebuggedApplication

PAGE = """<!doctype html><title>{title}</title>
<script src="https://cdn.jsdelivr.net/npm/htmx.org@1.9.12/dist/htmx.min.js"></script>
<nav><a href="/">Home</a> <a href="/contact">Contact</a> <a href="/report">Report</a>
<a href="/logout">Log out</a> <a href="https://elsewhere.example/">Elsewhere</a>
<a href="/partner">Partner</a></nav>
{body}"""


def make_app(ports, docroot):
    app = Flask(__name__, static_folder=docroot, static_url_path="")
    app.secret_key = "live-test-only"
    app.debug = True  # what `flask run --debug` does: errors reach the debugger

    @app.get("/")
    def home():
        session["visits"] = session.get("visits", 0) + 1
        return PAGE.format(title="Home", body="<p>Welcome</p>")

    @app.route("/contact", methods=["GET", "POST"])
    def contact():
        if request.method == "POST":
            return PAGE.format(title="Thanks", body="<p>Thanks, we will be in touch.</p>")
        form = (
            '<form method="post" action="/contact"><input name="email"><button>Send</button></form>'
            '<form method="post" action="/account/delete"><button>Delete account</button></form>'
        )
        return PAGE.format(title="Contact", body=form)

    @app.get("/report")
    def report():
        totals = {}
        return str(totals["total"])  # a bug: the debugger shows its traceback

    @app.get("/partner")
    def partner():
        return redirect("https://elsewhere.example/welcome")

    @app.get("/logout")
    def logout():
        raise AssertionError("the probe must never follow a logout link")

    @app.post("/account/delete")
    def delete_account():
        raise AssertionError("the active check must never post a deletion")

    @app.after_request
    def cors(response):
        origin = request.headers.get("Origin")
        if origin:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Credentials"] = "true"
        return response

    return DebuggedApplication(app, evalex=True)
