from __future__ import annotations

import base64

import pytest

from webwarden.rules.secrets._text_secrets import (
    BASIC_LOGIN_KIND,
    app_signing_key,
    find_text_secrets,
)


def _basic(pair: str) -> str:
    return base64.b64encode(pair.encode()).decode()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param(f"Authorization: Basic {_basic('bot:7hG2-vLq9')}", True, id="login"),
        pytest.param(f"Basic {_basic('username:password')}", False, id="sample-pair"),
        pytest.param(f"Basic {_basic('no-colon-7hG2vLq9')}", False, id="no-colon"),
        pytest.param("Basic QUJDREVGR0g=", False, id="no-colon-either"),
        pytest.param("Basic authentication is on", False, id="prose"),
        pytest.param("Basic //////////8=", False, id="not-utf-8"),
        pytest.param(f"NotBasic {_basic('bot:7hG2-vLq9')}", False, id="glued-to-a-word"),
        pytest.param(f"X-Basic {_basic('bot:7hG2-vLq9')}", False, id="inside-a-name"),
    ],
)
def test_basic_auth_logins(text: str, found: bool) -> None:
    kinds = [secret.kind for secret in find_text_secrets(text, [])]
    assert (BASIC_LOGIN_KIND in kinds) is found


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        pytest.param("SECRET_KEY", True, id="framework-key"),
        pytest.param("DJANGO_SECRET_KEY", True, id="framework-named-key"),
        pytest.param("JWT_SECRET_KEY", True, id="named-for-what-it-signs"),
        pytest.param("SLACK_SIGNING_SECRET", False, id="another-service-signing-secret"),
        pytest.param("AWS_SECRET_KEY", False, id="another-service-key"),
    ],
)
def test_app_signing_key(key: str, expected: bool) -> None:
    assert app_signing_key(key) is expected
