"""WW1002: `X_FRAME_OPTIONS` other than `DENY`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.defaults import XFRAME_MIDDLEWARE
from webwarden.model.django.values import is_known
from webwarden.rules.clickjacking._csp import frames_denied
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, beside, mentions

_IGNORED = "`X_FRAME_OPTIONS` is `{value}`, which browsers ignore: any site can frame the pages"
"""A value other than `DENY` and `SAMEORIGIN`: no protection at all."""


class DjangoXFrameOptionsNotDeny(DjangoSettingRule):
    """## What it does
    Finds `X_FRAME_OPTIONS` set to anything but `"DENY"` (usually `"SAMEORIGIN"`) when
    `XFrameOptionsMiddleware` is installed. Covers Django's `security.W019`.

    ## Why is this bad?
    `SAMEORIGIN` lets any page of the same origin frame yours. One page that embeds
    user-controlled content or has an XSS then becomes a clickjacking launch pad against
    the rest of the site. Views that must be framed can opt out one by one with
    `@xframe_options_sameorigin`.

    Any other value (`ALLOWALL`, `ALLOW-FROM https://lms.example`) is no value browsers
    know: they ignore the header, so every site can frame the pages, as without the
    middleware; that is reported at medium severity. Django sends the setting in capitals,
    so `"deny"` is `DENY`.

    ## Known problems
    Not reported when every `MIDDLEWARE` the settings may give lists a
    Content-Security-Policy middleware (django-csp's, Django 6's) that enforces
    `frame-ancestors 'none'` (`CSP_FRAME_ANCESTORS = ("'none'",)`, also as an environment
    variable's default, or the directive of `CONTENT_SECURITY_POLICY` or `SECURE_CSP`;
    not in django-csp's report-only mode): browsers obey it over `X-Frame-Options`, so no
    page can be framed, not even by the same origin. Browsers too old for CSP level 2
    still honour only `SAMEORIGIN`.

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.clickjacking.XFrameOptionsMiddleware"]
    X_FRAME_OPTIONS = "SAMEORIGIN"
    ```

    ## Fix
    ```python
    MIDDLEWARE = ["django.middleware.clickjacking.XFrameOptionsMiddleware"]
    X_FRAME_OPTIONS = "DENY"
    ```

    ## References
    - [CWE-1021: Improper Restriction of Rendered UI Layers or Frames](https://cwe.mitre.org/data/definitions/1021.html)
    - [Django: X_FRAME_OPTIONS](https://docs.djangoproject.com/en/stable/ref/settings/#x-frame-options)
    """

    code = "WW1002"
    name = "django-x-frame-options-not-deny"
    practice = Practice.CLICKJACKING
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 1021
    about_pages = True
    django_checks = ("security.W019",)
    message = "`X_FRAME_OPTIONS` is `{value}`, not `DENY`: pages can be framed by the same origin"
    fix = 'set `X_FRAME_OPTIONS = "DENY"` and opt views in with `@xframe_options_sameorigin`'

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not mentions(settings, "MIDDLEWARE", XFRAME_MIDDLEWARE):
            return
        for possibility in settings.get("X_FRAME_OPTIONS"):
            if not mentions(settings, "MIDDLEWARE", XFRAME_MIDDLEWARE, possibility):
                continue
            middleware = [p.shipped for p in beside(settings, "MIDDLEWARE", possibility)]
            if all(frames_denied(settings, value) for value in middleware):
                continue  # NOTE: CSP `frame-ancestors 'none'` overrides the header in browsers
            value = possibility.shipped
            if not is_known(value) or str(value).upper() == "DENY":
                continue
            if str(value).upper() == "SAMEORIGIN":
                yield Verdict("X_FRAME_OPTIONS", possibility, {"value": value})
            else:
                yield Verdict(
                    "X_FRAME_OPTIONS",
                    possibility,
                    {"value": value},
                    message=_IGNORED,
                    severity=Severity.MEDIUM,
                )
