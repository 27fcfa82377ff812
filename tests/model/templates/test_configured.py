"""Which values are the deployment's configuration, or files it names (`configured`)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.templates.configured import operator_text, setting_name


def _read_value(source: str) -> bool:
    """Whether the value the view's `return` gives is the operator's text."""
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    ctx = FileContext(
        "site/views.py",
        "site.views",
        tuple(text.splitlines()),
        tree,
        NameResolver(tree, "site.views"),
    )
    returned = next(node for node in ast.walk(tree) if isinstance(node, ast.Return))
    assert returned.value is not None
    return operator_text(ctx, returned.value)


@pytest.mark.parametrize(
    ("source", "configured"),
    [
        pytest.param(
            """
            from django.conf import settings

            def page():
                path = settings.BASE_DIR / "docs/intro.html"
                return path.read_text()
            """,
            True,
            id="path-held-in-a-local",
        ),
        pytest.param(
            """
            from django.conf import settings

            def page():
                path = settings.BASE_DIR / "docs/intro.html"
                with path.open("r") as f:
                    return f.read()
            """,
            True,
            id="file-a-with-opened",
        ),
        pytest.param(
            """
            from django.conf import settings

            def page(name):
                path = settings.BASE_DIR / name
                with open(path) as f:
                    return f.read()
            """,
            False,
            id="path-from-a-parameter",
        ),
        pytest.param(
            """
            from django.conf import settings

            def page(name):
                path = settings.BASE_DIR / "intro.html"
                if name:
                    path = settings.BASE_DIR / name
                return path.read_text()
            """,
            False,
            id="path-rebound-under-a-test",
        ),
    ],
)
def test_file_named_by_configuration(source: str, configured: bool) -> None:
    assert _read_value(source) is configured


@pytest.mark.parametrize(
    ("expression", "setting"),
    [
        pytest.param("settings.PAGE_SIZE", "PAGE_SIZE", id="attribute"),
        pytest.param('getattr(settings, "PAGE_SIZE")', "PAGE_SIZE", id="getattr"),
        pytest.param('getattr(settings, "PAGE_SIZE", 25)', "", id="getattr-with-default"),
        pytest.param("settings.page_size", "", id="lower-case"),
        pytest.param('getattr(profile, "PAGE_SIZE")', "", id="other-object"),
        pytest.param("settings.LIMITS['page']", "", id="item"),
    ],
)
def test_setting_name(expression: str, setting: str) -> None:
    text = f"from django.conf import settings\n\nvalue = {expression}\n"
    tree = ast.parse(text)
    ctx = FileContext(
        "site/views.py",
        "site.views",
        tuple(text.splitlines()),
        tree,
        NameResolver(tree, "site.views"),
    )
    assignment = tree.body[-1]
    assert isinstance(assignment, ast.Assign)
    assert setting_name(ctx, assignment.value) == setting
