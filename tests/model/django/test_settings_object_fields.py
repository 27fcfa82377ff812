"""Settings read from the lowercase fields of a pydantic-settings object, and the class
views a setting read so switches off."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.django.test_settings import model, values, write
from webwarden.analysis.constants import UNKNOWN
from webwarden.model.django.setting_gates import switched_off

_ENV = """
from pydantic_settings import BaseSettings


class Environment(BaseSettings):
    debug: bool = False
    allowed_hosts: list[str] = ["*"]
    enable_test_api: bool = False


env = Environment()
"""

_SETTINGS = """
from depot import helpers
from depot.env import env

ROOT_URLCONF = "depot.urls"
INSTALLED_APPS = ["django.contrib.auth", "depot"]
DEBUG = env.debug
ALLOWED_HOSTS = env.allowed_hosts
ENABLE_TEST_API = env.enable_test_api
TIMEOUT = helpers.timeout
"""

_VIEWS = """
from django.conf import settings
from django.http import Http404
from django.views import View


class GatedBase(View):
    def dispatch(self, *args, **kwargs):
        if not settings.ENABLE_TEST_API:
            raise Http404
        return super().dispatch(*args, **kwargs)


class Gated(GatedBase):
    def post(self, request):
        return None


class OwnDispatch(GatedBase):
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)
"""


def _project(root: Path) -> Path:
    return write(
        root,
        {
            "depot/__init__.py": "",
            "depot/env.py": _ENV,
            "depot/helpers.py": "timeout = 5\n",
            "depot/settings.py": _SETTINGS,
            "depot/views.py": _VIEWS,
            "depot/urls.py": "urlpatterns = []\n",
        },
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("DEBUG", False, id="boolean-field"),
        pytest.param("ALLOWED_HOSTS", ["*"], id="list-field"),
        pytest.param("TIMEOUT", UNKNOWN, id="module-lowercase-name-not-followed"),
    ],
)
def test_lowercase_fields_ship_their_defaults(tmp_path: Path, name: str, expected: object) -> None:
    django = model(_project(tmp_path))
    assert values(django, "depot/settings.py", name) == [expected]


@pytest.mark.parametrize(
    ("view", "gated"),
    [
        pytest.param("depot.views.GatedBase", True, id="own-dispatch"),
        pytest.param("depot.views.Gated", True, id="inherited-dispatch"),
        pytest.param("depot.views.OwnDispatch", False, id="nearer-dispatch-without-gate"),
    ],
)
def test_class_views_gated_by_their_dispatch(tmp_path: Path, view: str, gated: bool) -> None:
    django = model(_project(tmp_path))
    found = django.views[view]
    assert switched_off(found.gated_by, django.judged) is gated
