"""A middleware requiring login for every view, and settings letting the API through it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.django.test_settings import model, write
from webwarden.model.django.login_middleware import exempts_api, login_middleware

_BASE = """
ROOT_URLCONF = "site.urls"
INSTALLED_APPS = ["django.contrib.auth", "rest_framework"]
"""


@pytest.mark.parametrize(
    ("extra", "required", "exempt"),
    [
        pytest.param(
            'MIDDLEWARE = ["login_required.middleware.LoginRequiredMiddleware"]\n',
            True,
            False,
            id="login-required-middleware",
        ),
        pytest.param(
            'MIDDLEWARE = ["login_required.middleware.LoginRequiredMiddleware"]\n'
            'LOGIN_REQUIRED_IGNORE_VIEW_NAMES = ["login", "password_reset"]\n',
            True,
            False,
            id="login-pages-let-through",
        ),
        pytest.param(
            'MIDDLEWARE = ["site.middleware.LoginRequiredMiddleware"]\n'
            'LOGIN_EXEMPT_URLS = [r"^api/v1/"]\n',
            True,
            True,
            id="api-let-through",
        ),
        pytest.param(
            'MIDDLEWARE = ["site.middleware.LoginRequiredMiddleware"]\n'
            "LOGIN_REQUIRED_IGNORE_PATHS = PUBLIC\n",
            True,
            True,
            id="exemptions-unknown",
        ),
        pytest.param(
            'MIDDLEWARE = ["django.contrib.auth.middleware.AuthenticationMiddleware"]\n',
            False,
            False,
            id="no-login-middleware",
        ),
    ],
)
def test_login_middleware(tmp_path: Path, extra: str, required: bool, exempt: bool) -> None:
    write(tmp_path, {"site/__init__.py": "", "site/settings.py": _BASE + extra})
    django = model(tmp_path)
    assert login_middleware(django) is required
    assert exempts_api(django) is exempt
