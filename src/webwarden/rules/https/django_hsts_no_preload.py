"""WW905: HSTS without `preload`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, not_true
from webwarden.rules.https._hsts import is_on


class DjangoHstsNoPreload(DjangoSettingRule):
    """## What it does
    Finds settings modules that enable HSTS (`SECURE_HSTS_SECONDS` above zero, with
    `SecurityMiddleware`) without `SECURE_HSTS_PRELOAD = True`. Covers Django's
    `security.W021`.

    ## Why is this bad?
    HSTS only protects a browser after its first visit over HTTPS. The `preload` directive
    lets the site be put on the list browsers ship with, so even the very first request
    never goes over plain HTTP, where it could be intercepted.

    ## Known problems
    Submitting to the preload list is hard to undo: every subdomain must serve HTTPS for
    as long as the site is listed. Accept this finding when that cannot be promised.

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_PRELOAD = False
    ```

    ## Fix
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_PRELOAD = True
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [Django: SECURE_HSTS_PRELOAD](https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-preload)
    - [hstspreload.org](https://hstspreload.org/)
    """

    code = "WW905"
    name = "django-hsts-no-preload"
    practice = Practice.HTTPS
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 319
    about_pages = True
    django_checks = ("security.W021",)
    message = (
        "HSTS is on but `SECURE_HSTS_PRELOAD` is not true: the first visit can still go over HTTP"
    )
    fix = "set `SECURE_HSTS_PRELOAD = True` and submit the domain to hstspreload.org"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not is_on(settings):
            return
        for possibility in settings.get("SECURE_HSTS_PRELOAD"):
            if not_true(possibility) and is_on(settings, possibility):
                yield Verdict("SECURE_HSTS_PRELOAD", possibility)
