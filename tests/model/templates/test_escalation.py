"""What a template position reads: outputs, and the operands of a tag's filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model
from webwarden.analysis.taint.specs import RENDERED_FORM
from webwarden.findings import Location
from webwarden.model.templates.build import Feed
from webwarden.model.templates.escalation import _form_instance_rows, output_paths
from webwarden.model.templates.facts import ContextName

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


@pytest.mark.parametrize(
    ("path", "fed"),
    [
        pytest.param("form.instance.policy.body", False, id="a-related-rows-field"),
        pytest.param("form.instance.teams.all", False, id="a-relations-rows"),
        pytest.param("form.instance.remark", True, id="a-field-the-form-set"),
        pytest.param("form.instance.remark.upper", True, id="the-posted-text-again"),
        pytest.param("form.instance.tags.0", True, id="an-item-of-a-posted-list"),
        pytest.param("form.data.remark", True, id="the-posted-data"),
    ],
)
def test_a_bound_forms_instance_holds_the_request_data_in_its_own_fields_only(
    path: str, fed: bool
) -> None:
    name = ContextName("form", Location("views.py", 3, 1), source="`request.POST`")
    feed = Feed("`request.POST`", None, name=name, safe_for=frozenset({RENDERED_FORM}))
    assert _form_instance_rows(path, feed) is not fed
