"""WW502: `SECURE_CSP` / `SECURE_CSP_REPORT_ONLY` that is not a dictionary."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.values import is_known
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_SETTINGS = ("SECURE_CSP", "SECURE_CSP_REPORT_ONLY")


class DjangoCspSettingInvalid(DjangoSettingRule):
    """## What it does
    Finds Django 6's content security policy settings, `SECURE_CSP` and
    `SECURE_CSP_REPORT_ONLY`, set to something other than a dictionary of directives
    (typically the header written as one string). Covers Django's `security.W026`.

    ## Why is this bad?
    Django's `ContentSecurityPolicyMiddleware` builds the header from a dictionary
    (`{"default-src": [CSP.SELF]}`); any other value does not give the policy that was
    meant, so the site runs without the script restrictions that limit the damage of an
    XSS bug.

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.csp.ContentSecurityPolicyMiddleware"]
    SECURE_CSP = "default-src 'self'"
    ```

    ## Fix
    ```python
    MIDDLEWARE = ["django.middleware.csp.ContentSecurityPolicyMiddleware"]
    SECURE_CSP = {"default-src": ["'self'"]}
    ```

    ## References
    - [CWE-693: Protection Mechanism Failure](https://cwe.mitre.org/data/definitions/693.html)
    - [Django: Content Security Policy](https://docs.djangoproject.com/en/dev/ref/csp/)
    """

    code = "WW502"
    name = "django-csp-setting-invalid"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 693
    about_pages = True
    django_checks = ("security.W026",)
    message = "`{setting}` is a {kind}, not a dictionary of directives: the policy is not applied as meant"
    fix = 'write the policy as a dictionary of directives, e.g. `"default-src": [CSP.SELF]`'

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for setting in _SETTINGS:
            for possibility in settings.get(setting):
                value = possibility.shipped
                if is_known(value) and value and not isinstance(value, dict):
                    kind = type(value).__name__
                    yield Verdict(setting, possibility, {"setting": setting, "kind": kind})
