"""A small notes app with the mistakes webwarden looks for."""

import hashlib
import os
import pickle
import random
import sqlite3
import string
import subprocess

import jwt
import requests
import yaml
from datetime import timedelta

from flask import Flask, make_response, redirect, render_template, request, send_file, session
from flask_cors import CORS
from flask_login import LoginManager, login_required, login_user
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config["SECRET_KEY"] = os.getenv("SECRET_KEY", "default-secret-key")
app.config.update(
    SQLALCHEMY_DATABASE_URI="postgresql://notes:notes-password@db.example.com/notes",
    SESSION_COOKIE_HTTPONLY=False,
    SESSION_COOKIE_SAMESITE="None",
    PERMANENT_SESSION_LIFETIME=timedelta(days=400),
    PREFERRED_URL_SCHEME="http",
    WTF_CSRF_ENABLED=False,
    MAIL_PASSWORD="notes-mail-2024!",
)
db = SQLAlchemy(app)
STRIPE_API_KEY = "sk_live_8mIbbAP5KLPf0EwtJIJvvoa0"
CORS(app, supports_credentials=True)
login_manager = LoginManager(app)
login_manager.session_protection = None
DATABASE = "notes.db"


def get_db():
    return sqlite3.connect(DATABASE)


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True)
    password = db.Column(db.String(128))


@app.route("/register", methods=["POST"])
def register():
    user = User(email=request.form["email"])
    user.password = request.form["password"]
    db.session.add(user)
    db.session.commit()
    return redirect("/login")


@app.route("/login", methods=["POST"])
def login():
    user = User.query.filter_by(email=request.form["email"]).first()
    typed = hashlib.md5(request.form["password"].encode()).hexdigest()
    if user is None or user.password != typed:
        return "wrong e-mail or password", 401
    login_user(user, remember=True)
    return {"token": jwt.encode({"sub": user.id}, "secret", algorithm="HS256")}


@app.route("/api/me")
def me():
    claims = jwt.decode(request.headers["Authorization"][7:], options={"verify_signature": False})
    return {"user": claims["sub"]}


@app.route("/search")
def search():
    query = request.args.get("q", "")
    cursor = get_db().cursor()
    cursor.execute(f"SELECT id, title FROM notes WHERE title LIKE '%{query}%'")
    return render_template("search.html", query=query, notes=cursor.fetchall())


@app.route("/theme", methods=["POST"])
@login_required
def set_theme():
    session["theme"] = request.form["theme"]
    response = make_response(redirect("/search"))
    response.set_cookie("theme", request.form["theme"])
    return response


@app.route("/notes", methods=["POST"])
def create_note():
    title = request.form["title"]
    get_db().execute("INSERT INTO notes (title) VALUES (?)", (title,))
    return redirect("/search")


@app.route("/ping")
def ping():
    host = request.args["host"]
    output = subprocess.check_output(f"ping -c 1 {host}", shell=True)
    return output


@app.route("/import", methods=["POST"])
def import_notes():
    data = yaml.load(request.files["file"].read(), Loader=yaml.Loader)
    return {"imported": len(data)}


@app.route("/restore", methods=["POST"])
def restore():
    notes = pickle.loads(request.get_data())
    return {"restored": len(notes)}


@app.route("/weather")
def weather():
    city = request.args.get("city", "London")
    reply = requests.get(f"https://api.example.com/weather?city={city}", verify=False)
    return reply.json()


@app.route("/preview")
def preview():
    url = request.args["url"]
    return {"size": len(requests.get(url, timeout=5).content)}


@app.route("/hello/<name>")
def hello(name):
    return f"<h1>Hello {name}!</h1>"


@app.route("/notebook", methods=["POST"])
def switch_notebook():
    session["notebook"] = request.form["notebook"]
    return redirect(request.args.get("next", "/"))


@app.route("/attachments/<path:name>")
def attachment(name):
    return send_file(os.path.join("/srv/notes/attachments", name))


def make_reset_token(user_id):
    reset_token = hashlib.md5(str(user_id).encode()).hexdigest()
    return reset_token


def new_password():
    password = "".join(random.choice(string.ascii_letters) for _ in range(10))
    return password


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")), debug=True)
