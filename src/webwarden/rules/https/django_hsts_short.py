"""WW903: an HSTS max-age under a year."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict
from webwarden.rules.https._hsts import ONE_YEAR, duration, hsts_seconds


class DjangoHstsShort(DjangoSettingRule):
    """## What it does
    Finds a `SECURE_HSTS_SECONDS` above zero but under a year (31536000 seconds), with
    `SecurityMiddleware` installed. Django's `check --deploy` accepts any non-zero value;
    webwarden does not.

    ## Why is this bad?
    A browser forgets the HSTS policy when the max-age runs out; a user who comes back
    after that is exposed to SSL stripping again on the first request. Short values (an
    hour, a day) are meant for trying HSTS out, and often stay. Browser preload lists
    require at least a year.

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_HSTS_SECONDS = 3600
    ```

    ## Fix
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_HSTS_SECONDS = 31536000
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [Django: SECURE_HSTS_SECONDS](https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-seconds)
    - [hstspreload.org: deployment recommendations](https://hstspreload.org/#deployment-recommendations)
    """

    code = "WW903"
    name = "django-hsts-short"
    practice = Practice.HTTPS
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 319
    about_pages = True
    message = "`SECURE_HSTS_SECONDS` is {seconds} ({duration}): under a year, browsers soon forget HTTPS-only"
    fix = "raise `SECURE_HSTS_SECONDS` to at least 31536000 (one year)"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility, seconds in hsts_seconds(settings):
            if 0 < seconds < ONE_YEAR:
                fields = {"seconds": seconds, "duration": duration(seconds)}
                yield Verdict("SECURE_HSTS_SECONDS", possibility, fields)
