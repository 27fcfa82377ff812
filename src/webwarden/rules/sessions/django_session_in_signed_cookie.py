"""WW888: Django sessions kept in signed cookies, which logging out cannot end."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_SIGNED_COOKIES = "django.contrib.sessions.backends.signed_cookies"


class DjangoSessionInSignedCookie(DjangoSettingRule):
    """## What it does
    Finds settings modules whose `SESSION_ENGINE` is Django's cookie-based backend,
    `django.contrib.sessions.backends.signed_cookies`, which keeps the whole session in
    a cookie the server signs and keeps no record of.

    ## Why is this bad?
    The server cannot end such a session. Logging out (`flush()`) only asks this browser
    to drop its cookie: a copy an attacker took (a stolen cookie, one sent over plain
    HTTP, one left on a shared computer) stays valid, logged in as that user, until
    `SESSION_COOKIE_AGE` runs out, and changing the password does not end it either.
    Django's documentation warns of this replay; the database, cache and file backends
    delete the session on logout.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.sessions"]
    SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.sessions"]
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    ```

    ## References
    - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    - [Django: using cookie-based sessions](https://docs.djangoproject.com/en/stable/topics/http/sessions/#using-cookie-based-sessions)
    - [OWASP Session Management Cheat Sheet: manual session expiration](https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#manual-session-expiration)
    """

    code = "WW888"
    name = "django-session-in-signed-cookie"
    practice = Practice.SESSIONS
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 613
    message = (
        "`SESSION_ENGINE` is `signed_cookies`: logging out cannot end a session whose "
        "cookie was copied"
    )
    fix = "keep sessions on the server (`db`, `cache` or `cached_db` backend)"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("SESSION_ENGINE"):
            if possibility.shipped == _SIGNED_COOKIES:
                yield Verdict("SESSION_ENGINE", possibility)
