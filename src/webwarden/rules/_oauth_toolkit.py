"""django-oauth-toolkit's settings dict, as the rules judging its options read it."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.model.django import SettingsModule
from webwarden.model.django.settings import Possibility
from webwarden.rules.django_settings import mentions

SETTING = "OAUTH2_PROVIDER"
APP = "oauth2_provider"


def provider_configs(
    settings: SettingsModule,
) -> Iterator[tuple[Possibility, dict[object, object]]]:
    """Each value `OAUTH2_PROVIDER` may ship as a dict the settings write, in a settings
    chain that installs `oauth2_provider` (the options of an app the project does not
    install are no one's)."""
    if mentions(settings, "INSTALLED_APPS", APP) is False:
        return
    for possibility in settings.get(SETTING):
        config = possibility.shipped
        if possibility.location is None or not isinstance(config, dict):
            continue
        if mentions(settings, "INSTALLED_APPS", APP, possibility) is False:
            continue
        yield possibility, config
