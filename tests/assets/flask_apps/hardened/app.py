"""The same notes app done right: Talisman, CSRFProtect, Flask-Login, env secrets."""

import os

from flask import Flask, redirect, render_template, request, url_for
from flask_login import LoginManager, UserMixin, login_required, login_user
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["NOTES_SECRET_KEY"]
app.config.update(
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_SAMESITE="Lax",
    REMEMBER_COOKIE_SECURE=True,
    REMEMBER_COOKIE_SAMESITE="Lax",
    MAX_CONTENT_LENGTH=1024 * 1024,
)
Talisman(app, frame_options="DENY")
csrf = CSRFProtect(app)
login_manager = LoginManager(app)
login_manager.session_protection = "strong"


class User(UserMixin):
    def __init__(self, user_id):
        self.id = user_id


@login_manager.user_loader
def load_user(user_id):
    return User(user_id)


@app.route("/")
def index():
    return render_template("index.html")


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        login_user(User(request.form["name"]))
        return redirect(url_for("index"))
    return render_template("index.html")


@app.post("/notes")
@login_required
def create_note():
    return redirect(url_for("index"))


@app.route("/upload", methods=["POST"])
@login_required
def upload():
    request.files["file"].save(os.path.join("/srv/uploads", "note.txt"))
    return redirect(url_for("index"))


if __name__ == "__main__":
    app.run()
