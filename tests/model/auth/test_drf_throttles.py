"""Which scopes Django REST framework's throttles read, and when their rates are None."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth.drf_throttles import (
    DrfThrottles,
    disabled_scopes,
    drf_throttles,
    throttle_scopes,
)
from webwarden.model.django.settings import Possibility, SettingsModule
from webwarden.model.roles import Role
from webwarden.parse.python import ParsedPython, parse_source


def _throttles(source: str, relpath: str = "api/views.py") -> DrfThrottles | None:
    parsed = parse_source(textwrap.dedent(source), relpath)
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    return drf_throttles(make_context(relpath, parsed, plan))


def _scopes(source: str) -> frozenset[str] | None:
    facts = _throttles(source)
    assert facts is not None
    return throttle_scopes([facts])


def test_a_module_saying_nothing_of_throttles_has_no_facts() -> None:
    assert _throttles("def view(request):\n    return 1\n") is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            from rest_framework.throttling import SimpleRateThrottle
            class LoginThrottle(SimpleRateThrottle):
                scope = "login"
            class LoginView:
                throttle_classes = [LoginThrottle]
            """,
            {"login"},
            id="subclass-scope",
        ),
        pytest.param(
            """
            from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
            class LoginView:
                throttle_classes = (AnonRateThrottle, UserRateThrottle)
            """,
            {"anon", "user"},
            id="built-in-scopes",
        ),
        pytest.param(
            """
            from rest_framework.decorators import throttle_classes
            from rest_framework.throttling import ScopedRateThrottle
            @throttle_classes([ScopedRateThrottle])
            def login(request): ...
            class Other:
                throttle_scope = "login"
            """,
            {"login"},
            id="scoped-by-view",
        ),
        pytest.param(
            """
            from rest_framework.throttling import UserRateThrottle
            class Mixin:
                def allow_request(self, request, view):
                    return super().allow_request(request, view)
            class BurstThrottle(Mixin, UserRateThrottle):
                pass
            REST_FRAMEWORK = {"DEFAULT_THROTTLE_CLASSES": ["views.BurstThrottle"]}
            """,
            {"user"},
            id="inherited-scope-through-settings-string",
        ),
    ],
)
def test_scopes_of_the_throttles_put_to_work(source: str, expected: set[str]) -> None:
    assert _scopes(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            from rest_framework.throttling import SimpleRateThrottle
            class LoginThrottle(SimpleRateThrottle):
                scope = "login"
                def allow_request(self, request, view):
                    return check(request)
            class LoginView:
                throttle_classes = [LoginThrottle]
            """,
            id="own-allow-request",
        ),
        pytest.param(
            """
            class LoginView:
                throttle_classes = pick_throttles()
            """,
            id="list-not-written-out",
        ),
        pytest.param(
            """
            from vendor.throttles import LoginThrottle
            class LoginView:
                throttle_classes = [LoginThrottle]
            """,
            id="class-of-another-package",
        ),
        pytest.param(
            """
            from rest_framework.throttling import ScopedRateThrottle
            class LoginView:
                throttle_classes = [ScopedRateThrottle]
            """,
            id="scoped-with-no-view-scope",
        ),
    ],
)
def test_scopes_not_known(source: str) -> None:
    assert _scopes(source) is None


def _settings(*values: object, complete: bool = True) -> SettingsModule:
    state = {"REST_FRAMEWORK": tuple(Possibility(v, None) for v in values)} if values else {}
    return SettingsModule("settings", "settings.py", Role.UNSPECIFIED, state, complete=complete)


def test_rates_of_none_disable_the_scopes() -> None:
    rates = {"DEFAULT_THROTTLE_RATES": {"login": None, "other": "1/minute"}}
    assert disabled_scopes(frozenset({"login"}), [_settings(rates)])
    # NOTE: DRF's default rates give None to `anon` and `user`.
    assert disabled_scopes(frozenset({"anon", "user"}), [_settings({})])
    assert disabled_scopes(frozenset({"anon"}), [_settings()])


@pytest.mark.parametrize(
    "settings",
    [
        pytest.param([_settings({"DEFAULT_THROTTLE_RATES": {"login": "5/minute"}})], id="rate"),
        pytest.param([_settings({"DEFAULT_THROTTLE_RATES": {}})], id="scope-missing"),
        pytest.param(
            [_settings({"DEFAULT_THROTTLE_RATES": {"login": None}}, {"x": 1})],
            id="one-branch-default-rates",
        ),
        pytest.param([_settings(complete=False)], id="settings-not-all-seen"),
        pytest.param([], id="no-settings"),
    ],
)
def test_rates_that_may_throttle(settings: list[SettingsModule]) -> None:
    assert not disabled_scopes(frozenset({"login"}), settings)
