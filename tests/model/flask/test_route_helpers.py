"""Routes a project function adds with what its callers hand it (`route_helpers`)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.model.flask.model_helpers import flask_model

_HELPERS = """
def register_view(bp_or_app, routes, view_func, *args, **kwargs):
    for route in routes:
        bp_or_app.add_url_rule(route, view_func=view_func, *args, **kwargs)


def add_one(owner, rule, view, endpoint=None):
    owner.add_url_rule(rule, endpoint, view)
"""
_VIEWS = """
from flask import Blueprint, Flask
from flask.views import MethodView

from helpers import add_one, register_view

app = Flask(__name__)
forum = Blueprint("forum", __name__, url_prefix="/forum")


class ViewTopic(MethodView):
    def get(self, topic_id):
        return "topic"


def report(post_id):
    return "reported"


def rules():
    return ["/dynamic"]


register_view(forum, routes=["/topic/<int:topic_id>", "/t/<int:topic_id>"],
              view_func=ViewTopic.as_view("view_topic"))
register_view(forum, ["/post/<int:post_id>/report"], report, methods=["GET", "POST"])
register_view(forum, rules(), report)
add_one(app, "/about", report, "about")
app.register_blueprint(forum)
"""


def test_a_helper_adds_each_rule_it_is_handed(tmp_path: Path) -> None:
    (tmp_path / "helpers.py").write_text("import flask\n" + textwrap.dedent(_HELPERS))
    (tmp_path / "views.py").write_text(textwrap.dedent(_VIEWS))
    app = flask_model(tmp_path).apps[0]
    found = sorted(
        (r.rule, r.endpoint, tuple(sorted(r.methods or ()))) for r in app.routes if r.rule
    )
    read = ("GET", "HEAD", "OPTIONS")
    # NOTE: rules a call works out at run time (`rules()`) add no route that is known.
    assert found == [
        ("/about", "about", read),
        ("/forum/post/<int:post_id>/report", "forum.report", ("GET", "HEAD", "OPTIONS", "POST")),
        ("/forum/t/<int:topic_id>", "forum.view_topic", read),
        ("/forum/topic/<int:topic_id>", "forum.view_topic", read),
        ("/static/<path:filename>", "static", read),
    ]
