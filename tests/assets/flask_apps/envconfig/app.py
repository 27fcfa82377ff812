"""Configured from the environment: FLASK_* variables, .flaskenv/.env and an instance file."""

import os

from flask import Flask, render_template

app = Flask(__name__, instance_relative_config=True)
app.config.from_mapping(
    SECRET_KEY=os.getenv("SECRET_KEY", "default-secret-key"),
    DATABASE=os.path.join(app.instance_path, "notes.sqlite"),
    SESSION_COOKIE_SECURE=os.getenv("COOKIE_SECURE", "false").lower() == "true",
    DEBUG=os.environ.get("DEBUG", "True") == "True",
)
app.config.from_pyfile("settings.cfg", silent=True)
app.config.from_prefixed_env()
app.config.from_envvar("NOTES_SETTINGS", silent=True)


@app.route("/")
def index():
    return render_template("index.html")
