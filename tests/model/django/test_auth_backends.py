from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.auth_backends import checks_no_password


def _class(source: str) -> ast.ClassDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.ClassDef)
    return node


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            class ProxyBackend(ModelBackend):
                def authenticate(self, request, username=None, password=None, **kwargs):
                    email = request.META["HTTP_SSO_PROFILE_EMAIL"]
                    return User.objects.get(email=email)
            """,
            True,
            id="single-sign-on-headers",
        ),
        pytest.param(
            """
            class TokenBackend:
                def authenticate(self, request, token=None):
                    return User.objects.filter(api_token=token).first()
            """,
            True,
            id="token",
        ),
        pytest.param(
            """
            class EmailBackend(ModelBackend):
                def authenticate(self, request, username=None, password=None, **kwargs):
                    user = User.objects.get(email=username)
                    if user.check_password(password):
                        return user
            """,
            False,
            id="checks-password",
        ),
        pytest.param(
            """
            class LoggingBackend(ModelBackend):
                def authenticate(self, request, **kwargs):
                    log.info("login attempt")
                    return super().authenticate(request, **kwargs)
            """,
            False,
            id="hands-on-to-base",
        ),
        pytest.param(
            """
            class BasicBackend:
                def authenticate(self, request):
                    header = request.META.get("HTTP_AUTHORIZATION", "")
                    return lookup(header)
            """,
            False,
            id="authorization-header",
        ),
        pytest.param(
            """
            class PlainBackend(ModelBackend):
                def get_user(self, user_id):
                    return User.objects.get(pk=user_id)
            """,
            False,
            id="inherits-authenticate",
        ),
    ],
)
def test_checks_no_password(source: str, expected: bool) -> None:
    assert checks_no_password(_class(source)) is expected
