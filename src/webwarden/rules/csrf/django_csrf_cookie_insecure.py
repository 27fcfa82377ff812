"""WW602: the CSRF cookie sent over plain HTTP."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.defaults import CSRF_MIDDLEWARE
from webwarden.model.django.values import is_known
from webwarden.rules.django_settings import (
    DjangoSettingRule,
    Verdict,
    beside,
    mentions,
    not_true,
)


class DjangoCsrfCookieInsecure(DjangoSettingRule):
    """## What it does
    Finds settings modules with `CsrfViewMiddleware` where `CSRF_COOKIE_SECURE` is not
    `True` (Django's default is off), unless the token is kept in the session
    (`CSRF_USE_SESSIONS = True`). Covers Django's `security.W016`. When the middleware is
    the project's own subclass of Django's, which may set the cookie its own way, it is
    not reported.

    ## Why is this bad?
    Without the `Secure` flag the browser also sends the CSRF cookie over plain HTTP, where
    anyone on the network can read it, or set their own (cookie injection); with a known
    token, forged requests pass the CSRF check.

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
    CSRF_COOKIE_SECURE = False
    ```

    ## Fix
    ```python
    MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
    CSRF_COOKIE_SECURE = True
    ```

    ## References
    - [CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute](https://cwe.mitre.org/data/definitions/614.html)
    - [Django: CSRF_COOKIE_SECURE](https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-secure)
    """

    code = "WW602"
    name = "django-csrf-cookie-insecure"
    practice = Practice.CSRF
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 614
    about_pages = True
    django_checks = ("security.W016",)
    message = "`CSRF_COOKIE_SECURE` is {problem}: the CSRF cookie is also sent over plain HTTP"
    fix = "set `CSRF_COOKIE_SECURE = True`"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not mentions(settings, "MIDDLEWARE", CSRF_MIDDLEWARE):
            return
        if CSRF_MIDDLEWARE in settings.subclassed:
            return  # NOTE: the project's own subclass may set the cookie itself
        for possibility in settings.get("CSRF_COOKIE_SECURE"):
            if not mentions(settings, "MIDDLEWARE", CSRF_MIDDLEWARE, possibility):
                continue
            in_session = [p.shipped for p in beside(settings, "CSRF_USE_SESSIONS", possibility)]
            if all(is_known(value) and value for value in in_session):
                continue
            if not_true(possibility):
                problem = "not set" if possibility.location is None else "not true"
                yield Verdict("CSRF_COOKIE_SECURE", possibility, {"problem": problem})
