"""Tests for `webwarden.model.signed_in_user`."""

from __future__ import annotations

import pytest

from webwarden.model.signed_in_user import is_signed_in_user


@pytest.mark.parametrize(
    ("owner", "signed_in"),
    [
        pytest.param("flask_login.current_user", True, id="flask-login"),
        pytest.param("flask.g.user", True, id="user-on-g"),
        pytest.param("flask.g.current_user", True, id="current-user-on-g"),
        pytest.param("flask.g.session.user", True, id="login-session-on-g-holds-user"),
        pytest.param("flask.g.auth.current_user", True, id="auth-object-on-g-holds-user"),
        pytest.param("flask.g.db", False, id="connection-on-g"),
        pytest.param("flask.g.store.users", False, id="collection-of-users-on-g"),
        pytest.param("flask.g.a.b.user", False, id="deeper-than-one-holder"),
        pytest.param("app.session.user", False, id="not-on-g"),
    ],
)
def test_is_signed_in_user(owner: str, signed_in: bool) -> None:
    assert is_signed_in_user(owner) is signed_in
