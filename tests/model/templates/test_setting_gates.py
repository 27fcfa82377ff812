"""A filter's cleaning switched on by a Django setting (`setting_gates`)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.templates.safe_marking import marks_input_safe
from webwarden.model.templates.setting_gates import cleaning_setting

_HEAD = "from django.conf import settings\n"


def _setting(body: str) -> str:
    text = _HEAD + textwrap.dedent(body)
    tree = ast.parse(text)
    ctx = FileContext("tags.py", "tags", tuple(text.splitlines()), tree, NameResolver(tree, "tags"))
    function = tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    return cleaning_setting(ctx, function, lambda f: bool(marks_input_safe(f, {})[0]))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            """
            def render(text):
                html = markdown.markdown(text)
                if settings.CLEAN_HTML:
                    html = bleach.clean(html)
                return mark_safe(html)
            """,
            "CLEAN_HTML",
            id="attribute",
        ),
        pytest.param(
            """
            def render(text):
                if not getattr(settings, "CLEAN_HTML", False):
                    return mark_safe(text)
                return mark_safe(bleach.clean(text))
            """,
            "CLEAN_HTML",
            id="getattr-negated",
        ),
        pytest.param(
            """
            def render(text):
                if settings.RAW_HTML:
                    text = text.strip()
                return mark_safe(text)
            """,
            "",
            id="raw-either-way",
        ),
        pytest.param(
            """
            def render(text):
                if settings.CLEAN_HTML and settings.OTHER:
                    text = bleach.clean(text)
                return mark_safe(text)
            """,
            "",
            id="read-with-another",
        ),
        pytest.param(
            """
            def render(text):
                if CLEAN_HTML:
                    text = bleach.clean(text)
                return mark_safe(text)
            """,
            "",
            id="not-a-setting",
        ),
    ],
)
def test_cleaning_setting(body: str, expected: str) -> None:
    assert _setting(body) == expected
