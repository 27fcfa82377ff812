"""Settings on only with `DEBUG`, and the routes a URLconf adds under a test of one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.django.test_settings import model, write

_URLS = """
    from django.conf import settings
    from django.urls import path

    from . import views

    urlpatterns = [path("home/", views.home)]
    if settings.PROFILING and settings.READY:
        urlpatterns += [path("profile/", views.profile)]
"""
_VIEWS = """
    def home(request):
        return None


    def profile(request):
        return None
"""


def _project(tmp_path: Path, settings: dict[str, str]) -> dict[str, bool]:
    files = {"site/__init__.py": "", "site/urls.py": _URLS, "site/views.py": _VIEWS}
    django = model(write(tmp_path, {**files, **settings}))
    return {route.pattern or "": route.debug_only for route in django.routes}


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("DEBUG", id="alias"),
        pytest.param("DEBUG and HAS_TOOL", id="and-joined"),
        pytest.param("HAS_TOOL and DEBUG", id="debug-last"),
    ],
)
def test_route_under_a_debug_alias_is_debug_only(tmp_path: Path, value: str) -> None:
    settings = f"""
        import os
        DEBUG = os.environ.get("DEBUG") == "1"
        HAS_TOOL = True
        PROFILING = {value}
        READY = True
        INSTALLED_APPS = ["django.contrib.auth"]
        ROOT_URLCONF = "site.urls"
    """
    routes = _project(tmp_path, {"site/settings.py": settings})
    assert routes == {"home/": False, "profile/": True}


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("DEBUG or HAS_TOOL", id="or-joined"),
        pytest.param("not DEBUG", id="negated"),
        pytest.param('os.environ.get("PROFILING") == "1"', id="own-variable"),
    ],
)
def test_route_under_another_setting_is_served(tmp_path: Path, value: str) -> None:
    settings = f"""
        import os
        DEBUG = os.environ.get("DEBUG") == "1"
        HAS_TOOL = True
        PROFILING = {value}
        READY = True
        INSTALLED_APPS = ["django.contrib.auth"]
        ROOT_URLCONF = "site.urls"
    """
    routes = _project(tmp_path, {"site/settings.py": settings})
    assert routes == {"home/": False, "profile/": False}


def test_a_judged_module_setting_the_flag_otherwise_keeps_the_route(tmp_path: Path) -> None:
    base = """
        import os
        DEBUG = os.environ.get("DEBUG") == "1"
        PROFILING = DEBUG
        READY = True
        INSTALLED_APPS = ["django.contrib.auth"]
        ROOT_URLCONF = "site.urls"
    """
    production = """
        from .base import *
        PROFILING = True
    """
    files = {
        "site/settings/__init__.py": "",
        "site/settings/base.py": base,
        "site/settings/production.py": production,
    }
    django = model(
        write(
            tmp_path,
            {**files, "site/__init__.py": "", "site/urls.py": _URLS, "site/views.py": _VIEWS},
        )
    )
    assert "PROFILING" not in django.debug_flags
    assert {r.pattern: r.debug_only for r in django.routes} == {"home/": False, "profile/": False}


@pytest.mark.parametrize(
    ("value", "served"),
    [
        pytest.param("False", False, id="written-off"),
        pytest.param("None", False, id="written-none"),
        pytest.param('os.environ.get("PROFILING") == "1"', True, id="from-environment"),
        pytest.param("True", True, id="written-on"),
    ],
)
def test_route_under_a_setting_written_off_is_not_served(
    tmp_path: Path, value: str, served: bool
) -> None:
    """`SERVE_MEDIA = False` in the code: the route is added only where someone edits the
    settings to switch it on; one read from the environment a deployment switches on."""
    settings = f"""
        import os
        DEBUG = os.environ.get("DEBUG") == "1"
        PROFILING = {value}
        READY = True
        INSTALLED_APPS = ["django.contrib.auth"]
        ROOT_URLCONF = "site.urls"
    """
    routes = _project(tmp_path, {"site/settings.py": settings})
    assert routes == {"home/": False, "profile/": not served}


def test_a_judged_module_switching_the_setting_on_keeps_the_route(tmp_path: Path) -> None:
    base = """
        PROFILING = False
        READY = True
        INSTALLED_APPS = ["django.contrib.auth"]
        ROOT_URLCONF = "site.urls"
    """
    files = {
        "site/settings/__init__.py": "",
        "site/settings/base.py": base,
        "site/settings/production.py": "from .base import *\nPROFILING = True\n",
        "site/settings/local.py": "from .base import *\n",
    }
    django = model(
        write(
            tmp_path,
            {**files, "site/__init__.py": "", "site/urls.py": _URLS, "site/views.py": _VIEWS},
        )
    )
    assert {r.pattern: r.debug_only for r in django.routes} == {"home/": False, "profile/": False}
