"""Classifying application log messages: logins, resets, django.security, django.request."""

from __future__ import annotations

import pytest

from webwarden.logs.appevents import app_event
from webwarden.logs.events import EventKind, LoginOutcome


def _classify(message: str, logger: str | None = None) -> tuple[object, ...]:
    event = app_event("app.log", 1, message, 0.0, logger, message)
    return (event.kind, event.login, event.account, event.client, event.security)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        pytest.param(
            "Login failed for user 'bob' from 203.0.113.9",
            (EventKind.LOGIN, LoginOutcome.FAILED, "bob", "203.0.113.9", None),
            id="failed-quoted-user",
        ),
        pytest.param(
            "Invalid password for user alice (ip=2001:db8::7)",
            (EventKind.LOGIN, LoginOutcome.FAILED, "alice", "2001:db8::7", None),
            id="invalid-password-ipv6",
        ),
        pytest.param(
            'AXES: User login failed. {username: "carol", ip_address: "198.51.100.2"}',
            (EventKind.LOGIN, LoginOutcome.FAILED, "carol", "198.51.100.2", None),
            id="django-axes",
        ),
        pytest.param(
            "authentication failed, email=dave@example.com remote_addr=192.0.2.4",
            (EventKind.LOGIN, LoginOutcome.FAILED, "dave@example.com", "192.0.2.4", None),
            id="email-and-remote-addr",
        ),
        pytest.param(
            "User Erin logged in from 192.0.2.5",
            (EventKind.LOGIN, LoginOutcome.SUCCEEDED, "Erin", "192.0.2.5", None),
            id="logged-in",
        ),
        pytest.param(
            'AXES: Successful login by {username: "frank", ip_address: "192.0.2.6"}',
            (EventKind.LOGIN, LoginOutcome.SUCCEEDED, "frank", "192.0.2.6", None),
            id="axes-success",
        ),
        pytest.param(
            "Login failed from 999.1.1.1",
            (EventKind.LOGIN, LoginOutcome.FAILED, None, None, None),
            id="not-an-address",
        ),
        pytest.param(
            "User not logged in, redirecting",
            (EventKind.OTHER, None, None, None, None),
            id="negated",
        ),
        pytest.param(
            "Password reset requested for grace@example.com from 203.0.113.8",
            (EventKind.RESET, None, None, "203.0.113.8", None),
            id="reset",
        ),
        pytest.param(
            "Invalid HTTP_HOST header: 'evil.example'.",
            (EventKind.SECURITY, None, None, None, "DisallowedHost"),
            id="disallowed-host-by-message",
        ),
        pytest.param(
            "The CSRF session token is missing.",
            (EventKind.SECURITY, None, None, None, "csrf"),
            id="flask-wtf-csrf",
        ),
        pytest.param(
            "ratelimit 3 per 1 minute (203.0.113.50) exceeded at endpoint: main.authenticate",
            (EventKind.SECURITY, None, None, "203.0.113.50", "ratelimit"),
            id="flask-limiter",
        ),
        pytest.param(
            "ratelimit 10 per 1 hour (user:42) exceeded at endpoint: api.export",
            (EventKind.SECURITY, None, None, None, "ratelimit"),
            id="flask-limiter-key-not-an-address",
        ),
        pytest.param(
            'AXES: Locking out {username: "admin", ip_address: "192.0.2.44", user_agent: '
            '"curl/8.5.0", path_info: "/admin/login/"} after repeated login failures.',
            (EventKind.SECURITY, None, None, "192.0.2.44", "lockout"),
            id="axes-lockout-is-no-further-failure",
        ),
        pytest.param(
            "Order 42 paid",
            (EventKind.OTHER, None, None, None, None),
            id="other",
        ),
    ],
)
def test_messages(message: str, expected: tuple[object, ...]) -> None:
    assert _classify(message) == expected


def test_security_by_logger_name() -> None:
    assert _classify("Something odd", "django.security.SuspiciousSession")[4] == "SuspiciousSession"
    assert _classify("Something odd", "django.security.")[4] == "security"


def test_django_request_refusals_are_login_candidates() -> None:
    event = app_event("app.log", 1, "x", 0.0, "django.request", "Unauthorized: /api/login/")
    assert (event.kind, event.login, event.target, event.status) == (
        EventKind.LOGIN,
        None,
        "/api/login/",
        401,
    )
    event = app_event("app.log", 1, "x", 0.0, None, "Forbidden (Permission denied): /admin/")
    assert (event.kind, event.status) == (EventKind.LOGIN, 403)
    event = app_event("app.log", 1, "x", 0.0, "myapp", "Unauthorized: /api/login/")
    assert event.kind is EventKind.OTHER  # another logger's words are not Django's
