"""Functions of the project whose every result is configuration, told across modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

FRONTEND = """
import functools

import orjson
from django.conf import settings

from site_core import release


def client_settings():
    return {
        "STATIC_URL": settings.STATIC_URL,
        "TWO_FACTOR": "django_otp" in settings.INSTALLED_APPS,
        "APPS": list(filter(lambda app: app not in settings.HIDDEN, settings.INSTALLED_APPS)),
        "RELEASE": release.version(),
    }


def as_json():
    return orjson.dumps(client_settings())


@functools.lru_cache
def cached():
    return {"DEBUG": settings.DEBUG}


def with_user(user):
    return {"STATIC_URL": settings.STATIC_URL, "NAME": user.name}


def with_unknown():
    return {"STATIC_URL": settings.STATIC_URL, "MOTD": fetch_motd()}


def local_dict():
    data = {"DEBUG": settings.DEBUG}
    return data


def nothing():
    print(settings.DEBUG)
"""
RELEASE = """
__version__ = None


def version():
    return __version__
"""
VIEWS = """
import json

from django.shortcuts import render

from site_core import frontend


def page(request):
    context = {
        "config": json.dumps(frontend.client_settings()),
        "other": json.dumps(frontend.with_user(request.user)),
    }
    return render(request, "page.html", context)
"""


@pytest.mark.parametrize(
    ("function", "told"),
    [
        pytest.param("client_settings", True, id="settings-tests-kept-items-and-a-release"),
        pytest.param("as_json", True, id="dumps-of-another-library"),
        pytest.param("cached", True, id="cached"),
        pytest.param("with_user", False, id="attribute-of-a-parameter"),
        pytest.param("with_unknown", False, id="call-of-no-project-function"),
        pytest.param("local_dict", False, id="local-not-followed"),
        pytest.param("nothing", False, id="returns-no-value"),
    ],
)
def test_configured_functions(tmp_path: Path, function: str, told: bool) -> None:
    files = {
        "site_core/__init__.py": "",
        "site_core/release.py": RELEASE,
        "site_core/frontend.py": FRONTEND,
        "site_core/views.py": VIEWS,
        "site_core/templates/page.html": "{{ config|safe }}",
    }
    model = template_model(tmp_path, files)
    assert (f"site_core.frontend.{function}" in model.configured_functions) is told


def test_context_name_assumes_the_called_function(tmp_path: Path) -> None:
    files = {
        "site_core/__init__.py": "",
        "site_core/release.py": RELEASE,
        "site_core/frontend.py": FRONTEND,
        "site_core/views.py": VIEWS,
        "site_core/templates/page.html": "{{ config|safe }}",
    }
    model = template_model(tmp_path, files)
    (render,) = [r for r in model.renders if r.function.endswith(".page")]
    names = {name.name: name for name in render.context}
    assert names["config"].configured_if == ("site_core.frontend.client_settings",)
    assert not names["config"].configuration
    assert model.configured_name(names["config"])
    assert not model.configured_name(names["other"])
    assert model.configured("site_core/templates/page.html", "config")
