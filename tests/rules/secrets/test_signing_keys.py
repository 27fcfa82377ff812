"""The value judgement of the app's own signing keys, shared by WW203 and WW220/WW221."""

from __future__ import annotations

import pytest

from webwarden.findings import Severity
from webwarden.rules.secrets._signing_keys import may_hold_key, pepper_severity, weakness


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("change-me", True, id="placeholder"),
        pytest.param("xxx", True, id="filler"),
        pytest.param("<secret key to be changed>", True, id="bracketed"),
        pytest.param(b"q8Zr2LmX7vPk4Tn9Wb3Hs6Jd", True, id="random-bytes"),
        pytest.param("Nobody knows it", True, id="passphrase"),
        pytest.param("access_token", False, id="field-name"),
        pytest.param("js_session", False, id="namespace-words"),
        pytest.param("/run/secrets/fernet.key", False, id="key-file-path"),
        pytest.param("instance/field.key", False, id="relative-key-file"),
        pytest.param("vault://secrets/field-key", False, id="url"),
        pytest.param("FIELD_ENCRYPTION_KEY", False, id="setting-name"),
    ],
)
def test_may_hold_key(value: str | bytes, expected: bool) -> None:
    assert may_hold_key(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("please-change", "a well-known placeholder", id="placeholder"),
        pytest.param("Jd1Zq7Lm2X", "a short literal (10 characters)", id="short"),
        pytest.param(b"Jd1Zq7Lm2Xw9Rt4Vn8Bk3Hs6", "a literal", id="long-bytes"),
    ],
)
def test_weakness(value: str | bytes, expected: str) -> None:
    assert weakness(value) == expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        pytest.param("PASSWORD_PEPPER", Severity.MEDIUM, id="pepper"),
        pytest.param("PEPPER", Severity.MEDIUM, id="pepper-alone"),
        pytest.param("WEBHOOK_HMAC_KEY", None, id="signing-key"),
    ],
)
def test_pepper_severity(key: str, expected: Severity | None) -> None:
    assert pepper_severity(key) is expected
