"""WW1165: a missing, invalid or leaky `SECURE_REFERRER_POLICY`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.defaults import SECURITY_MIDDLEWARE
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, mentions

VALID = frozenset(
    {
        "no-referrer",
        "no-referrer-when-downgrade",
        "origin",
        "origin-when-cross-origin",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
        "unsafe-url",
    }
)
_LEAKY = frozenset({"unsafe-url", "no-referrer-when-downgrade"})


class DjangoReferrerPolicyUnsafe(DjangoSettingRule):
    """## What it does
    Finds a `SECURE_REFERRER_POLICY` set to `None` (no `Referrer-Policy` header), to a
    value browsers do not know, or to a policy that sends full URLs to other sites
    (`unsafe-url`, `no-referrer-when-downgrade`), when `SecurityMiddleware` is installed.
    Covers Django's `security.W022` (policy not set) and `security.E023` (invalid value),
    the two results of one check.

    ## Why is this bad?
    URLs often carry secrets: password-reset tokens, session ids in old links, search
    terms, document ids. Without a strict policy the browser sends the full URL of the page
    in the `Referer` header to every site the page links to or loads resources from. An
    invalid value is ignored by browsers, so no policy applies at all.

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_REFERRER_POLICY = "unsafe-url"
    ```

    ## Fix
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
    ```

    ## References
    - [CWE-200: Exposure of Sensitive Information to an Unauthorized Actor](https://cwe.mitre.org/data/definitions/200.html)
    - [Django: Referrer-Policy](https://docs.djangoproject.com/en/stable/ref/middleware/#referrer-policy)
    - [MDN: Referrer-Policy](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Referrer-Policy)
    """

    code = "WW1165"
    name = "django-referrer-policy-unsafe"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 200
    message = "`SECURE_REFERRER_POLICY` {problem}"
    fix = 'set `SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"` (or stricter)'

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not mentions(settings, "MIDDLEWARE", SECURITY_MIDDLEWARE):
            return
        for possibility in settings.get("SECURE_REFERRER_POLICY"):
            problem = _problem(possibility.shipped)
            if problem is not None:
                yield Verdict("SECURE_REFERRER_POLICY", possibility, {"problem": problem})


def _problem(value: object) -> str | None:
    if value is None:
        return "is None: no `Referrer-Policy` header is sent"
    if isinstance(value, str):
        values = {v.strip() for v in value.split(",")}
    elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        values = {str(v) for v in value}
    else:
        return None
    invalid = sorted(values - VALID)
    if invalid:
        return f"has the invalid value `{invalid[0]}`: browsers ignore the header"
    leaky = sorted(values & _LEAKY)
    if leaky:
        return f"is `{leaky[0]}`: full URLs are sent to other sites"
    return None
