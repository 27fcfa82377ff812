"""Which names a module binds to Wagtail's rich text renderers."""

from __future__ import annotations

import ast

import pytest

from webwarden.model.templates.rich_text import rich_text_renderers


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "from wagtail.templatetags.wagtailcore_tags import richtext, pageurl",
            {"richtext"},
            id="wagtail-5-filter",
        ),
        pytest.param(
            "from wagtail.core.rich_text import expand_db_html as expand, RichText",
            {"expand", "RichText"},
            id="wagtail-2-aliased",
        ),
        pytest.param(
            "def f():\n    from wagtail.rich_text import RichText",
            {"RichText"},
            id="imported-in-function",
        ),
        pytest.param("from markdown import richtext", set(), id="another-library"),
        pytest.param("from wagtail.rich_text import features", set(), id="not-a-renderer"),
    ],
)
def test_rich_text_renderers(source: str, expected: set[str]) -> None:
    imports = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom)]
    assert rich_text_renderers(imports) == expected
