"""Library views that a setting lets change state on GET.

django-allauth's views ask for a POST (the confirmation page's form) unless a setting
says otherwise:
- `ACCOUNT_LOGOUT_ON_GET = True`: its `LogoutView` logs the user out on GET, so a link
  or an `<img>` on any site logs them out;
- `SOCIALACCOUNT_LOGIN_ON_GET = True`: a provider's login view starts the OAuth flow on
  GET, so any page can start a login or an account connection. allauth 0.47 asked for a
  POST after its security notice: a malicious site signs the victim's browser into the
  attacker's provider account, then connects it to the victim's account.

mozilla-django-oidc's `OIDCLogoutView` likewise refuses GET unless
`ALLOW_LOGOUT_GET_METHOD = True`. The views are the library's, mounted with
`include("allauth.urls")` or `include("mozilla_django_oidc.urls")`, so the setting is
what shows them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from webwarden.findings import Location
from webwarden.model.django import DjangoProject, SettingsModule


@dataclass(frozen=True, slots=True)
class SettingGet:
    """A library's view that a setting lets change state on GET."""

    location: Location
    view: str
    rule: str
    what: str
    fix: str


@dataclass(frozen=True, slots=True)
class _Switch:
    app: str
    setting: str
    view: str
    rule: str
    does: str
    instead: str
    library: str = "django-allauth"


_SWITCHES = (
    _Switch(
        "allauth.account",
        "ACCOUNT_LOGOUT_ON_GET",
        "allauth.account.views.LogoutView",
        ".../logout/",
        "log the user out",
        "logout then takes a POST from the confirmation form",
    ),
    _Switch(
        "allauth.socialaccount",
        "SOCIALACCOUNT_LOGIN_ON_GET",
        "allauth.socialaccount.providers.oauth2.views.OAuth2LoginView",
        ".../<provider>/login/",
        "start a social login or connect a social account",
        "a social login then starts from a form's POST",
    ),
    _Switch(
        "mozilla_django_oidc",
        "ALLOW_LOGOUT_GET_METHOD",
        "mozilla_django_oidc.views.OIDCLogoutView",
        ".../logout/",
        "log the user out",
        "logout then takes a POST only",
        "mozilla-django-oidc",
    ),
)


def setting_gets(django: DjangoProject) -> Iterator[SettingGet]:
    """Where a settings module a deployment runs (not a development or test one) turns
    on a library's state change on GET, each place once."""
    seen: set[Location] = set()
    for settings in django.judged:
        if settings.role.is_development:
            continue
        for switch in _SWITCHES:
            if not _installed(settings, switch.app):
                continue
            for possibility in settings.get(switch.setting):
                where = possibility.location
                if where is None or where in seen or possibility.shipped is not True:
                    continue
                seen.add(where)
                yield SettingGet(
                    where,
                    switch.view,
                    switch.rule,
                    f"`{switch.setting} = True` makes {switch.library} {switch.does}",
                    f"remove `{switch.setting}` ({switch.instead})",
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
