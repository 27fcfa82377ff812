from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.path_logins import login_paths


def _method(source: str) -> ast.FunctionDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            def process_request(self, request):
                if request.path.startswith("/reports/"):
                    if not request.user.is_authenticated:
                        return redirect(settings.LOGIN_URL)
            """,
            ("reports/",),
            id="one-prefix",
        ),
        pytest.param(
            """
            def process_request(self, request):
                path = request.path_info
                if path.startswith("/admin/") or path.startswith("/api/admin/"):
                    if not (request.user.is_authenticated and request.user.is_admin_role()):
                        return JsonResponse({"error": "login-required"})
            """,
            ("admin/", "api/admin/"),
            id="path-name-and-or",
        ),
        pytest.param(
            """
            def __call__(self, request):
                if request.path.startswith(("/staff/", "/ops/")):
                    if request.user.is_anonymous:
                        raise PermissionDenied
                return self.get_response(request)
            """,
            ("staff/", "ops/"),
            id="tuple-of-prefixes",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if request.path.startswith("/reports/"):
                    if not request.user.is_authenticated:
                        return None
            """,
            (),
            id="anonymous-handed-on",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if request.path.startswith("/reports/") and request.method == "POST":
                    if not request.user.is_authenticated:
                        return redirect(settings.LOGIN_URL)
            """,
            (),
            id="some-requests-only",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if request.path.startswith("/"):
                    if not request.user.is_authenticated:
                        return redirect(settings.LOGIN_URL)
            """,
            (),
            id="every-path",
        ),
        pytest.param(
            """
            def process_response(self, request, response):
                if request.path.startswith("/reports/"):
                    if not request.user.is_authenticated:
                        return redirect(settings.LOGIN_URL)
                return response
            """,
            (),
            id="after-the-view",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if request.path.startswith("/reports/"):
                    if request.user.is_authenticated:
                        return redirect("/home/")
            """,
            (),
            id="turns-away-the-logged-in",
        ),
    ],
)
def test_login_paths(source: str, expected: tuple[str, ...]) -> None:
    assert login_paths(_method(source)) == expected
