"""Pairing values of two settings by their branches (`beside`, `mentions`)."""

from __future__ import annotations

import pytest

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Location
from webwarden.model.django.settings import Possibility, SettingsModule
from webwarden.model.roles import Role
from webwarden.rules.django_settings import beside, mentions

_SECURITY = "django.middleware.security.SecurityMiddleware"


def _settings(**values: tuple[Possibility, ...]) -> SettingsModule:
    return SettingsModule("site.settings", "site/settings.py", Role.UNSPECIFIED, dict(values))


def _value(value: object, branch: str = "") -> Possibility:
    return Possibility(value, Location("site/settings.py", 1, 1), branch=branch)


_ARMS = _settings(
    MIDDLEWARE=(_value([_SECURITY], "`PROXIED`"), _value([], "`not PROXIED`")),
)


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        pytest.param(_value(False, "`not PROXIED`"), False, id="other-arm"),
        pytest.param(_value(False, "`PROXIED`"), True, id="same-arm"),
        pytest.param(_value(False, "`STRICT`"), True, id="independent-test"),
        pytest.param(_value(False), True, id="always"),
        pytest.param(None, True, id="any-value"),
    ],
)
def test_mentions_only_values_that_may_hold_together(
    other: Possibility | None, expected: bool
) -> None:
    assert mentions(_ARMS, "MIDDLEWARE", _SECURITY, other) is expected


def test_mentions_unknown_beside_is_unknown() -> None:
    settings = _settings(MIDDLEWARE=(_value(UNKNOWN, "`PROXIED`"), _value([], "`not PROXIED`")))
    assert mentions(settings, "MIDDLEWARE", _SECURITY, _value(False, "`PROXIED`")) is None


def test_beside_keeps_the_values_of_the_same_arm() -> None:
    found = beside(_ARMS, "MIDDLEWARE", _value(0, "`PROXIED`"))
    assert [p.shipped for p in found] == [[_SECURITY]]
