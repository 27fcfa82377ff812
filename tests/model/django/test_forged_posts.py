"""Which Django views refuse a POST another site starts before they run."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.model.django.test_settings import write
from tests.model.flask.model_helpers import project_model
from webwarden.model.django.forged_posts import forge_proof_views, script_only_views

_CHECKED = '    "django.middleware.csrf.CsrfViewMiddleware",\n'
_SETTINGS = """\
INSTALLED_APPS = ["notes"]
ROOT_URLCONF = "notes.urls"
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
{checked}]
"""
_VIEWS = """\
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from rest_framework.decorators import api_view


def save(request):
    return render(request, "note.html", {"body": request.POST["body"]})


@csrf_exempt
def hook(request):
    return render(request, "note.html", {"body": request.POST["body"]})


def relay(request):
    return render(request, "note.html", {"body": request.POST["body"]})


@api_view(["POST"])
def api_save(request):
    return render(request, "note.html", {"body": request.data["body"]})
"""
_URLS = """\
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from notes import views

urlpatterns = [
    path("save/", views.save),
    path("hook/", views.hook),
    path("relay/", views.relay),
    path("relay/exempt/", csrf_exempt(views.relay)),
    path("api/save/", views.api_save),
]
"""


def _forge_proof(root: Path) -> frozenset[str]:
    project = project_model(root)
    assert project.django is not None
    return forge_proof_views(project, project.django)


def _views(tmp_path: Path, checked: str) -> frozenset[str]:
    files = {
        "notes/__init__.py": "",
        "notes/settings.py": _SETTINGS.format(checked=checked),
        "notes/views.py": _VIEWS,
        "notes/urls.py": _URLS,
    }
    return _forge_proof(write(tmp_path, files))


def test_views_the_middleware_checks(tmp_path: Path) -> None:
    # NOTE: `relay` is also routed exempt from the check; REST framework's views are
    # exempt, their session authentication checking the token of a logged-in session only.
    assert _views(tmp_path, _CHECKED) == {"notes.views.save"}


@pytest.mark.parametrize(
    "checked",
    [
        pytest.param("", id="middleware-missing"),
        pytest.param(f"{_CHECKED}] if DEBUG else [\n", id="middleware-in-one-value-only"),
    ],
)
def test_no_view_is_checked_without_the_middleware_in_every_value(
    tmp_path: Path, checked: str
) -> None:
    assert _views(tmp_path, checked) == frozenset()


_AUTHENTICATION = """\
from django.conf import settings
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed


class PartnerAuthentication(BaseAuthentication):
    def authenticate(self, request):
        token = request.headers.get("Authorization")
        if not token:
            raise AuthenticationFailed("missing token")
        if token not in settings.PARTNER_TOKENS:
            raise AuthenticationFailed("unknown token")
"""
_API_VIEWS = """\
from rest_framework.response import Response
from rest_framework.views import APIView

from notes.authentication import PartnerAuthentication


class PartnerNotes(APIView):
    authentication_classes = [PartnerAuthentication]
    permission_classes = []

    def post(self, request):
        return Response({"body": request.data["body"]})


class OpenNotes(APIView):
    permission_classes = []

    def post(self, request):
        return Response({"body": request.data["body"]})
"""


def test_rest_framework_view_refusing_requests_without_a_header_credential(
    tmp_path: Path,
) -> None:
    # NOTE: with no `CsrfViewMiddleware` at all: no page of another site can make the
    # browser send the header; REST framework's default authentication lets the
    # anonymous post through to `OpenNotes`.
    files = {
        "notes/__init__.py": "",
        "notes/settings.py": _SETTINGS.format(checked=""),
        "notes/authentication.py": _AUTHENTICATION,
        "notes/views.py": _API_VIEWS,
        "notes/urls.py": (
            "from django.urls import path\n\nfrom notes import views\n\n"
            "urlpatterns = [\n"
            '    path("partner/", views.PartnerNotes.as_view()),\n'
            '    path("open/", views.OpenNotes.as_view()),\n'
            "]\n"
        ),
    }
    assert _forge_proof(write(tmp_path, files)) == {"notes.views.PartnerNotes"}


@pytest.mark.parametrize(
    ("middleware", "checked"),
    [
        pytest.param(
            "def process_view(self, request, callback, args, kwargs):\n"
            "    setattr(request, '_dont_enforce_csrf_checks', True)\n",
            False,
            id="setattr-true",
        ),
        pytest.param(
            "def process_view(self, request, callback, args, kwargs):\n"
            "    request._dont_enforce_csrf_checks = True\n",
            False,
            id="assigned-true",
        ),
        pytest.param(
            "def process_view(self, request, callback, args, kwargs):\n"
            "    request._dont_enforce_csrf_checks = False\n",
            True,
            id="assigned-false",
        ),
    ],
)
def test_a_middleware_of_the_project_turning_the_check_off(
    tmp_path: Path, middleware: str, checked: bool
) -> None:
    files = {
        "notes/__init__.py": "",
        "notes/settings.py": _SETTINGS.format(checked=_CHECKED),
        "notes/views.py": _VIEWS,
        "notes/urls.py": _URLS,
        "notes/middleware.py": "class DisableCSRF:\n" + textwrap.indent(middleware, "    "),
        # NOTE: test code turning it off changes nothing deployed.
        "notes/tests/__init__.py": "",
        "notes/tests/client.py": "def post(request):\n    request._dont_enforce_csrf_checks = True\n",
    }
    views = _forge_proof(write(tmp_path, files))
    assert ("notes.views.save" in views) is checked


_SCRIPT_VIEWS = """\
from django.http import HttpResponseBadRequest
from django.shortcuts import render


def rows(request):
    if request.is_ajax():
        return render(request, "rows.html", {"q": request.GET.get("q")})


def refused(request):
    if not request.is_ajax():
        return HttpResponseBadRequest()
    return render(request, "rows.html", {"q": request.GET.get("q")})


def page(request):
    return render(request, "rows.html", {"q": request.GET.get("q")})
"""
_SCRIPT_URLS = """\
from django.urls import path

from notes import views

urlpatterns = [
    path("rows/", views.rows),
    path("refused/", views.refused),
    path("page/", views.page),
]
"""


def test_views_only_a_script_reaches(tmp_path: Path) -> None:
    files = {
        "notes/__init__.py": "",
        "notes/settings.py": _SETTINGS.format(checked=_CHECKED),
        "notes/views.py": _SCRIPT_VIEWS,
        "notes/urls.py": _SCRIPT_URLS,
    }
    project = project_model(write(tmp_path, files))
    assert project.django is not None
    assert script_only_views(project.django) == {"notes.views.rows", "notes.views.refused"}
