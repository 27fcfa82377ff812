"""Where a module sets up a Flask extension serving a password login form of its own."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth.extension_logins import extension_login_entries
from webwarden.parse.python import ParsedPython, parse_source


def _entries(source: str) -> list[tuple[int, str]]:
    parsed = parse_source(textwrap.dedent(source), "site/auth.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    ctx = make_context("site/auth.py", parsed, plan)
    return [(entry.location.line, entry.what) for entry in extension_login_entries(ctx)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            from flask_simplelogin import SimpleLogin

            def configure(app):
                SimpleLogin(app, login_checker=check)
            """,
            [(5, "Flask-SimpleLogin's `/login/` form")],
            id="simplelogin-set-up-in-a-function",
        ),
        pytest.param(
            """
            import flask_user

            user_manager = flask_user.UserManager(app, db, User)
            """,
            [(4, "Flask-User's `/user/sign-in` form")],
            id="flask-user-by-module",
        ),
        pytest.param(
            """
            from flask_simplelogin import login_required

            def SimpleLogin(app):
                return app
            """,
            [],
            id="only-its-decorator-imported",
        ),
        pytest.param(
            """
            from flask_security import Security

            Security(app, datastore)
            """,
            [],
            id="flask-security-tracks-logins",
        ),
    ],
)
def test_extension_login_entries(source: str, expected: list[tuple[int, str]]) -> None:
    assert _entries(source) == expected
