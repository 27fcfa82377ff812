"""WW804: sessions that last very long."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

THIRTY_DAYS = 30 * 24 * 60 * 60


class DjangoSessionCookieAgeLong(DjangoSettingRule):
    """## What it does
    Finds `SESSION_COOKIE_AGE` above 30 days (Django's default is two weeks).

    ## Why is this bad?
    A stolen session cookie (a shared computer, a leaked log, malware) stays usable for as
    long as the session lives. Months-long sessions also keep users logged in on devices
    they no longer control. Long "remember me" logins belong in a separate, revocable
    mechanism, not in every session.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.sessions"]
    SESSION_COOKIE_AGE = 60 * 60 * 24 * 365
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.sessions"]
    SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
    ```

    ## References
    - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    - [Django: SESSION_COOKIE_AGE](https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-age)
    - [OWASP: session expiration](https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-expiration)
    """

    code = "WW804"
    name = "django-session-cookie-age-long"
    practice = Practice.SESSIONS
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 613
    about_pages = True
    message = "`SESSION_COOKIE_AGE` is {days} days: a stolen session cookie stays valid that long"
    fix = "keep `SESSION_COOKIE_AGE` at 30 days or less (Django's default is 14)"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("SESSION_COOKIE_AGE"):
            value = possibility.shipped
            if (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and value > THIRTY_DAYS
            ):
                yield Verdict("SESSION_COOKIE_AGE", possibility, {"days": round(value / 86400)})
