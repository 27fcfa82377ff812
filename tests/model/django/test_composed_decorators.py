"""A project's decorator factory applying REST framework's decorators to the view."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from tests.model.django.test_settings import model
from webwarden.analysis.constants import UNKNOWN
from webwarden.model.django.composed_decorators import Param, bind, factory_parameters


def test_factory_parameters_by_position_and_keyword_only() -> None:
    function = ast.parse("def api(methods, /, perms=(), *, auth=None): pass").body[0]
    assert isinstance(function, ast.FunctionDef)
    assert factory_parameters(function) == {"methods": 0, "perms": 1, "auth": -1}


@pytest.mark.parametrize(
    ("args", "keywords", "called", "expected"),
    [
        pytest.param((("POST",),), {}, True, ("POST",), id="positional"),
        pytest.param((), {"methods": ("GET",)}, True, ("GET",), id="keyword"),
        pytest.param((), {}, True, UNKNOWN, id="not-given"),
        pytest.param((), {}, False, UNKNOWN, id="applied-uncalled"),
    ],
)
def test_bind(
    args: tuple[object, ...], keywords: dict[str, object], called: bool, expected: object
) -> None:
    assert bind(Param("methods", 0), args, keywords, called) == expected


def test_bind_inside_a_list_keeps_constants() -> None:
    assert bind(("PUT", Param("extra", 0)), ("POST",), {}, True) == ("PUT", "POST")


def _project(tmp_path: Path, api: str) -> Path:
    package = tmp_path / "site"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "settings.py").write_text(
        'INSTALLED_APPS = ["rest_framework", "site"]\nROOT_URLCONF = "site.urls"\n'
    )
    (package / "urls.py").write_text(
        'from django.urls import path\nfrom site import api\nurlpatterns = [path("go", api.go)]\n'
    )
    (package / "api.py").write_text(textwrap.dedent(api))
    return tmp_path


def test_view_takes_what_the_factory_applies(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        """
        from rest_framework.decorators import api_view, authentication_classes
        from rest_framework.decorators import permission_classes
        from rest_framework.permissions import AllowAny

        def setup_view(methods):
            def decorator(func):
                return api_view(methods)(
                    authentication_classes(())(permission_classes([AllowAny])(func))
                )
            return decorator

        @setup_view(["POST"])
        def go(request):
            pass
        """,
    )
    (route,) = model(root).routes
    assert route.view is not None
    assert route.view.methods == ("POST",)
    assert route.view.authentication_classes == ()
    assert route.view.permission_classes == ("rest_framework.permissions.AllowAny",)
    assert not route.view.takes_default_permissions


def test_view_of_a_plain_composing_decorator(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        """
        from rest_framework.decorators import api_view

        def endpoint(func):
            return api_view(["GET", "PUT"])(func)

        @endpoint
        def go(request):
            pass
        """,
    )
    (route,) = model(root).routes
    assert route.view is not None
    assert route.view.methods == ("GET", "PUT")
    assert route.view.takes_default_permissions
