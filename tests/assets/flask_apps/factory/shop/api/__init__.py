from flask import Blueprint, jsonify
from flask.views import MethodView

api = Blueprint("api", __name__, url_prefix="/api/v1")
orders = Blueprint("orders", __name__, url_prefix="/orders")


class OrderView(MethodView):
    def get(self, order_id):
        return jsonify(id=order_id)

    def delete(self, order_id):
        return jsonify(deleted=order_id)


orders.add_url_rule("/<uuid:order_id>", view_func=OrderView.as_view("order"))
api.register_blueprint(orders)


@api.get("/ping")
def ping():
    return jsonify(ok=True)
