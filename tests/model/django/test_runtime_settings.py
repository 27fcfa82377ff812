from __future__ import annotations

import ast

import pytest

from webwarden.analysis.constants import UNKNOWN
from webwarden.model.django.runtime_settings import (
    ParameterStores,
    RuntimeSettingsFacts,
    extract_runtime_settings,
    runtime_settings,
)
from webwarden.model.django.settings import SettingsModule
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.roles import Role


def _facts(text: str, module: str = "app.config") -> RuntimeSettingsFacts | None:
    tree = ast.parse(text)
    return extract_runtime_settings(
        FileContext("config.py", module, tuple(text.splitlines()), tree, NameResolver(tree, module))
    )


def test_direct_stores() -> None:
    facts = _facts(
        "from django.conf import settings\n"
        "def ready():\n"
        "    settings.ALLOWED_HOSTS = ['a.example']\n"
        "    setattr(settings, 'DEBUG', False)\n"
        "    settings.lower = 1\n"
    )
    assert facts == RuntimeSettingsFacts(("ALLOWED_HOSTS", "DEBUG"))


def test_parameter_stores_and_handed() -> None:
    stores = _facts("def configure(config, settings):\n    settings.ALLOWED_HOSTS = []\n")
    handed = _facts(
        "from django.conf import settings\n"
        "from app import config\n"
        "def ready():\n"
        "    config.configure(None, settings)\n",
        module="app",
    )
    assert stores == RuntimeSettingsFacts(
        parameters=(ParameterStores("app.config.configure", 1, "settings", ("ALLOWED_HOSTS",)),)
    )
    assert handed == RuntimeSettingsFacts(handed=(("app.config.configure", 1),))
    assert runtime_settings([stores, handed]) == frozenset({"ALLOWED_HOSTS"})


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("settings = object()\nsettings.DEBUG = True\n", id="not-django"),
        pytest.param("def f(options):\n    return options.DEBUG\n", id="only-read"),
    ],
)
def test_nothing_stored(text: str) -> None:
    assert _facts(text) is None


def test_parameter_never_given_django_settings() -> None:
    stores = _facts("def configure(config, options):\n    options.ALLOWED_HOSTS = []\n")
    assert stores is not None
    assert runtime_settings([stores]) == frozenset()


def test_unset_setting_stored_at_runtime_is_unknown() -> None:
    module = SettingsModule(
        "settings", "settings.py", Role.UNSPECIFIED, {}, set_at_runtime=frozenset({"ALLOWED_HOSTS"})
    )
    assert [p.value for p in module.get("ALLOWED_HOSTS")] == [UNKNOWN]
    assert [p.value for p in module.get("DEBUG")] == [False]
