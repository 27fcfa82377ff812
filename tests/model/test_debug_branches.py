"""Branches of a Django module that run only with `settings.DEBUG` on."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.debug_branches import served_under_debug
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver

SOURCE = """
import os

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

if settings.ENVIRONMENT == "local":
    urlpatterns += [path("l/", view)]

if settings.runtime_env() in (Envs.LOCAL, Envs.DEVELOPMENT):
    urlpatterns += [path("m/", view)]

if os.environ.get("APP_ENV") != "development":
    urlpatterns += [path("n/", view)]
else:
    urlpatterns += [path("o/", view)]

if settings.ENVIRONMENT in ("local", "staging"):
    urlpatterns += [path("p/", view)]

if settings.SITE_NAME == "local":
    urlpatterns += [path("q/", view)]

if "local" == settings.STAGE:
    urlpatterns += [path("r/", view)]

if settings.ENVIRONMENT in ("local", "dev"):
    urlpatterns += [path("s/", view)]

if app.config["APP_ENVIRONMENT"] == "development":
    urlpatterns += [path("t/", view)]

if app.config["SITE_NAME"] == "development":
    urlpatterns += [path("u/", view)]
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
        pytest.param("l/", True, id="environment-is-local"),
        pytest.param("m/", True, id="environment-call-in-development-constants"),
        pytest.param("n/", False, id="environment-variable-not-development"),
        pytest.param("o/", True, id="else-of-environment-not-development"),
        pytest.param("p/", False, id="environment-in-a-list-with-a-deployment"),
        pytest.param("q/", False, id="a-value-named-for-no-environment"),
        pytest.param("r/", True, id="literal-on-the-left"),
        pytest.param("s/", False, id="a-dev-server-may-be-deployed"),
        pytest.param("t/", True, id="configuration-item-named-for-the-environment"),
        pytest.param("u/", False, id="configuration-item-named-otherwise"),
    ],
)
def test_served_under_debug(route: str, debug_only: bool) -> None:
    assert _routes()[route] is debug_only
