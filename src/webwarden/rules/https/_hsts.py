"""Shared reading of the HSTS settings for the WW9xx HSTS rules."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.model.django import Possibility, SettingsModule
from webwarden.model.django.defaults import SECURITY_MIDDLEWARE
from webwarden.model.django.values import is_known
from webwarden.model.roles import exclusive
from webwarden.rules.django_settings import mentions

ONE_YEAR = 31_536_000


def hsts_seconds(settings: SettingsModule) -> Iterator[tuple[Possibility, int]]:
    """Each value of `SECURE_HSTS_SECONDS` as whole seconds, when `SecurityMiddleware`
    is installed (the setting does nothing without it)."""
    if not mentions(settings, "MIDDLEWARE", SECURITY_MIDDLEWARE):
        return
    for possibility in settings.get("SECURE_HSTS_SECONDS"):
        if not mentions(settings, "MIDDLEWARE", SECURITY_MIDDLEWARE, possibility):
            continue
        value = possibility.shipped
        if value is None or value is False:
            yield possibility, 0
        elif is_known(value) and isinstance(value, int | float | str):
            try:
                yield possibility, int(value)
            except ValueError:
                continue


def is_on(settings: SettingsModule, where: Possibility | None = None) -> bool:
    """Whether HSTS may be on (some value of `SECURE_HSTS_SECONDS` is above zero), where
    the given value of another setting holds: not in the other arm of the `if` that turns
    HSTS on (`if not DEBUG:`), where `SECURE_HSTS_SECONDS` is off."""
    return any(
        seconds > 0 and (where is None or not exclusive(possibility.branch, where.branch))
        for possibility, seconds in hsts_seconds(settings)
    )


def duration(seconds: int) -> str:
    """`300` -> `5 minutes`, `3600` -> `1 hour`, `2592000` -> `30 days` (rounded down)."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"
