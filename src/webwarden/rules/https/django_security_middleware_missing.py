"""WW901: `SecurityMiddleware` missing from `MIDDLEWARE`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.defaults import SECURITY_MIDDLEWARE
from webwarden.model.django.values import contains
from webwarden.rules.django_settings import DjangoSettingRule, Verdict


class DjangoSecurityMiddlewareMissing(DjangoSettingRule):
    """## What it does
    Finds settings modules whose `MIDDLEWARE` (after every `+=`, `.append`, `.insert`
    and `.remove` of the settings chain) lacks
    `django.middleware.security.SecurityMiddleware`. Covers Django's `security.W001`.
    django-secure's `djangosecure.middleware.SecurityMiddleware`, which Django 1.8 took
    in as its own and which reads the same `SECURE_*` settings, counts as Django's (the
    rules on those settings then judge them as they do with Django's). A list extended
    after a star import of a module the tree lacks (`from mysite.settings import *`,
    written from a template at install time, then `MIDDLEWARE += [...]`) is that
    module's, which no file shows: it is not judged.

    ## Why is this bad?
    `SecurityMiddleware` is what applies `SECURE_SSL_REDIRECT`, `SECURE_HSTS_SECONDS`,
    `SECURE_CONTENT_TYPE_NOSNIFF`, `SECURE_REFERRER_POLICY` and
    `SECURE_CROSS_ORIGIN_OPENER_POLICY`. Without it those settings do nothing: no redirect
    to HTTPS, no HSTS, no security headers, whatever the settings say.

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
    SECURE_SSL_REDIRECT = True
    ```

    ## Fix
    ```python
    MIDDLEWARE = [
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
    ]
    SECURE_SSL_REDIRECT = True
    ```

    ## References
    - [CWE-693: Protection Mechanism Failure](https://cwe.mitre.org/data/definitions/693.html)
    - [Django: SecurityMiddleware](https://docs.djangoproject.com/en/stable/ref/middleware/#module-django.middleware.security)
    """

    code = "WW901"
    name = "django-security-middleware-missing"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 693
    about_pages = True
    django_checks = ("security.W001",)
    message = (
        "`MIDDLEWARE` lacks `SecurityMiddleware`: HTTPS redirect, HSTS and security headers are off"
    )
    fix = 'put "django.middleware.security.SecurityMiddleware" first in `MIDDLEWARE`'

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("MIDDLEWARE"):
            if contains(possibility.shipped, SECURITY_MIDDLEWARE) is False:
                yield Verdict("MIDDLEWARE", possibility)
