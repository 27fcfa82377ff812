"""Which route and view names say a route logs the user out rather than in."""

from __future__ import annotations

import pytest

from webwarden.model.auth.logins import logs_out


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("logout_then_login/", id="django-logout-then-login"),
        pytest.param("^accounts/log-out-and-log-in/$", id="hyphens"),
        pytest.param("sign-out-and-sign-in/", id="sign-out"),
        pytest.param("insights_logout_then_login", id="view-name"),
        pytest.param("signOutThenSignIn", id="camel-case"),
    ],
)
def test_names_logging_out(name: str) -> None:
    assert logs_out(name)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("login/", id="login"),
        pytest.param("accounts/sign-in/", id="sign-in"),
        pytest.param("login/timeout/", id="timeout-is-no-logout"),
        pytest.param("blog/outline/login/", id="blog-outline"),
        pytest.param("dialog_output_login", id="dialog-output"),
        pytest.param("blog_out/login/", id="blog-out"),
    ],
)
def test_names_not_logging_out(name: str) -> None:
    assert not logs_out(name)
