from __future__ import annotations

import pytest

from webwarden.analysis.secrets import (
    credential_kind,
    is_placeholder,
    looks_like_secret,
    may_name_credential,
)
from webwarden.analysis.secrets.values import (
    entropy,
    is_password_name,
    is_plainly_not_secret,
    is_setting_word,
    names_managed_key,
    names_stand_in,
    says_unsafe,
)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        pytest.param("db_password", "a password", id="password"),
        pytest.param("EMAIL_HOST_PASSWORD", "a password", id="django-email"),
        pytest.param("passwd", "a password", id="passwd"),
        pytest.param("API_KEY", "an API key", id="api-key"),
        pytest.param("apikey", "an API key", id="apikey-one-word"),
        pytest.param("secretkey", "a secret key", id="secretkey-one-word"),
        pytest.param("stripeSecretKey", "a secret key", id="camel-case"),
        pytest.param("AWS_SECRET_ACCESS_KEY", "an access key", id="aws-secret"),
        pytest.param("GITHUB_TOKEN", "a token", id="token"),
        pytest.param("client_secret", "a secret", id="secret"),
        pytest.param("GOOGLE_CREDENTIALS", "a credential", id="credentials"),
        pytest.param("PASSWORD_RESET_TIMEOUT", None, id="about-a-password"),
        pytest.param("TOKEN_HEADER", None, id="header-name"),
        pytest.param("RESET_PASSWORD_TOKEN_NS", None, id="token-namespace"),
        pytest.param("ACCESS_TOKEN_USERNAME", None, id="username-of-token-logins"),
        pytest.param("public_key", None, id="public"),
        pytest.param("password_hash", None, id="hash"),
        pytest.param("password_encryption", None, id="how-passwords-are-stored"),
        pytest.param("cache_key", None, id="cache-key"),
        pytest.param("SECRET_KEY_FILE", None, id="file-of-a-key"),
        pytest.param("VAULT_SECRET_PATH_DB", None, id="store-path-of-a-secret"),
        pytest.param("API_KEY_FILE_PROD", None, id="file-of-a-key-per-deployment"),
        pytest.param("TOKEN_URL_SIGNING_KEY", "a signing key", id="key-after-a-location"),
        pytest.param("APIKEY_IDENTIFIER_CONSTRAINT", None, id="database-constraint"),
        pytest.param("password_column", None, id="database-column"),
        pytest.param("api_key_name", None, id="key-name"),
        pytest.param("token_owner", None, id="owner"),
        pytest.param("default_token_generator", None, id="generator"),
        pytest.param("author", None, id="no-secret-word"),
        pytest.param("LLM_TOKEN_BUDGET_MONTH", None, id="quantity"),
        pytest.param("token_pos", None, id="position-in-a-sequence"),
        pytest.param("TOKEN_INDEX", None, id="index-in-a-sequence"),
        pytest.param("position_token", "a token", id="token-after-a-position-word"),
        pytest.param("MAX_TOKENS_PER_USER", None, id="quantity-first"),
        pytest.param("CREDENTIAL_ROUNDS", None, id="hash-rounds"),
        pytest.param("PASSWORD_HASH_ITERATIONS", None, id="hash-iterations"),
        pytest.param("TOKEN_COST", None, id="work-factor"),
        pytest.param("ADMIN_PASSWORD", "a password", id="admin-is-not-min"),
        pytest.param("auth_password_recovery_title", None, id="a-label-title"),
        pytest.param("SECURITY_EMAIL_SUBJECT_PASSWORD", "a password", id="subject-not-last"),
        pytest.param("PASSWORD_REGEX_DEFAULT", None, id="default-of-a-pattern"),
        pytest.param("password_complexity_desc", None, id="policy-text"),
        pytest.param("PASSWORD_COMPLEXITY", None, id="policy"),
        pytest.param("password_strength", None, id="score"),
        pytest.param("smtp_password_desc", None, id="abbreviated-description"),
        pytest.param("PASSWORD_DEFAULT", "a password", id="default-password"),
        pytest.param("password_expires_at", None, id="when-it-expires"),
        pytest.param("ACCESS_TOKEN_EXPIRE_MINUTES", None, id="duration-in-minutes"),
        pytest.param("TOKEN_EXPIRE", None, id="when-it-expires-setting"),
        pytest.param("PASSWORD_RESET_DAYS", None, id="duration-in-days"),
        pytest.param("token_created_date", None, id="when-it-was-made"),
        pytest.param("secret_attribute", "a secret", id="at-is-a-whole-word"),
        pytest.param("ENABLE_EMAIL_PASSWORD", None, id="switch-enable"),
        pytest.param("USE_TOKEN_AUTH", None, id="switch-use"),
        pytest.param("allowPasswordLogin", None, id="switch-allow-camel"),
        pytest.param("must_change_password", None, id="flag-must"),
        pytest.param("canChangePassword", None, id="flag-can-camel"),
        pytest.param("password_verified", None, id="outcome-verified"),
        pytest.param("CANARY_TOKEN", "a token", id="canary-is-not-can"),
        pytest.param("USER_PASSWORD", "a password", id="user-is-not-use"),
        pytest.param("ENABLEMENT_TOKEN", "a token", id="enablement-is-not-enable"),
        pytest.param("next_token", None, id="next-page-token"),
        pytest.param("NextToken", None, id="next-page-token-camel"),
        pytest.param("cursor_token", None, id="cursor-token"),
        pytest.param("NEXT_SECRET_KEY", "a secret key", id="next-key-rotated-in"),
        pytest.param("csrf_token", None, id="anti-forgery-token"),
        pytest.param("SYNCHRONIZER_TOKEN", None, id="synchronizer-token"),
        pytest.param("authenticity_token", None, id="rails-authenticity-token"),
        pytest.param("WTF_CSRF_SECRET_KEY", "a secret key", id="key-signing-csrf-tokens"),
        pytest.param("salt_for_gpg_secret", None, id="salt-for-a-secret"),
        pytest.param("url_for_password_reset", None, id="url-for-a-reset"),
        pytest.param("passwordChange", None, id="process-a-mail-template-names"),
        pytest.param("PASSWORD_RESET", None, id="process-switched-on"),
        pytest.param("password_reset_token", "a password", id="credential-of-the-process"),
        pytest.param("RESET_PASSWORD_EMAIL_FROM", None, id="sender-of-a-password-mail"),
        pytest.param("token_email_recipients", None, id="recipients-of-a-token-mail"),
        pytest.param("MAIL_PASSWORD", "a password", id="password-of-a-mail-account"),
        pytest.param("password_for_user", "a password", id="password-for-someone"),
        pytest.param("secret_key_for_app", "a secret key", id="key-for-something"),
        pytest.param("token_hd", None, id="claim-hosted-domain"),
        pytest.param("TOKEN_ISSUER", None, id="claim-issuer"),
        pytest.param("token_mail", None, id="claim-address"),
        pytest.param("email_token", "a token", id="emailed-token"),
        pytest.param("credential_uuid", None, id="record-key-of-a-credential"),
        pytest.param("app_password_pkid", None, id="primary-key-of-a-stored-password"),
        pytest.param("token_pk", None, id="primary-key-of-a-token"),
        pytest.param("accessTokenGuid", None, id="record-key-of-a-token"),
        pytest.param("uuid_token", "a token", id="token-named-for-its-format"),
        pytest.param("SPF_PASS_VALUES", None, id="passing-check-results"),
        pytest.param("pass_threshold", None, id="passing-threshold"),
        pytest.param("SMTP_PASS", "a password", id="pass-last-is-a-password"),
        pytest.param("PASSWORD_VALUES", "a password", id="password-before-values"),
        pytest.param("ADMIN_PASSWORDS", "a password", id="plural-passwords"),
        pytest.param("db_passwds", "a password", id="plural-passwds"),
        pytest.param("PASSPHRASES", "a password", id="plural-passphrases"),
        pytest.param("PASSWORDS_FIELDS", None, id="plural-passwords-field-names"),
        pytest.param("PASSWORD_HASHES", None, id="password-hashes"),
        pytest.param("COMMON_PASSWORDS", None, id="deny-list-of-common-passwords"),
        pytest.param("banned_password", None, id="banned-password"),
        pytest.param("SEASON_PASSES", None, id="passes-are-not-passwords"),
    ],
)
def test_credential_kind(name: str, kind: str | None) -> None:
    assert credential_kind(name) == kind


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("password", True, id="password"),
        pytest.param("new_password", True, id="new"),
        pytest.param("password_reset_token", False, id="reset-token"),
        pytest.param("password_hash", False, id="hash"),
    ],
)
def test_is_password_name(name: str, expected: bool) -> None:
    assert is_password_name(name) is expected


