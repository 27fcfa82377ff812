"""Which scopes Django REST framework's throttles read, and when their rates are None."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth.drf_throttles import (
    DrfThrottles,
    disabled_scopes,
    drf_throttles,
    parse_rate,
    throttle_scopes,
    users_only_throttles,
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


def _judged(rest_framework: object) -> list[SettingsModule]:
    values = {"REST_FRAMEWORK": (Possibility(rest_framework, None),)}
    return [SettingsModule("api.settings", "api/settings.py", Role.UNSPECIFIED, values)]


_PER_USER = """
    from rest_framework.throttling import SimpleRateThrottle

    class AccountThrottle(SimpleRateThrottle):
        scope = "account"

        def get_cache_key(self, request, view):
            if request.user.is_authenticated:
                return f"account-{request.user.pk}"
            return None
"""


@pytest.mark.parametrize(
    ("views", "defaults", "expected"),
    [
        pytest.param("", [], (), id="none-put-to-work"),
        pytest.param(
            _PER_USER, ["views.AccountThrottle"], ("views.AccountThrottle",), id="per-user"
        ),
        pytest.param(
            _PER_USER,
            ["views.AccountThrottle", "rest_framework.throttling.UserRateThrottle"],
            None,
            id="per-user-and-drf-user-rate",
        ),
        pytest.param("", ["rest_framework.throttling.AnonRateThrottle"], None, id="anon"),
        pytest.param(
            "from rest_framework.throttling import AnonRateThrottle\n"
            "class LoginView:\n    throttle_classes = [AnonRateThrottle]\n",
            [],
            None,
            id="on-a-view",
        ),
        pytest.param(
            "from rest_framework.decorators import action\n"
            "from rest_framework.throttling import AnonRateThrottle\n"
            "class Accounts:\n"
            "    @action(detail=False, throttle_classes=[AnonRateThrottle])\n"
            "    def login(self, request):\n        pass\n",
            [],
            None,
            id="on-an-extra-action",
        ),
        pytest.param(
            "class LoginView:\n    def get_throttles(self):\n        return pick()\n",
            [],
            None,
            id="chosen-by-the-view",
        ),
    ],
)
def test_users_only_throttles(
    views: str, defaults: list[str], expected: tuple[str, ...] | None
) -> None:
    facts = _throttles(views) if views else None
    every = [("api/views.py", facts)] if facts is not None else []
    judged = _judged({"DEFAULT_THROTTLE_CLASSES": defaults})
    assert users_only_throttles(every, judged) == expected


def test_users_only_throttles_unknown_settings() -> None:
    assert users_only_throttles([], _judged({"DEFAULT_THROTTLE_CLASSES": "x"})) is None
    assert users_only_throttles([], []) is None


def test_users_only_throttles_of_settings_no_judged_module_reads() -> None:
    settings = _throttles(
        """
        REST_FRAMEWORK = {
            "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
        }
        """,
        "deploy/production.py",
    )
    assert settings is not None
    judged = _judged({})
    assert users_only_throttles([("deploy/production.py", settings)], judged) is None
    assert users_only_throttles([("api/settings.py", settings)], judged) == ()


@pytest.mark.parametrize(
    ("rate", "parsed"),
    [
        pytest.param("10/second", (10, 1), id="second"),
        pytest.param("10/s", (10, 1), id="s"),
        pytest.param("100/min", (100, 60), id="min"),
        pytest.param("5000/h", (5000, 3600), id="h"),
        pytest.param("30000/day", (30000, 86400), id="day"),
        pytest.param("ten/second", None, id="count-not-a-number"),
        pytest.param("10/week", None, id="period-unknown"),
        pytest.param(None, None, id="none"),
    ],
)
def test_parse_rate(rate: object, parsed: tuple[int, int] | None) -> None:
    assert parse_rate(rate) == parsed
