"""Which configuration names hold a key the app signs or verifies with."""

from __future__ import annotations

import pytest

from webwarden.analysis.secrets.signing import is_namespace_salt, names_signing_secret


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("SALT_EMAIL", id="salt-first"),
        pytest.param("COOKIE_SALT", id="salt-last"),
        pytest.param("SCRYPT_ID_PEPPER", id="pepper"),
        pytest.param("WEBHOOK_HMAC_KEY", id="hmac-key"),
        pytest.param("HMAC_KEY", id="bare-hmac-key"),
        pytest.param("TOKEN_SIGNING_KEY", id="signing-key"),
        pytest.param("AUTH_TOKEN_KEY", id="token-key"),
        pytest.param("WEBHOOK_SECRET", id="webhook-secret"),
        pytest.param("API_TOKEN_SECRET", id="token-secret"),
        pytest.param("SIGNING_SECRET", id="signing-secret"),
        pytest.param("SECURITY_PASSWORD_SALT", id="flask-security-pepper"),
        pytest.param("SALT", id="bare-salt"),
    ],
)
def test_names_of_signing_secrets(name: str) -> None:
    assert names_signing_secret(name)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("SECURITY_CONFIRM_SALT", id="flask-security-namespace"),
        pytest.param("SALT_LENGTH", id="about-the-salt"),
        pytest.param("PASSWORD_HASH_SALT_LENGTH", id="salt-inside"),
        pytest.param("SIGNED_COOKIE_LEGACY_SALT_FALLBACK", id="salt-switch"),
        pytest.param("OAUTH_CLIENT_SECRET", id="credential-presented"),
        pytest.param("SOCIAL_AUTH_GITHUB_SECRET", id="provider-secret"),
        pytest.param("CACHE_KEY", id="cache-key"),
        pytest.param("salt_email", id="lower-case-variable"),
    ],
)
def test_names_of_other_things(name: str) -> None:
    assert not names_signing_secret(name)


def test_flask_security_namespace_salts() -> None:
    assert is_namespace_salt("SECURITY_RESET_SALT")
    assert not is_namespace_salt("SECURITY_PASSWORD_SALT")
    assert not is_namespace_salt("SALT_EMAIL")
