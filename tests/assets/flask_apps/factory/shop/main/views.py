from flask import render_template, request
from flask_login import login_required

from ..extensions import csrf
from . import main


@main.route("/")
def index():
    return render_template("index.html")


@main.route("/items/<int:item_id>")
def item(item_id):
    return render_template("index.html", item=item_id)


@main.route("/basket", methods=["POST"])
@login_required
def add_to_basket():
    return render_template("index.html", item=request.form["item"])


@main.route("/webhook/payment", methods=["POST"])
@csrf.exempt
def payment_webhook():
    return "", 204
