"""A generator method is escaped HTML when every item it yields is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

ADMIN = """
from django.contrib import admin
from django.template.loader import get_template
from django.utils.html import format_html


class PageAdmin(admin.ModelAdmin):
    def rendered_rows(self, pages):
        template = get_template("row.html")

        def render_row(page):
            return template.render({"page": page})

        for page in pages:
            yield render_row(page)

    def formatted_rows(self, pages):
        for page in pages:
            yield format_html("<li>{}</li>", page.title)

    def mixed_rows(self, pages):
        template = get_template("row.html")

        def render_row(page):
            return template.render({"page": page})

        for page in pages:
            if page.depth > 1:
                yield f"<li>{page.title}</li>"
            else:
                yield render_row(page)

    def delegated_rows(self, pages):
        yield from self.rendered_rows(pages)

    def nested_raw_rows(self, pages):
        def write_row(page):
            return f"<li>{page.title}</li>"

        for page in pages:
            yield write_row(page)
"""


@pytest.mark.parametrize(
    ("method", "escaped"),
    [
        pytest.param("rendered_rows", True, id="rows-a-nested-function-renders"),
        pytest.param("formatted_rows", True, id="rows-formatted-with-escaping"),
        pytest.param("mixed_rows", False, id="one-row-written-raw"),
        pytest.param("delegated_rows", False, id="yield-from-not-followed"),
        pytest.param("nested_raw_rows", False, id="nested-function-writes-raw"),
    ],
)
def test_generator_method_markup(tmp_path: Path, method: str, escaped: bool) -> None:
    files = {"pages/admin.py": ADMIN, "pages/templates/pages/page.html": "{{ page|safe }}"}
    model = template_model(tmp_path, files)
    assert model.markup_attributes.get(method) is escaped
