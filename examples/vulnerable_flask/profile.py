"""Profile pages: request data written where autoescaping does not protect it."""

from flask import render_template, request

from app import app


@app.route("/profile/<name>")
def profile(name):
    back = request.args.get("next", "/")
    theme = request.args.get("theme", "light")
    return render_template("profile.html", name=name, next=back, theme=theme)


@app.route("/welcome")
def welcome():
    return render_template("welcome.jinja", user=request.args.get("user", "guest"))
