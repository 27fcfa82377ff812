"""WW1166: an invalid or disabled `SECURE_CROSS_ORIGIN_OPENER_POLICY`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.defaults import SECURITY_MIDDLEWARE
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, mentions

VALID = frozenset({"same-origin", "same-origin-allow-popups", "unsafe-none"})


class DjangoCrossOriginOpenerPolicyInvalid(DjangoSettingRule):
    """## What it does
    Finds a `SECURE_CROSS_ORIGIN_OPENER_POLICY` that browsers do not understand, or
    `"unsafe-none"` (isolation switched off), when `SecurityMiddleware` is installed.
    Covers Django's `security.E024`; `"unsafe-none"` is reported beyond it, at low
    severity, and silencing `security.E024` does not hide it.

    ## Why is this bad?
    The `Cross-Origin-Opener-Policy` header keeps windows a page opens (or that open it)
    from holding a reference to it, which blocks cross-window attacks such as
    tab-nabbing and XS-Leaks. An invalid value is ignored by browsers: no isolation.

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-site"
    ```

    ## Fix
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
    ```

    ## References
    - [CWE-1022: Use of Web Link to Untrusted Target with window.opener Access](https://cwe.mitre.org/data/definitions/1022.html)
    - [Django: Cross-Origin-Opener-Policy](https://docs.djangoproject.com/en/stable/ref/middleware/#cross-origin-opener-policy)
    """

    code = "WW1166"
    name = "django-cross-origin-opener-policy-invalid"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 1022
    about_pages = True
    django_checks = ("security.E024",)
    message = "`SECURE_CROSS_ORIGIN_OPENER_POLICY` {problem}"
    fix = 'set `SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"` (Django\'s default)'

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not mentions(settings, "MIDDLEWARE", SECURITY_MIDDLEWARE):
            return
        for possibility in settings.get("SECURE_CROSS_ORIGIN_OPENER_POLICY"):
            if not mentions(settings, "MIDDLEWARE", SECURITY_MIDDLEWARE, possibility):
                continue
            value = possibility.shipped
            if value == "unsafe-none":
                yield Verdict(
                    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
                    possibility,
                    {"problem": 'is "unsafe-none": windows of other sites keep a handle on yours'},
                    severity=Severity.LOW,
                    django_checks=frozenset(),  # NOTE: a valid value to Django's E024
                )
            elif isinstance(value, str) and value not in VALID:
                problem = f"has the invalid value `{value}`: browsers ignore the header"
                yield Verdict(
                    "SECURE_CROSS_ORIGIN_OPENER_POLICY", possibility, {"problem": problem}
                )
