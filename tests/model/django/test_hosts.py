"""`hosts`: whether `ALLOWED_HOSTS` lets `get_host()` return a host the client chose."""

from __future__ import annotations

import pytest

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import NO_DEFAULT
from webwarden.findings import Location
from webwarden.model.django.hosts import admits_foreign_host, any_host_entry, fixed_hosts
from webwarden.model.django.settings import Possibility, SettingsModule
from webwarden.model.roles import Role


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(["*"], id="any-host"),
        pytest.param("*", id="any-host-alone"),
        pytest.param(["shop.example.com", " * "], id="any-host-beside-a-name"),
        pytest.param(["."], id="bare-dot-matches-a-trailing-dot"),
        pytest.param([".com"], id="top-level-domain"),
        pytest.param([".herokuapp.com"], id="shared-hosting-domain"),
        pytest.param([".nip.io"], id="any-address-resolver"),
        pytest.param(["shop.example.com", UNKNOWN], id="unknown-entry"),
        pytest.param(UNKNOWN, id="unknown-value"),
    ],
)
def test_a_foreign_host_is_admitted(value: object) -> None:
    assert admits_foreign_host(value)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param([], id="empty"),
        pytest.param([""], id="empty-environment-default"),
        pytest.param(["shop.example.com", ".shop.example.com"], id="own-domain-pattern"),
        pytest.param([".localhost", "127.0.0.1", "[::1]"], id="debug-loopback"),
        pytest.param(("shop.example.com",), id="tuple"),
        pytest.param(NO_DEFAULT, id="environment-without-default"),
    ],
)
def test_only_fixed_hosts_are_admitted(value: object) -> None:
    assert not admits_foreign_host(value)


def test_any_host_entry_names_the_wildcard_only() -> None:
    assert any_host_entry(["a.example.com", "*"]) == "*"
    assert any_host_entry([".herokuapp.com"]) is None


def _module(role: Role, *values: tuple[object, str]) -> SettingsModule:
    possibilities = tuple(
        Possibility(value, Location("settings.py", 1), branch=branch) for value, branch in values
    )
    state = {"ALLOWED_HOSTS": possibilities, "ROOT_URLCONF": (Possibility("app.urls", None),)}
    return SettingsModule("settings", "settings.py", role, state)


def test_every_deployed_module_must_list_fixed_hosts() -> None:
    production = _module(Role.PRODUCTION, (["shop.example.com"], ""))
    wildcard = _module(Role.UNSPECIFIED, (["*"], ""))
    assert fixed_hosts([production])
    assert not fixed_hosts([production, wildcard])
    # NOTE: a reusable app: the deployment's settings are not in the tree.
    assert fixed_hosts([])


def test_development_values_do_not_count_beside_deployed_ones() -> None:
    production = _module(Role.PRODUCTION, (["shop.example.com"], ""), (["*"], "`DEBUG`"))
    development = _module(Role.DEVELOPMENT, (["*"], ""))
    assert fixed_hosts([production, development])
    # NOTE: with no other module, the development one is what the tree gives.
    assert not fixed_hosts([development])
