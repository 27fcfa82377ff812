"""The same Flask app done right: HTTPS only, hardened cookies and headers, CSRF enforced."""

from __future__ import annotations

import secrets

from flask import Flask, abort, redirect, request, session

HIDE_SERVER_VERSION = True
PAGE = """<!doctype html><title>{title}</title>
<nav><a href="/">Home</a> <a href="/contact">Contact</a></nav>
{body}"""
HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; object-src 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def make_app(ports, docroot):
    app = Flask(__name__)
    app.secret_key = secrets.token_hex(32)
    app.config.update(
        SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax"
    )

    @app.before_request
    def https_and_csrf():
        if request.scheme == "http":
            return redirect(
                f"https://127.0.0.1:{ports['main']}{request.full_path.rstrip('?')}", 301
            )
        if request.method == "POST" and request.form.get("csrf_token") != session.get("csrf"):
            abort(400, "The CSRF token is missing.")
        return None

    @app.get("/")
    def home():
        return PAGE.format(title="Home", body="<p>Welcome</p>")

    @app.route("/contact", methods=["GET", "POST"])
    def contact():
        if request.method == "POST":
            return PAGE.format(title="Thanks", body="<p>Thanks.</p>")
        session.setdefault("csrf", secrets.token_urlsafe(16))
        form = (
            '<form method="post" action="/contact">'
            f'<input type="hidden" name="csrf_token" value="{session["csrf"]}">'
            '<input name="email"><button>Send</button></form>'
        )
        return PAGE.format(title="Contact", body=form)

    @app.after_request
    def harden(response):
        response.headers.update(HEADERS)
        return response

    return app
