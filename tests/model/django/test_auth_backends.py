from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.auth_backends import checks_no_password, library_passwordless


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


@pytest.mark.parametrize(
    ("backend", "expected"),
    [
        pytest.param("django.contrib.auth.backends.RemoteUserBackend", True, id="remote-user"),
        pytest.param("mozilla_django_oidc.auth.OIDCAuthenticationBackend", True, id="listed"),
        pytest.param("cityhall_django_oidc.OIDCAuthenticationBackend", True, id="oidc-package"),
        pytest.param("django_saml2_auth.backends.Saml2Backend", True, id="saml-package"),
        pytest.param("oauth2_provider.backends.OAuth2Backend", True, id="oauth-token"),
        pytest.param("django.contrib.auth.backends.ModelBackend", False, id="model-backend"),
        pytest.param("django_auth_ldap.backend.LDAPBackend", False, id="ldap-password"),
        pytest.param("allauth.account.auth_backends.AuthenticationBackend", False, id="allauth"),
        pytest.param("oauthlike.backends.Backend", False, id="word-only-part-of-name"),
    ],
)
def test_library_passwordless(backend: str, expected: bool) -> None:
    assert library_passwordless(backend) is expected
