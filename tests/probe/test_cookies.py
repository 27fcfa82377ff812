"""`Set-Cookie` parsing as browsers do it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from webwarden.probe.cookies import display_attribute, parse_set_cookie

NOW = datetime(2030, 1, 1, tzinfo=UTC)


def test_attributes_flags_and_masking() -> None:
    cookie = parse_set_cookie('sessionid="abc"; Path=/; secure; HTTPONLY; SameSite=Strict; Path=/x')
    assert cookie is not None
    assert (cookie.name, cookie.value) == ("sessionid", "abc")
    assert cookie.secure
    assert cookie.httponly
    assert cookie.samesite == "strict"
    assert cookie.attribute("path") == "/x", "the last attribute wins"
    assert cookie.is_session
    assert not cookie.is_csrf
    assert (
        cookie.masked()
        == "Set-Cookie: sessionid=…; Path=/; Secure; HttpOnly; SameSite=Strict; Path=/x"
    )


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        pytest.param("a=1; Max-Age=60", 60.0, id="max-age"),
        pytest.param(
            "a=1; Max-Age=60; Expires=Wed, 01 Jan 2031 00:00:00 GMT", 60.0, id="max-age-wins"
        ),
        pytest.param("a=1; Expires=Tue, 01 Jan 2030 01:00:00 GMT", 3600.0, id="expires"),
        pytest.param("a=1; Expires=2030-01-01 01:00:00", None, id="bad-expires"),
        pytest.param("a=1; Max-Age=soon", None, id="bad-max-age"),
        pytest.param("a=1", None, id="browser-session"),
    ],
)
def test_lifetime(header: str, seconds: float | None) -> None:
    cookie = parse_set_cookie(header)
    assert cookie is not None
    assert cookie.lifetime_seconds(NOW) == seconds


@pytest.mark.parametrize(
    "header",
    [pytest.param("flag-only", id="no-pair"), pytest.param("=value", id="no-name")],
)
def test_unparseable(header: str) -> None:
    assert parse_set_cookie(header) is None


def test_kinds_and_spelling() -> None:
    csrf = parse_set_cookie("csrftoken=x; SameSite=lax-ish")
    assert csrf is not None
    assert csrf.is_csrf
    assert not csrf.is_session
    assert csrf.samesite == ""
    assert not csrf.deleted
    deleted = parse_set_cookie("sessionid=; Max-Age=0")
    assert deleted is not None
    assert deleted.deleted
    assert deleted.masked() == "Set-Cookie: sessionid=; Max-Age=0"
    assert display_attribute("x-custom") == "x-custom"
