from __future__ import annotations

import ast

import pytest

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Location
from webwarden.model.django.configure_call import (
    ConfigureFacts,
    apply_configure,
    extract_configure,
)
from webwarden.model.django.settings import Possibility, SettingsModule
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.roles import Role


def _facts(text: str) -> ConfigureFacts | None:
    tree = ast.parse(text)
    return extract_configure(
        FileContext(
            "manage.py", "manage", tuple(text.splitlines()), tree, NameResolver(tree, "manage")
        )
    )


def _module(**settings: tuple[object, int]) -> SettingsModule:
    values = {
        name: (Possibility(value, Location("settings.py", line)),)
        for name, (value, line) in settings.items()
    }
    return SettingsModule("settings", "settings.py", Role.UNSPECIFIED, values)


def test_keyword_built_from_parts() -> None:
    facts = _facts(
        "from django.conf import settings\n"
        "from base import settings as base\n"
        "middleware = list(base.BASE_MIDDLEWARE) + base.MIDDLEWARE\n"
        "settings.configure(base, MIDDLEWARE=middleware, DEBUG=False)\n"
    )
    assert facts == ConfigureFacts((("MIDDLEWARE", ("BASE_MIDDLEWARE", "MIDDLEWARE")),))


def test_mapping_keys_stored() -> None:
    facts = _facts(
        "def main(values):\n"
        "    from django.conf import settings\n"
        '    values["INSTALLED_APPS"] = values["BASE_INSTALLED_APPS"] + values["INSTALLED_APPS"]\n'
        "    settings.configure(**values)\n"
    )
    assert facts == ConfigureFacts((("INSTALLED_APPS", ("BASE_INSTALLED_APPS", "INSTALLED_APPS")),))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("settings.configure(MIDDLEWARE=[])\n", id="not-django"),
        pytest.param(
            "from django.conf import settings\nsettings.configure(MIDDLEWARE=['a'])\n",
            id="literal",
        ),
        pytest.param(
            "from django.conf import settings\n"
            "from site.settings import INSTALLED_APPS\n"
            "settings.configure(INSTALLED_APPS=INSTALLED_APPS + ['tests'])\n",
            id="test-runner",
        ),
    ],
)
def test_nothing_given(text: str) -> None:
    facts = _facts(text)
    assert facts is None or facts.given == ()


def test_parts_joined_as_written_setting_last() -> None:
    module = _module(MIDDLEWARE=([], 9), BASE_MIDDLEWARE=(["b"], 3), EXTRA_MIDDLEWARE=(["e"], 6))
    given = ConfigureFacts((("MIDDLEWARE", ("BASE_MIDDLEWARE", "EXTRA_MIDDLEWARE", "MIDDLEWARE")),))
    apply_configure(module, [given, given])
    (joined,) = module.get("MIDDLEWARE")
    assert joined.value == ["b", "e"]
    assert joined.location == Location("settings.py", 3)


def test_unreadable_part_is_unknown() -> None:
    module = _module(MIDDLEWARE=([], 9), BASE_MIDDLEWARE=(UNKNOWN, 3))
    apply_configure(module, [ConfigureFacts((("MIDDLEWARE", ("BASE_MIDDLEWARE", "MIDDLEWARE")),))])
    assert module.get("MIDDLEWARE") == (Possibility(UNKNOWN, None),)
