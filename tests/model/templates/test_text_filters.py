"""Django's text filters called from Python: escaping unless told not to."""

from __future__ import annotations

import ast

import pytest

from webwarden.model.templates.text_filters import escaping_text_filters, told_to_escape


def _call(text: str) -> ast.Call:
    node = ast.parse(text, mode="eval").body
    assert isinstance(node, ast.Call)
    return node


@pytest.mark.parametrize(
    ("text", "name", "escapes"),
    [
        pytest.param("linebreaksbr(text)", "linebreaksbr", True, id="default"),
        pytest.param("linebreaksbr(text, True)", "linebreaksbr", True, id="told-by-position"),
        pytest.param("urlize(text, autoescape=True)", "urlize", True, id="told-by-keyword"),
        pytest.param("linebreaksbr(text, False)", "linebreaksbr", False, id="off-by-position"),
        pytest.param("urlize(text, autoescape=flag)", "urlize", False, id="unknown-flag"),
        pytest.param("urlize(text, **options)", "urlize", False, id="options-spread"),
        pytest.param("linebreaksbr(*args)", "linebreaksbr", False, id="arguments-spread"),
        pytest.param("urlizetrunc(text, 30)", "urlizetrunc", True, id="limit-before-flag"),
        pytest.param(
            "d.urlizetrunc(text, 30, False)", "django.x.urlizetrunc", False, id="qualified-off"
        ),
    ],
)
def test_told_to_escape(text: str, name: str, escapes: bool) -> None:
    assert told_to_escape(_call(text), name) is escapes


def test_escaping_text_filters_are_those_of_django_template_defaultfilters() -> None:
    tree = ast.parse(
        "from django.template.defaultfilters import linebreaksbr as br, urlize, slugify\n"
        "from django.utils.html import linebreaks\n"
    )
    assert escaping_text_filters(tree.body) == frozenset({"br", "urlize"})
