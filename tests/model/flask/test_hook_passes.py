"""The requests a login hook lets through before its check."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.extract import extract
from webwarden.parse.python import ParsedPython, parse_source


def _passes(body: str) -> tuple[str, ...]:
    source = "from flask import Flask, request\n\napp = Flask(__name__)\n\n\n"
    parsed = parse_source(source + textwrap.dedent(body), "app.py")
    assert isinstance(parsed, ParsedPython)
    facts = extract(make_context("app.py", parsed, FilePlan((), 1 << 20, frozenset(), ())))
    assert facts is not None
    (hook,) = facts.hooks
    return hook.passes


@pytest.mark.parametrize(
    ("body", "passes"),
    [
        pytest.param(
            """
            @app.before_request
            def gate():
                allowed = request.path.startswith("/login") or request.path == "/ping"
                if not user.is_authenticated and not allowed:
                    return redirect("/login")
            """,
            ("/login", "=/ping"),
            id="excluded-by-a-local",
        ),
        pytest.param(
            """
            @app.before_request
            def gate():
                if request.endpoint in ("login", "static"):
                    return None
                if not user.is_authenticated:
                    abort(401)
            """,
            ("endpoint:login", "endpoint:static"),
            id="early-return",
        ),
        pytest.param(
            """
            @app.before_request
            def gate():
                if request.path.startswith("/admin") and not user.is_admin:
                    abort(403)
            """,
            (),
            id="checked-only-under-a-prefix",
        ),
        pytest.param(
            """
            @app.before_request
            def gate():
                if request.path.startswith("/api") or is_public():
                    return
                if not user.is_authenticated:
                    abort(401)
            """,
            (),
            id="or-with-another-test",
        ),
        pytest.param(
            """
            @app.before_request
            def gate():
                key = request.headers.get("X-Api-Key")
                if key:
                    if not known(key):
                        abort(401)
                elif request.path.startswith("/static"):
                    return None
                else:
                    if "user" not in session and not request.path.startswith("/login"):
                        abort(401)
            """,
            ("/static", "/login"),
            id="in-branches-of-another-test",
        ),
        pytest.param(
            """
            @app.after_request
            def headers(response):
                if request.path.startswith("/static"):
                    return response
                return response
            """,
            (),
            id="after-request",
        ),
    ],
)
def test_passes(body: str, passes: tuple[str, ...]) -> None:
    assert _passes(body) == passes