@pytest.mark.parametrize(
    "value",
    [
        "changeme",
        "change-me",
        "NeedToBeChanged",
        "password_must_be_changed",
        "your-api-key-here",
        "<token>",
        "${DB_PASSWORD}",
        "{{ secret }}",
        "((proxy_password))",
        "((/concourse/main/db-password))",
        "%%env_REDIS_PASSWORD%%",
        "%{env:ADMIN_SECRET}%",
        "%{file:/run/secrets/admin}%",
        "{env:ARA_API_PASSWORD}",
        "{env:API_TOKEN:}",
        "{env:DB_PASSWORD:{env:PGPASSWORD}}",
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.xxx.yyy",
        "eyJhbGciOiJSUzI1NiJ9.payload.",
        "(generated)",
        "%(password)s",
        "{secrets.token_urlsafe(32)}",
        "{base64.urlsafe_b64encode(os.urandom(32)).decode()}",
        "xxxxxxxxxxxx",
        "********",
        "AKIAIOSFODNN7EXAMPLE",
        "ghs_16C7e42F292c6912E7710c838347Ae178B4a",
        "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
        "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe",
        "AIzaSyAO_FJ2SlqU8Q4STEHLGCilw_Y9_11qcW8",
        "dummy-key",
        "test-password-1",
        "mysecretkey",
        "my-secret-key",
        "my_api-token",
        "secret",
        "aaaaaaaa",
        "1234567890AB",
        "1234567890ABCDEFGHIJKLMN",
        "0123456789abcdefgh",
        "",
    ],
)
def test_placeholders(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("1234567890ABq8Zk3PmW7tR2", id="counted-then-chosen"),
        pytest.param("12345ABCDEFGH", id="five-digits-only"),
        pytest.param("1234567890ACDF", id="letters-skipped"),
        pytest.param("1234567", id="digits-alone"),
        pytest.param("{env:API_PASSWORD:Tq82-relay-Lk}", id="tox-default-written"),
        pytest.param(
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.lJsg50LcSL",
            id="jwt-with-claims",
        ),
        pytest.param("eyJqR8vLm2Qp7xWz.Tn4Kc9Hs3Ba6.Fd1Gy5Ue8Vr", id="no-jose-header"),
        pytest.param("AIzaSyAO_FJ2SlqU8Q4STEHLGCilw_Y9_11qcW8x", id="published-key-extended"),
    ],
)
def test_not_placeholders(value: str) -> None:
    assert not is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    [
        "https://api.example.com/v1",
        "/run/secrets/db_password",
        "keys/private.pem",
        "3600",
        "true",
        "Enter your password",
        "HTTP_X_CSRFTOKEN",
        "password_reset",
        "_password_reset_token",
        "__default_field__",
        "csrfToken",
        "ssl_ca_cert_File",
        "X-Api-Key",
        "django.contrib.sessions",
        "pbkdf2_sha256$870000$abc$def",
        "$2b$12$R9h/cIPz0gi.URNNX3kh2O",
        "scrypt:32768:8:1$salt$hash",
        "{SSHA}abcdef",
        "20/m/ip,5/m/key",
        "100/hour",
        r"^(?=.*(\d|[!@#$%^&*_+-])).{8,}$",
        r"^[a-f0-9]{32}$",
        "2016-11-06T15:32:17.000000",
        "lt:2016-12-08T22:02:00Z",
        "2024-01-31",
        "--password",
        "-p",
        "--db-password",
        "os.path.join(os.path.dirname(",
        'os.environ.get("API_TOKEN")',
        "urn:mace:dir:attribute-def:userPassword",
        "urn:oid:2.5.4.35",
        "URN:ietf:params:oauth:token-type:access_token",
        "sec:privateKeyPem",
        "sec:encryptionKey",
        r"\;confidence:25",
        r"\\;confidence:50",
        r"([\d.]+)\;version:\1",
    ],
)
def test_plainly_not_secret(value: str) -> None:
    assert is_plainly_not_secret(value)


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        pytest.param("hunter22", "a password", True, id="short-password"),
        pytest.param("Tr0ub4dor(3)", "a password", True, id="parenthesis-not-a-call"),
        pytest.param("Sm7p-Relay-2024", "a password", True, id="password"),
        pytest.param("postgres", "a password", False, id="one-word"),
        pytest.param("pw1", "a password", False, id="too-short"),
        pytest.param("9f86d081884c7d659a2feaa0c55ad015", "an API key", True, id="hex-key"),
        pytest.param("abcdefghijkl", "an API key", False, id="one-class"),
        pytest.param("aaaa1111aaaa", "a token", False, id="low-entropy"),
        pytest.param("your-api-key-here", "an API key", False, id="placeholder"),
        pytest.param("20/m/ip5x/key", "a password", True, id="not-a-rate"),
        pytest.param("^Tr0ub4dor$", "a password", True, id="anchored-not-a-pattern"),
        pytest.param("LinOtpTokenSerialnumber", "a token", False, id="capitalised-words"),
        pytest.param("APIAdminPassword", "a secret", False, id="acronym-then-words"),
        pytest.param("SMTPRelayPassword", "a secret", False, id="acronym-then-two-words"),
        pytest.param("QXZKTRabcDefGh", "a secret", True, id="long-capital-run"),
        pytest.param("fido2_credential", "a token", False, id="numbered-words"),
        pytest.param("admin_pass1", "a password", True, id="numbered-words-password"),
        pytest.param("missing-scopes-123", "a token", False, id="hyphened-numbered-words"),
        pytest.param("inactive-user-4821", "a token", False, id="hyphened-case-number"),
        pytest.param("hunter-2222", "a password", True, id="hyphened-words-password"),
        pytest.param("xoxb-123456789012", "a token", True, id="long-number-after-word"),
        pytest.param("a3f9-cafe-1234", "a token", True, id="hex-groups"),
        pytest.param("ab12cd_ef34gh56ij", "a token", True, id="digits-inside-words"),
        pytest.param("CorrectHorseBattery", "a password", True, id="capitalised-password"),
        pytest.param("GlitterAndGlow", "a secret key", True, id="capitalised-secret-key"),
        pytest.param("MorningTideRunner", "a signing key", True, id="capitalised-signing-key"),
        pytest.param("XkQpLmNvRtYwZs", "a token", True, id="capitals-without-words"),
        pytest.param("ExponentPushToken[old_token]", "a token", False, id="labelled-words"),
        pytest.param(
            "ExponentPushToken[xk3Lm9Qp2Rt7Vw1Yz4Bn6C]", "a token", True, id="labelled-token"
        ),
        pytest.param("BSD-3-Clause", "a license key", False, id="spdx-license-id"),
        pytest.param("LicenseRef-Apache-2.0", "a license key", False, id="spdx-license-ref"),
        pytest.param("lgpl-2.1-plus", "a license key", False, id="scancode-license-key"),
        pytest.param("license2-spdx-key", "a license key", False, id="license-key-words"),
        pytest.param("7HJ2K-9PQ3M-XW4TB-R8VNC", "a license key", True, id="activation-key"),
        pytest.param("XKQPL-MNVRT-YWZS9", "a license key", True, id="capital-groups"),
        pytest.param("ABCDE-12345-FGHIJ", "a license key", True, id="number-groups"),
        pytest.param("BSD-3-Clause-Extra", "an API key", True, id="words-api-key"),
        pytest.param("urn:oid:2.5.4.35", "a password", False, id="urn"),
        pytest.param(
            "urn:uuid:6f1c9a2e-8b4d-4e7a-9c3f-2d5b8e1a7f60", "a token", True, id="uuid-urn"
        ),
        pytest.param("urn:Xq7#pLm2", "a password", True, id="urn-prefixed-password"),
        pytest.param("sec:privateKeyPem", "a private key", False, id="json-ld-compact-iri"),
        pytest.param("adm:hunterPass2024", "a password", True, id="prefixed-numbered-password"),
        pytest.param(
            "{'username': 'admin', 'password': 'secret', 'port': 5432}",
            "a secret",
            False,
            id="python-literal-record-stand-in",
        ),
        pytest.param(
            "{'username': 'shop', 'password': 'Hv7nQ2xL9mRt4Kw8'}",
            "a secret",
            True,
            id="python-literal-record-password",
        ),
    ],
)
def test_looks_like_secret(value: str, kind: str, expected: bool) -> None:
    assert looks_like_secret(value, kind) is expected


