"""What a template position reads: outputs, and the operands of a tag's filters."""

from __future__ import annotations

from pathlib import Path

from tests.model.templates.helpers import template_model
from webwarden.model.templates.escalation import output_paths

_FILES = {
    "app.py": """
        from flask import Flask, render_template

        app = Flask(__name__)

        @app.route("/")
        def index():
            return render_template("index.html", address="a@example.org", row=None)
    """,
    "templates/index.html": """
        {% with note = "<a href='mailto:{a}'>{a}</a>".format(a=address)|safe,
                heading = "On {}".format(row.day|dateformat) %}{{ note }}{{ heading }}{% endwith %}
        <p>{{ "<b>{}</b>".format(find(row.slug).label)|safe }}</p>
    """,
}


def test_a_tags_filter_operands_and_the_marked_ones_alone(tmp_path: Path) -> None:
    model = template_model(tmp_path, _FILES)
    relpath = "templates/index.html"
    assert sorted(output_paths(model, relpath, 1, 1)) == ["address", "row.day"]
    assert output_paths(model, relpath, 1, 1, marked=frozenset({"safe"})) == ["address"]


def test_an_outputs_names_whatever_is_marked(tmp_path: Path) -> None:
    model = template_model(tmp_path, _FILES)
    paths = output_paths(model, "templates/index.html", 3, 4, marked=frozenset({"safe"}))
    assert sorted(paths) == ["find", "row.slug"]
