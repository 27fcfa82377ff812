"""Session interfaces that take the session from a request header, and for which URLs."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.extract import extract
from webwarden.parse.python import ParsedPython, parse_source


def _prefixes(body: str) -> tuple[str, ...]:
    source = "from flask.sessions import SessionInterface\n\n\n" + textwrap.dedent(body)
    parsed = parse_source(source, "app/sessions.py")
    assert isinstance(parsed, ParsedPython)
    facts = extract(make_context("app/sessions.py", parsed, FilePlan((), 1 << 20, frozenset(), ())))
    assert facts is not None
    return facts.header_sessions


@pytest.mark.parametrize(
    ("body", "prefixes"),
    [
        pytest.param(
            """
            class Sessions(SessionInterface):
                def open_session(self, app, request):
                    if request.path.startswith("/api"):
                        sid = request.headers.get("X-Session")
                    else:
                        sid = request.cookies.get("session")
                    return self.load(sid)
            """,
            ("/api",),
            id="startswith",
        ),
        pytest.param(
            """
            class Sessions(SessionInterface):
                def open_session(self, app, request):
                    return self.load(request.headers.get("Authorization"))
            """,
            ("/",),
            id="header-for-every-request",
        ),
        pytest.param(
            """
            class Sessions(SessionInterface):
                def open_session(self, app, request):
                    sid = request.headers.get("X-Session") or request.cookies.get("s")
                    return self.load(sid)
            """,
            (),
            id="header-or-cookie-anywhere",
        ),
        pytest.param(
            """
            class Sessions(SessionInterface):
                def open_session(self, app, request):
                    if request.headers.get("X-Requested-With"):
                        self.ajax = True
                    return self.load(request.cookies.get("session"))
            """,
            (),
            id="header-read-but-session-by-cookie",
        ),
    ],
)
def test_header_session_prefixes(body: str, prefixes: tuple[str, ...]) -> None:
    assert _prefixes(body) == prefixes