def test_entropy() -> None:
    assert entropy("") == 0.0
    assert entropy("aaaa") == 0.0
    assert entropy("abcd") == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("terribly_unsafe_default_jwt_secret_key", True, id="unsafe-default-key"),
        pytest.param("insecure-export-token", True, id="insecure-token"),
        pytest.param("default_password", True, id="default-password"),
        pytest.param("x-api-key", False, id="header-name"),
        pytest.param("insecure", False, id="warning-word-alone"),
        pytest.param("default-avatar", False, id="no-secret-word"),
        pytest.param("unsafe-Kx9!q2Lm7", False, id="not-words"),
    ],
)
def test_names_stand_in(value: str, expected: bool) -> None:
    assert names_stand_in(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("insecure", True, id="warning-word-alone"),
        pytest.param("unsafe-default", True, id="warning-words"),
        pytest.param("default", False, id="no-warning-word"),
        pytest.param("insecure-export-token", False, id="names-a-secret-too"),
        pytest.param("insecure1", False, id="not-words"),
    ],
)
def test_says_unsafe(value: str, expected: bool) -> None:
    assert says_unsafe(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("shopcache", True, id="word"),
        pytest.param("shop_cache", True, id="words-joined"),
        pytest.param("mailer-2", True, id="word-and-number"),
        pytest.param("disabled", False, id="says-none"),
        pytest.param("true", False, id="switch-value"),
        pytest.param("MAILER_TOKEN_FROM_VAULT", False, id="variable-name"),
        pytest.param("X-Partner-Key", False, id="header-name"),
        pytest.param("app.tokens.Reader", False, id="dotted-path"),
        pytest.param("csrfToken", False, id="camel-case-field"),
    ],
)
def test_is_setting_word(value: str, expected: bool) -> None:
    assert is_setting_word(value) is expected


