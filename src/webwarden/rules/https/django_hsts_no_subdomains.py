"""WW904: HSTS without `includeSubDomains`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, not_true
from webwarden.rules.https._hsts import is_on


class DjangoHstsNoSubdomains(DjangoSettingRule):
    """## What it does
    Finds settings modules that enable HSTS (`SECURE_HSTS_SECONDS` above zero, with
    `SecurityMiddleware`) without `SECURE_HSTS_INCLUDE_SUBDOMAINS = True`. Covers Django's
    `security.W005`.

    ## Why is this bad?
    The policy then protects only the exact host. An attacker on the network can serve a
    plain-HTTP `http://anything.example.com` page that sets or reads cookies scoped to the
    parent domain (cookie tossing), or phish under a subdomain the browser does not force
    to HTTPS.

    ## Known problems
    Only turn it on when every subdomain serves HTTPS: the browser will refuse plain HTTP
    for all of them.

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_HSTS_SECONDS = 31536000
    ```

    ## Fix
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [Django: SECURE_HSTS_INCLUDE_SUBDOMAINS](https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-include-subdomains)
    """

    code = "WW904"
    name = "django-hsts-no-subdomains"
    practice = Practice.HTTPS
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 319
    about_pages = True
    django_checks = ("security.W005",)
    message = "HSTS is on but `SECURE_HSTS_INCLUDE_SUBDOMAINS` is not true: subdomains stay reachable over HTTP"
    fix = "set `SECURE_HSTS_INCLUDE_SUBDOMAINS = True` once every subdomain serves HTTPS"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not is_on(settings):
            return
        for possibility in settings.get("SECURE_HSTS_INCLUDE_SUBDOMAINS"):
            if not_true(possibility) and is_on(settings, possibility):
                yield Verdict("SECURE_HSTS_INCLUDE_SUBDOMAINS", possibility)
