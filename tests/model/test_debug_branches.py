"""Branches of a Django module that run only with `settings.DEBUG` on."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.debug_branches import served_under_debug
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver

SOURCE = """
from django.conf import settings
from django.urls import path

urlpatterns = [path("a/", view)]

if settings.DEBUG:
    urlpatterns += [path("b/", view)]
else:
    urlpatterns += [path("c/", view)]

if not settings.DEBUG:
    urlpatterns += [path("d/", view)]
else:
    urlpatterns += [path("e/", view)]

if settings.DEBUG and settings.TOOLBAR:
    urlpatterns += [path("f/", view)]

if settings.DEBUG or settings.TOOLBAR:
    urlpatterns += [path("g/", view)]

if DEBUG:
    urlpatterns += [path("h/", view)]

if getattr(settings, "DEBUG", False) and not getattr(settings, "DEMO", False):
    urlpatterns += [path("i/", view)]

if getattr(settings, "DEBUG", True):
    urlpatterns += [path("j/", view)]

if getattr(other, "DEBUG"):
    urlpatterns += [path("k/", view)]
"""


def _routes() -> dict[str, bool]:
    text = textwrap.dedent(SOURCE)
    tree = ast.parse(text)
    ctx = FileContext(
        "site/urls.py", "site.urls", tuple(text.splitlines()), tree, NameResolver(tree, "site.urls")
    )
    return {
        node.args[0].value: served_under_debug(ctx, node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "path"
        and isinstance(node.args[0], ast.Constant)
    }


@pytest.mark.parametrize(
    ("route", "debug_only"),
    [
        pytest.param("a/", False, id="module-level"),
        pytest.param("b/", True, id="body-of-debug-test"),
        pytest.param("c/", False, id="else-of-debug-test"),
        pytest.param("d/", False, id="body-of-not-debug"),
        pytest.param("e/", True, id="else-of-not-debug"),
        pytest.param("f/", True, id="debug-and-more"),
        pytest.param("g/", False, id="debug-or-more"),
        pytest.param("h/", False, id="a-name-not-the-setting"),
        pytest.param("i/", True, id="getattr-of-the-setting"),
        pytest.param("j/", False, id="getattr-with-a-true-default"),
        pytest.param("k/", False, id="getattr-of-another-object"),
    ],
)
def test_served_under_debug(route: str, debug_only: bool) -> None:
    assert _routes()[route] is debug_only
