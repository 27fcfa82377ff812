"""WW842: JWT access tokens of Django's REST packages that stay valid for hours."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.values import lookup
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

ONE_HOUR = 3600.0
LIFETIMES = (
    ("SIMPLE_JWT", "ACCESS_TOKEN_LIFETIME"),
    ("NINJA_JWT", "ACCESS_TOKEN_LIFETIME"),
    ("JWT_AUTH", "JWT_EXPIRATION_DELTA"),
)
"""Where djangorestframework-simplejwt, django-ninja-jwt and djangorestframework-jwt take
the lifetime of the token each request carries (their defaults: five minutes)."""


def describe(lifetime: datetime.timedelta) -> str:
    """`18 hours`, `3 days` for a message."""
    hours = lifetime.total_seconds() / ONE_HOUR
    return f"{hours / 24:g} days" if hours >= 48 else f"{hours:g} hours"


class JwtAccessTokenLifetimeLong(DjangoSettingRule):
    """## What it does
    Finds an access-token lifetime above one hour in the settings of the JWT packages
    for Django REST framework and Django Ninja: `SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"]`
    (djangorestframework-simplejwt), `NINJA_JWT["ACCESS_TOKEN_LIFETIME"]`
    (django-ninja-jwt) and `JWT_AUTH["JWT_EXPIRATION_DELTA"]` (djangorestframework-jwt),
    each five minutes by default. A lifetime read from the environment is judged by its
    default.

    ## Why is this bad?
    An access token is checked by its signature alone: no table says it was revoked, so
    logging out, changing the password or deactivating the user leaves it working until
    it expires. One copied from a log, a browser's storage or a proxy is a login for that
    long. Keep access tokens short and let the refresh token (which these packages can
    rotate and blacklist) carry the long login.

    ## Known problems
    Sliding tokens (`SLIDING_TOKEN_LIFETIME`) and Flask-JWT-Extended's
    `JWT_ACCESS_TOKEN_EXPIRES` are not judged. One hour is a line, not a standard: an
    internal tool may accept a working day knowingly.

    ## Example
    ```python
    from datetime import timedelta

    INSTALLED_APPS = ["rest_framework", "rest_framework_simplejwt"]
    SIMPLE_JWT = {"ACCESS_TOKEN_LIFETIME": timedelta(hours=18)}
    ```

    ## Fix
    ```python
    from datetime import timedelta

    INSTALLED_APPS = ["rest_framework", "rest_framework_simplejwt"]
    SIMPLE_JWT = {
        "ACCESS_TOKEN_LIFETIME": timedelta(minutes=15),
        "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    }
    ```

    ## References
    - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    - [Simple JWT: settings](https://django-rest-framework-simplejwt.readthedocs.io/en/latest/settings.html#access-token-lifetime)
    - [OWASP: JSON Web Token cheat sheet (token revocation)](https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html#no-built-in-token-revocation-by-the-user)
    """

    code = "WW842"
    name = "jwt-access-token-lifetime-long"
    practice = Practice.SESSIONS
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 613
    about_pages = True
    message = '`{setting}["{key}"]` is {lifetime}: a stolen access token stays valid that long, logout or not'
    fix = "keep access tokens to minutes (the packages' default is five) and refresh them"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for setting, key in LIFETIMES:
            for possibility in settings.get(setting):
                config = possibility.shipped
                if possibility.location is None or not isinstance(config, dict):
                    continue
                lifetime = lookup(config, key)
                if isinstance(lifetime, datetime.timedelta) and lifetime.total_seconds() > ONE_HOUR:
                    yield Verdict(
                        setting,
                        possibility,
                        {"setting": setting, "key": key, "lifetime": describe(lifetime)},
                        possibility.part(key),
                        value=None if (raw := lookup(possibility.value, key)) is UNKNOWN else raw,
                    )
