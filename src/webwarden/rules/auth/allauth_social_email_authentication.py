"""WW770: django-allauth told to sign a social login in to the account holding its email."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_SETTING = "SOCIALACCOUNT_EMAIL_AUTHENTICATION"
_PROVIDERS = "SOCIALACCOUNT_PROVIDERS"
_PROVIDER_KEY = "EMAIL_AUTHENTICATION"


class AllauthSocialEmailAuthentication(DjangoSettingRule):
    """## What it does
    Finds `SOCIALACCOUNT_EMAIL_AUTHENTICATION = True` in Django settings, or a provider
    of `SOCIALACCOUNT_PROVIDERS` given `"EMAIL_AUTHENTICATION": True`: django-allauth then
    treats a social login whose provider says the email address is verified as a login
    to the local account holding that address, even when that account never connected
    the social account. `False` (allauth's default) is not reported.

    ## Why is this bad?
    The local account is handed to whoever the provider vouches for. allauth's own
    documentation keeps the setting off because a provider that lets its users claim an
    address they do not own (a self-hosted OpenID Connect server, a provider that marks
    addresses verified loosely, one whose accounts can be re-registered) can then sign
    in to any local account by its email address (CWE-287): an account takeover,
    including of staff accounts. `SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT` also
    connects the social account for good.

    ## Known problems
    With providers that verify addresses strictly (Google's own accounts) the setting
    is safe, and the rule cannot tell which providers a deployment configures in the
    database; review it and keep it to those providers.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "allauth", "allauth.socialaccount"]
    SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "allauth", "allauth.socialaccount"]
    SOCIALACCOUNT_PROVIDERS = {"google": {"EMAIL_AUTHENTICATION": False}}
    ```
    Leave it off, so that a user connects a social account from a session of the local
    account; if a provider is fully trusted, turn it on for that provider alone.

    ## References
    - [CWE-287: Improper Authentication](https://cwe.mitre.org/data/definitions/287.html)
    - [django-allauth: social account configuration](https://docs.allauth.org/en/latest/socialaccount/configuration.html)
    """

    code = "WW770"
    name = "allauth-social-email-authentication"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 287
    message = (
        "`{setting} = True`: a social login is signed in to the local account that holds"
        " the email address the provider gives"
    )
    fix = "leave it off (allauth's default), or turn it on only for a provider you fully trust"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if settings.is_set(_SETTING):
            for possibility in settings.get(_SETTING):
                if possibility.shipped is True:
                    yield Verdict(_SETTING, possibility, {"setting": _SETTING})
        if not settings.is_set(_PROVIDERS):
            return
        for possibility in settings.get(_PROVIDERS):
            providers = possibility.shipped
            if not isinstance(providers, dict):
                continue
            for name, options in providers.items():
                if isinstance(options, dict) and options.get(_PROVIDER_KEY) is True:
                    path = f"{name}.{_PROVIDER_KEY}"
                    yield Verdict(
                        _PROVIDERS,
                        possibility,
                        {"setting": f'{_PROVIDERS}["{name}"]["{_PROVIDER_KEY}"]'},
                        location=possibility.part(path),
                    )
