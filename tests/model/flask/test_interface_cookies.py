"""The cookie flags a project's session interface gives the cookies it writes itself."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.extract import extract
from webwarden.parse.python import ParsedPython, parse_source


def _flags(body: str) -> tuple[tuple[str, frozenset[str]], ...]:
    source = "import flask\nfrom flask.sessions import SessionInterface\n\n\n" + textwrap.dedent(
        body
    )
    parsed = parse_source(source, "app/sessions.py")
    assert isinstance(parsed, ParsedPython)
    facts = extract(make_context("app/sessions.py", parsed, FilePlan((), 1 << 20, frozenset(), ())))
    assert facts is not None
    return facts.interface_cookies


@pytest.mark.parametrize(
    ("call", "flags"),
    [
        pytest.param(
            'set_cookie("s", v, secure=True, samesite="Lax")', {"secure", "samesite"}, id="on"
        ),
        pytest.param(
            'set_cookie("s", v, secure=cfg.get("SECURE", True))', {"secure"}, id="default"
        ),
        pytest.param(
            "set_cookie(key='s', value=v, secure=flask.request.is_secure)", {"secure"}, id="https"
        ),
        pytest.param(
            'set_cookie("s", v, secure=cfg["SECURE"], samesite="None")', set(), id="unknown"
        ),
        pytest.param('set_cookie("s", v, secure=False, samesite=None)', set(), id="off"),
    ],
)
def test_flags_given_to_the_cookie_written(call: str, flags: set[str]) -> None:
    body = f"""
    class Sessions(SessionInterface):
        def save_session(self, app, session, response):
            v = session.sid
            response.{call}
    """
    assert _flags(body) == (("sessions.Sessions", frozenset(flags)),)


def test_a_local_bound_once_and_a_cookie_only_expired() -> None:
    body = """
    class Sessions(SessionInterface):
        def save_session(self, app, session, response):
            secure = app.config.get("SESSION_COOKIE_SECURE", True)
            if session:
                response.set_cookie("s", session.sid, secure=secure, samesite="Strict")
            else:
                response.set_cookie("s", expires=0)
    """
    assert _flags(body) == (("sessions.Sessions", frozenset({"secure", "samesite"})),)


def test_every_cookie_written_must_carry_the_flag() -> None:
    body = """
    class Sessions(SessionInterface):
        def save_session(self, app, session, response):
            response.set_cookie("s", session.sid, secure=True, samesite="Lax")
            response.set_cookie("remember", session.token, samesite="Lax")
    """
    assert _flags(body) == (("sessions.Sessions", frozenset({"samesite"})),)


def test_an_interface_writing_no_cookie_tells_nothing() -> None:
    body = """
    class Sessions(SessionInterface):
        def save_session(self, app, session, response):
            self.store.save(session)
    """
    assert _flags(body) == ()


@pytest.mark.parametrize(
    "methods",
    [
        pytest.param(
            "def save_session(self, app, session, response):\n    return", id="save-returns"
        ),
        pytest.param(
            'def save_session(self, *args, **kwargs):\n    """Keep nothing."""\n    pass',
            id="save-passes",
        ),
        pytest.param(
            "def should_set_cookie(self, app, session):\n    return False", id="never-should"
        ),
    ],
)
def test_an_interface_writing_no_session_cookie_leaves_no_flag_missing(methods: str) -> None:
    body = "class Stateless(SessionInterface):\n" + textwrap.indent(methods, "    ")
    assert _flags(body) == (("sessions.Stateless", frozenset({"secure", "samesite"})),)


def test_a_factory_returning_a_cookieless_interface_made_inside_it() -> None:
    body = """
    def stateless_sessions():
        class Stateless(SessionInterface):
            def should_set_cookie(self, app, session):
                return False

        return Stateless()
    """
    no_cookie = frozenset({"secure", "samesite"})
    assert _flags(body) == (
        ("sessions.stateless_sessions.Stateless", no_cookie),
        ("sessions.stateless_sessions", no_cookie),
    )


@pytest.mark.parametrize(
    "methods",
    [
        pytest.param(
            "def should_set_cookie(self, app, session):\n    return app.config['KEEP']",
            id="should-reads-config",
        ),
        pytest.param(
            "def should_set_cookie(self, app, session):\n    return False\n"
            "def save_session(self, app, session, response):\n    self.store.save(session)",
            id="own-save-ignores-should",
        ),
    ],
)
def test_an_interface_that_may_write_the_cookie_is_not_cookieless(methods: str) -> None:
    body = "class Sessions(SessionInterface):\n" + textwrap.indent(methods, "    ")
    assert _flags(body) == ()


def test_a_factory_that_may_return_another_interface_is_not_cookieless() -> None:
    body = """
    class Stateless(SessionInterface):
        def save_session(self, app, session, response):
            return None


    def sessions(api_only):
        if api_only:
            return Stateless()
        return flask.sessions.SecureCookieSessionInterface()
    """
    assert _flags(body) == (("sessions.Stateless", frozenset({"secure", "samesite"})),)
