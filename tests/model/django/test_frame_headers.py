from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.frame_headers import sets_frame_header


def _class(source: str) -> ast.ClassDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.ClassDef)
    return node


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            class Headers:
                def process_response(self, request, response):
                    response["X-Frame-Options"] = "DENY"
                    return response
            """,
            True,
            id="process-response-deny",
        ),
        pytest.param(
            """
            class Headers:
                def __call__(self, request):
                    response = self.get_response(request)
                    response.headers["x-frame-options"] = "sameorigin"
                    return response
            """,
            True,
            id="call-headers-lower-case",
        ),
        pytest.param(
            """
            class Headers:
                async def __acall__(self, request):
                    response = await self.get_response(request)
                    response.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
                    return response
            """,
            True,
            id="setdefault-csp",
        ),
        pytest.param(
            """
            class Headers:
                def process_response(self, request, response):
                    if request.path.startswith("/admin/"):
                        response["X-Frame-Options"] = "DENY"
                    return response
            """,
            False,
            id="under-a-test",
        ),
        pytest.param(
            """
            class Headers:
                def process_response(self, request, response):
                    response["X-Frame-Options"] = "ALLOW-FROM https://a.example"
                    return response
            """,
            False,
            id="allow-from-ignored",
        ),
        pytest.param(
            """
            class Headers:
                def __call__(self, request):
                    response = self.get_response(request)
                    response["Content-Security-Policy"] = "frame-ancestors *"
                    return response
            """,
            False,
            id="csp-any-ancestor",
        ),
        pytest.param(
            """
            class Headers:
                def process_request(self, request):
                    request.META["X-Frame-Options"] = "DENY"
            """,
            False,
            id="not-a-response-method",
        ),
    ],
)
def test_sets_frame_header(source: str, expected: bool) -> None:
    assert sets_frame_header(_class(source)) is expected
