"""WW1001: `XFrameOptionsMiddleware` missing from `MIDDLEWARE`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.defaults import XFRAME_MIDDLEWARE
from webwarden.model.django.values import contains
from webwarden.rules.django_settings import DjangoSettingRule, Verdict


class DjangoXframeMiddlewareMissing(DjangoSettingRule):
    """## What it does
    Finds settings modules whose `MIDDLEWARE` lacks
    `django.middleware.clickjacking.XFrameOptionsMiddleware`. Covers Django's
    `security.W002`.

    ## Why is this bad?
    Without the middleware no page gets an `X-Frame-Options` header, so any site can load
    yours in an invisible frame and trick users into clicking its buttons (clickjacking):
    "delete account", "transfer", "grant access".

    ## Known problems
    A site that sends `Content-Security-Policy: frame-ancestors` from elsewhere (a proxy,
    its own middleware) is protected without it; accept the finding with that reason.

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    ```

    ## Fix
    ```python
    MIDDLEWARE = [
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ]
    ```

    ## References
    - [CWE-1021: Improper Restriction of Rendered UI Layers or Frames](https://cwe.mitre.org/data/definitions/1021.html)
    - [Django: clickjacking protection](https://docs.djangoproject.com/en/stable/ref/clickjacking/)
    """

    code = "WW1001"
    name = "django-xframe-middleware-missing"
    practice = Practice.CLICKJACKING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 1021
    message = "`MIDDLEWARE` lacks `XFrameOptionsMiddleware`: any site can frame these pages"
    fix = 'add "django.middleware.clickjacking.XFrameOptionsMiddleware" to `MIDDLEWARE`'

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("MIDDLEWARE"):
            if contains(possibility.shipped, XFRAME_MIDDLEWARE) is False:
                yield Verdict("MIDDLEWARE", possibility)
