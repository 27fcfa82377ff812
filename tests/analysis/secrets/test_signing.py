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
        pytest.param("FIELD_ENCRYPTION_KEY", id="encryption-key"),
        pytest.param("AES_KEY", id="aes-key"),
        pytest.param("FERNET_KEY", id="fernet-key"),
        pytest.param("CRYPTOPAN_KEY", id="anonymiser-cipher-key"),
        pytest.param("IP_ANONYMIZATION_KEY", id="anonymisation-key"),
        pytest.param("CIPHER_SECRET", id="cipher-secret"),
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
        pytest.param("ENCRYPTION_PUBLIC_KEY", id="public-half"),
        pytest.param("ENCRYPTION_KEY_FILE", id="key-file"),
        pytest.param("ENCRYPTION_KEY_PATH", id="key-path"),
        pytest.param("CACHE_KEY_PREFIX", id="cache-key-prefix"),
        pytest.param("RECAPTCHA_SITE_KEY", id="captcha-site-key"),
        pytest.param("STRIPE_PUBLISHABLE_KEY", id="publishable-key"),
        pytest.param("ENCRYPTION_KEY_FUNCTION", id="key-function"),
        pytest.param("TRANSCRIPT_KEY", id="no-cipher-word"),
    ],
)
def test_names_of_other_things(name: str) -> None:
    assert not names_signing_secret(name)


def test_flask_security_namespace_salts() -> None:
    assert is_namespace_salt("SECURITY_RESET_SALT")
    assert not is_namespace_salt("SECURITY_PASSWORD_SALT")
    assert not is_namespace_salt("SALT_EMAIL")
