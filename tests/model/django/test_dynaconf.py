from __future__ import annotations

import pytest

from webwarden.model.django.dynaconf import merged_over_other_settings
from webwarden.model.django.settings import Possibility


def _values(**settings: object) -> dict[str, tuple[Possibility, ...]]:
    return {name: (Possibility(value, None),) for name, value in settings.items()}


@pytest.mark.parametrize(
    "settings",
    [
        pytest.param({"INSTALLED_APPS": ["app", "dynaconf_merge_unique"]}, id="list-marker"),
        pytest.param({"LOGGING": {"dynaconf_merge": True, "loggers": {}}}, id="dict-key"),
        pytest.param({"MIDDLEWARE": ("a", "dynaconf_merge")}, id="tuple-marker"),
        pytest.param({"CACHES": {"default": {"dynaconf_merge": True}}}, id="nested-dict"),
        pytest.param({"INSTALLED_APPS": "@merge_unique app"}, id="merge-token"),
    ],
)
def test_marked_fragment(settings: dict[str, object]) -> None:
    assert merged_over_other_settings(_values(**settings))


@pytest.mark.parametrize(
    "settings",
    [
        pytest.param({"INSTALLED_APPS": ["app", "dynaconf"]}, id="dynaconf-app"),
        pytest.param({"NOTE": "uses dynaconf_merge elsewhere"}, id="text-mentioning"),
        pytest.param({"LOGGING": {"version": 1, "merge": True}}, id="other-key"),
        pytest.param({"DEBUG": False}, id="plain"),
    ],
)
def test_whole_settings(settings: dict[str, object]) -> None:
    assert not merged_over_other_settings(_values(**settings))
