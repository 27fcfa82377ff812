"""A JSON API: bearer tokens in the Authorization header, no cookies, no templates."""

import hmac
import os
from functools import wraps

from flask import Flask, abort, jsonify, request
from flask.views import MethodView
from flask_talisman import Talisman

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["API_SECRET_KEY"]
app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
app.config["JSON_SORT_KEYS"] = False
Talisman(app, content_security_policy={"default-src": "'none'"})
API_TOKEN = os.environ.get("API_TOKEN", "")


def token_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        supplied = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if not API_TOKEN or not hmac.compare_digest(supplied, API_TOKEN):
            abort(401)
        return view(*args, **kwargs)

    return wrapper


class ItemAPI(MethodView):
    decorators = [token_required]

    def get(self, item_id):
        return jsonify(id=item_id)

    def put(self, item_id):
        return jsonify(id=item_id, **request.get_json())

    def delete(self, item_id):
        return "", 204


class ItemListAPI(MethodView):
    decorators = [token_required]

    def get(self):
        return jsonify(items=[])

    def post(self):
        return jsonify(request.get_json()), 201


app.add_url_rule("/items/<uuid:item_id>", view_func=ItemAPI.as_view("item"))
app.add_url_rule("/items", view_func=ItemListAPI.as_view("items"))


@app.get("/status")
def status():
    return jsonify(status="ok")


@app.route("/reports/<int:year>/<path:name>", methods=["GET", "POST"])
@token_required
def report(year, name):
    return jsonify(year=year, name=name, data=request.get_json(silent=True))
