"""Shared reading of the Django session settings for WW801 and WW802."""

from __future__ import annotations

from webwarden.model.django import SettingsModule
from webwarden.model.django.defaults import SESSION_MIDDLEWARE, SESSIONS_APP
from webwarden.rules.django_settings import mentions


def uses_sessions(settings: SettingsModule) -> bool:
    """Whether `django.contrib.sessions` or `SessionMiddleware` may be installed (the
    condition of Django's session cookie checks)."""
    return bool(
        mentions(settings, "INSTALLED_APPS", SESSIONS_APP)
        or mentions(settings, "MIDDLEWARE", SESSION_MIDDLEWARE)
    )