@pytest.mark.parametrize(
    ("value", "named"),
    [
        pytest.param("alias/authnz-production", True, id="kms-alias"),
        pytest.param(
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            True,
            id="kms-key-arn",
        ),
        pytest.param("arn:aws:kms:eu-west-1:123456789012:alias/signing", True, id="kms-alias-arn"),
        pytest.param("q8Xz3vLr0Tn5Yw2Pk7Hs9Dm4Bc6Fg1Jt+Va/Ne0R", False, id="secret-access-key"),
        pytest.param("alias/ with space", False, id="not-a-name"),
        pytest.param("arn:aws:secretsmanager:us-east-1:1:secret:x", False, id="other-service"),
    ],
)
def test_names_managed_key(value: str, named: bool) -> None:
    assert names_managed_key(value) is named


@pytest.mark.parametrize(
    ("text", "may"),
    [
        pytest.param(
            "keywords: [cms, lhc]\nmonkey: 1\nkeyboard: x\n", False, id="words-holding-key"
        ),
        pytest.param("apiKey: x", True, id="camel-case"),
        pytest.param("API_KEY=1", True, id="upper-case"),
        pytest.param("APIKEY: 2", True, id="run-together"),
        pytest.param("db:\n  passwd: x", True, id="password-word"),
        pytest.param("Secrets:\n- a", True, id="capitalised"),
    ],
)
def test_may_name_credential(text: str, may: bool) -> None:
    assert may_name_credential(text) is may
