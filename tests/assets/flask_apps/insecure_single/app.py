"""A one-module notes app with the Flask mistakes webwarden reports."""

import os
from datetime import timedelta

from flask import Flask, jsonify, make_response, render_template, request, session
from flask_cors import CORS

app = Flask(__name__)
app.config["SECRET_KEY"] = "dev"
app.config.update(
    SESSION_COOKIE_SAMESITE="None",
    SQLALCHEMY_DATABASE_URI="postgresql://notes:hunter2@db.example.com/notes",
    PERMANENT_SESSION_LIFETIME=timedelta(days=90),
    WTF_CSRF_ENABLED=False,
)
app.config["SESSION_COOKIE_HTTPONLY"] = False
app.debug = os.environ.get("NOTES_DEBUG", "1") == "1"
CORS(app, supports_credentials=True)


@app.route("/")
def index():
    return render_template("index.html", user=session.get("user"))


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        session["user"] = request.form["name"]
        response = make_response(render_template("index.html"))
        response.set_cookie("theme", request.form.get("theme", "light"))
        return response
    return render_template("index.html")


@app.post("/notes/<int:note_id>/delete")
def delete_note(note_id):
    return jsonify(deleted=note_id)


@app.route("/upload", methods=["POST"])
def upload():
    request.files["file"].save("/tmp/upload")
    return "ok"


def health():
    return "ok"


app.add_url_rule("/health", "health", health)

if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)
