from flask import Blueprint, render_template, request

auth = Blueprint("auth", __name__)


@auth.route("/login", methods=["GET", "POST"])
def login():
    return render_template("index.html", name=request.form.get("name"))


@auth.get("/logout")
def logout():
    return render_template("index.html")
