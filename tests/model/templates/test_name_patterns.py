"""Template names built around fixed text, linked to every template they may load."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import audit
from tests.model.templates.helpers import template_model
from webwarden.findings import Severity
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.templates.name_patterns import matched_tail, name_pattern

FIXTURES = Path(__file__).parents[2] / "rules" / "fixtures" / "WW550"


def _pattern(source: str) -> str:
    tree = ast.parse(f"kind = request.args['k']\nname = {source}\n")
    ctx = FileContext("m.py", "m", tuple(source.splitlines()), tree, NameResolver(tree, "m"))
    assignment = tree.body[1]
    assert isinstance(assignment, ast.Assign)
    return name_pattern(ctx, assignment.value)


@pytest.mark.parametrize(
    ("source", "pattern"),
    [
        ('f"letters/{kind}.html"', "letters/*.html"),
        ('"letters/%s.html" % kind', "letters/*.html"),
        ('"letters/{}_body.txt".format(kind)', "letters/*_body.txt"),
        ('"emails/" + kind + "/body.html"', "emails/*/body.html"),
        ('f"{kind}/detail.html"', "*/detail.html"),
        ('f"[x]/{kind}.html"', "[[]x]/*.html"),
        # Too little is fixed to tell which templates: any of the project's.
        ('f"{kind}.html"', ""),
        ('kind + ".html"', ""),
        ('"letters/plain.html"', ""),
    ],
)
def test_a_built_name_is_a_pattern_of_fixed_text(source: str, pattern: str) -> None:
    assert _pattern(source) == pattern


def test_a_pattern_matches_a_path_or_a_tail_after_a_slash() -> None:
    assert matched_tail("letters/*.html", "app/templates/letters/a.html") == "letters/a.html"
    assert matched_tail("*/detail.html", "shop/templates/shop/detail.html") != ""
    assert matched_tail("letters/*.html", "app/templates/notletters/a.html") == ""


def test_renders_of_a_pattern_link_every_template_in_a_folder(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "app.py": """
                from flask import Flask, render_template, request
                app = Flask(__name__)

                @app.route("/<kind>")
                def letter(kind):
                    return render_template(f"letters/{kind}.html", body=request.args["b"])
            """,
            "templates/letters/a.html": "{{ body }}",
            "templates/letters/b.html": "{{ body }}",
            "templates/other/c.html": "{{ body }}",
            "docs/letters/d.html": "{{ body }}",
        },
    )
    assert sorted(model.links) == ["templates/letters/a.html", "templates/letters/b.html"]


def test_request_data_rendered_through_a_pattern_keeps_its_source() -> None:
    fixture = FIXTURES / "vulnerable_template_name_pattern"
    (finding,) = audit([fixture], fixture, select=["WW550"])
    assert finding.severity is Severity.HIGH
    assert "request.args.get('body', '')" in finding.context
