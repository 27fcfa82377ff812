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
    (`unsafe-url`, `no-referrer-when-downgrade`), when `SecurityMiddleware` is installed;
    also left unset while the requirement or lock files allow only releases before 3.1,
    which sent no such header unless told to.
    Covers Django's `security.W022` (policy not set) and `security.E023` (invalid value),
    the two results of one check; a leaky policy is valid to Django, so no silenced
    check hides it.

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
    about_pages = True
    django_checks = ("security.W022", "security.E023")
    message = "`SECURE_REFERRER_POLICY` {problem}"
    fix = 'set `SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"` (or stricter; Django reads it from 3.0 on)'

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not mentions(settings, "MIDDLEWARE", SECURITY_MIDDLEWARE):
            return
        for possibility in settings.get("SECURE_REFERRER_POLICY"):
            if not mentions(settings, "MIDDLEWARE", SECURITY_MIDDLEWARE, possibility):
                continue
            found = _problem(possibility.shipped)
            if found is not None:
                problem, checks = found
                fields = {"problem": problem}
                yield Verdict("SECURE_REFERRER_POLICY", possibility, fields, django_checks=checks)


_NOT_SET = frozenset({"security.W022"})
_INVALID = frozenset({"security.E023"})
_LEAKY_CHECKS: frozenset[str] = frozenset()
"""Django's check accepts every valid policy, the leaky ones too."""


def _problem(value: object) -> tuple[str, frozenset[str]] | None:
    """What is wrong with the policy, and the ids Django's check raises for it."""
    if value is None:
        return "is None: no `Referrer-Policy` header is sent", _NOT_SET
    if isinstance(value, str):
        values = {v.strip() for v in value.split(",")}
    elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        values = {str(v) for v in value}
    else:
        return None
    invalid = sorted(values - VALID)
    if invalid:
        return f"has the invalid value `{invalid[0]}`: browsers ignore the header", _INVALID
    leaky = sorted(values & _LEAKY)
    if leaky:
        return f"is `{leaky[0]}`: full URLs are sent to other sites", _LEAKY_CHECKS
    return None
