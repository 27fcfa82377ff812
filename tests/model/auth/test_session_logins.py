"""Which session keys mark a logged-in user."""

from __future__ import annotations

import pytest

from webwarden.model.auth.session_logins import marks_login


@pytest.mark.parametrize(
    "key",
    [
        "_auth_user_id",
        "user_id",
        "userId",
        "uid",
        "user",
        "member_id",
        "logged_in",
        "authenticated",
    ],
)
def test_keys_naming_the_logged_in_user(key: str) -> None:
    assert marks_login(key)


@pytest.mark.parametrize(
    "key",
    ["username", "email", "user_prefs", "next", "not_authenticated", "unlogged", "id", "pending"],
)
def test_keys_kept_for_something_else(key: str) -> None:
    assert not marks_login(key)
