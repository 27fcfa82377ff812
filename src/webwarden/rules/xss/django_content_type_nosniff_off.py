"""WW501: `SECURE_CONTENT_TYPE_NOSNIFF` turned off."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.defaults import SECURITY_MIDDLEWARE
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, mentions, not_true


class DjangoContentTypeNosniffOff(DjangoSettingRule):
    """## What it does
    Finds settings modules with `SecurityMiddleware` where `SECURE_CONTENT_TYPE_NOSNIFF`
    is not `True` (Django's default is `True`, so it was switched off), or is left unset
    while the requirement or lock files allow only releases before 3.0, whose default
    was `False` (`Django==2.2.28`). Covers Django's `security.W006`. django-secure's `SecurityMiddleware` (the one Django 1.8 took in)
    counts as Django's, but its default is `False`: with it the setting left unset is
    reported too.

    ## Why is this bad?
    Without `X-Content-Type-Options: nosniff` browsers may guess a response's type from
    its content. A user upload served as `text/plain` or an image that contains HTML and
    script can then be run as a page of your site: stored cross-site scripting.

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_CONTENT_TYPE_NOSNIFF = False
    ```

    ## Fix
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_CONTENT_TYPE_NOSNIFF = True
    ```

    ## References
    - [CWE-693: Protection Mechanism Failure](https://cwe.mitre.org/data/definitions/693.html)
    - [Django: X-Content-Type-Options](https://docs.djangoproject.com/en/stable/ref/middleware/#x-content-type-options-nosniff)
    """

    code = "WW501"
    name = "django-content-type-nosniff-off"
    practice = Practice.XSS
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 693
    about_pages = True
    django_checks = ("security.W006",)
    message = "`SECURE_CONTENT_TYPE_NOSNIFF` is not true: browsers may run uploads as HTML"
    fix = "set `SECURE_CONTENT_TYPE_NOSNIFF = True` (Django's default since 3.0)"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not mentions(settings, "MIDDLEWARE", SECURITY_MIDDLEWARE):
            return
        for possibility in settings.get("SECURE_CONTENT_TYPE_NOSNIFF"):
            if not mentions(settings, "MIDDLEWARE", SECURITY_MIDDLEWARE, possibility):
                continue
            if not_true(possibility):
                yield Verdict("SECURE_CONTENT_TYPE_NOSNIFF", possibility)
