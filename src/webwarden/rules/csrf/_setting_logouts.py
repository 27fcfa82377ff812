"""Logouts on GET that a library's setting turns on.

django-allauth's `LogoutView` asks for a POST (the confirmation page's form) unless
`ACCOUNT_LOGOUT_ON_GET` is true: then a link or an `<img>` on any site logs the user
out. The view is the library's, mounted with `include("allauth.urls")`, so the setting
is what shows it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from webwarden.findings import Location
from webwarden.model.django import DjangoProject, SettingsModule

_ALLAUTH_ACCOUNT = "allauth.account"
_LOGOUT_ON_GET = "ACCOUNT_LOGOUT_ON_GET"


@dataclass(frozen=True, slots=True)
class SettingLogout:
    """A library's logout view that a setting lets answer GET."""

    location: Location
    view: str
    rule: str
    what: str
    fix: str


def setting_logouts(django: DjangoProject) -> Iterator[SettingLogout]:
    """Where a settings module a deployment runs (not a development or test one) turns
    on django-allauth's logout on GET, each place once."""
    seen: set[Location] = set()
    for settings in django.judged:
        if settings.role.is_development or not _installed(settings, _ALLAUTH_ACCOUNT):
            continue
        for possibility in settings.get(_LOGOUT_ON_GET):
            where = possibility.location
            if where is None or where in seen or possibility.shipped is not True:
                continue
            seen.add(where)
            yield SettingLogout(
                where,
                "allauth.account.views.LogoutView",
                ".../logout/",
                f"`{_LOGOUT_ON_GET} = True` makes django-allauth log the user out",
                f"remove `{_LOGOUT_ON_GET}` (logout then takes a POST from the confirmation form)",
            )


def _installed(settings: SettingsModule, app: str) -> bool:
    """Whether some value of `INSTALLED_APPS` lists `app` (or its app config)."""
    for possibility in settings.get("INSTALLED_APPS"):
        apps = possibility.shipped
        if isinstance(apps, list | tuple) and any(
            isinstance(name, str) and (name == app or name.startswith(f"{app}.apps."))
            for name in apps
        ):
            return True
    return False
