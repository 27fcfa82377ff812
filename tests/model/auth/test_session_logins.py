"""Which session keys mark a logged-in user, and which functions log one in."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth.session_logins import marks_login, session_logins
from webwarden.parse.python import ParsedPython, parse_source


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


def _logins(source: str) -> list[str]:
    parsed = parse_source(textwrap.dedent(source), "app/auth.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/auth.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    return [login.function for login in session_logins(ctx)]


_BODY = """
    def authenticate(self, request, username=None, password=None):
        user = check_password(password, stored)
        request.session["user_id"] = user.pk
        return user
"""


@pytest.mark.parametrize(
    ("header", "found"),
    [
        pytest.param("class ApiBackend:", [], id="backend-with-get-user"),
        pytest.param("class Audited(ModelBackend):", [], id="derived-from-django"),
        pytest.param("class SignIn(View):", ["authenticate"], id="view-step"),
    ],
)
def test_a_backend_authenticate_is_no_login(header: str, found: list[str]) -> None:
    get_user = (
        "\n    def get_user(self, user_id):\n        return None\n" if "Api" in header else ""
    )
    source = (
        "from django.contrib.auth.backends import ModelBackend\n"
        "from django.views import View\n\n"
        f"{header}{textwrap.indent(textwrap.dedent(_BODY), '    ')}{get_user}"
    )
    assert _logins(source) == found
