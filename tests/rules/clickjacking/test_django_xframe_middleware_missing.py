"""WW1001's fix when the settings set django-secure's `SECURE_FRAME_DENY` in vain."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit_source

SETTINGS = """
MIDDLEWARE = [
    {security},
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
INSTALLED_APPS = ["django.contrib.sessions", "django.contrib.auth"]
SECURE_FRAME_DENY = {deny}
"""


@pytest.mark.parametrize(
    ("deny", "noted"),
    [
        pytest.param("True", True, id="set-in-vain"),
        pytest.param("False", False, id="off"),
    ],
)
def test_fix_says_nothing_reads_the_setting(tmp_path: Path, deny: str, noted: bool) -> None:
    source = SETTINGS.format(security='"django.middleware.security.SecurityMiddleware"', deny=deny)
    (found,) = audit_source(tmp_path, source, ["WW1001"], name="settings.py")
    assert ("`SECURE_FRAME_DENY` is django-secure's setting" in found.fix) is noted
