"""Routes `add_url_rule` adds (`views.add_url_rule_fact`)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.model.flask.model_helpers import flask_model

_APP = """
from flask import Flask

app = Flask(__name__)


def follow(id):
    return "followed"


app.add_url_rule("/follow/<id>", view_func=follow, methods=["POST"])
for action in ["member_delete", "admins"]:
    app.add_url_rule(f"/{action}/<id>", view_func=globals()[action], methods=["POST"])
"""


def test_a_view_picked_by_a_key_at_run_time_is_not_found(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(textwrap.dedent(_APP))
    app = flask_model(tmp_path).apps[0]
    found = {route.view: route.view_found for route in app.routes if "POST" in route.methods}
    assert found == {"app.follow": True, "": False}
