"""WW705: password-reset links that stay usable for long."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_DAY = 24 * 60 * 60
DEFAULT_DAYS = 3
"""Django's default lifetime of a password-reset token (`PASSWORD_RESET_TIMEOUT`)."""
_SETTINGS = {"PASSWORD_RESET_TIMEOUT": 1, "PASSWORD_RESET_TIMEOUT_DAYS": _DAY}
"""The setting, in seconds (Django 3.1+), and the one it replaced, in days (removed in
4.0): each with the seconds of its unit."""


class DjangoPasswordResetTimeoutLong(DjangoSettingRule):
    """## What it does
    Finds `PASSWORD_RESET_TIMEOUT` (in seconds) or the older `PASSWORD_RESET_TIMEOUT_DAYS`
    set to more than Django's default of three days, also as the default of an
    environment lookup (`env.int("PASSWORD_RESET_TIMEOUT", default=...)`).

    ## Why is this bad?
    A password-reset link logs in whoever opens it: it sets a new password for the
    account. Django's token stays valid until the account's password or last login
    changes, or the timeout passes; a link never used (a mail forwarded, kept in a
    mailbox that is later read by someone else, logged by a mail gateway) works for the
    whole timeout. Weeks-long links give a leaked mail weeks of use.

    ## Known problems
    Some sites reuse Django's reset mail to invite new users and lengthen the timeout so
    that invitations do not lapse; a separate, single-use invitation token lets the reset
    link stay short.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    PASSWORD_RESET_TIMEOUT = 30 * 24 * 60 * 60
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    PASSWORD_RESET_TIMEOUT = 60 * 60
    ```

    ## References
    - [CWE-640: Weak Password Recovery Mechanism for Forgotten Password](https://cwe.mitre.org/data/definitions/640.html)
    - [Django: PASSWORD_RESET_TIMEOUT](https://docs.djangoproject.com/en/stable/ref/settings/#password-reset-timeout)
    - [OWASP: forgot password, URL tokens](https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html#url-tokens)
    """

    code = "WW705"
    name = "django-password-reset-timeout-long"
    practice = Practice.AUTHENTICATION
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 640
    about_pages = True
    message = "`{setting}` is {days} days: a password-reset link mailed stays usable that long"
    fix = "keep password-reset links short-lived (`PASSWORD_RESET_TIMEOUT` of hours, at most Django's default of 3 days)"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for setting, unit in _SETTINGS.items():
            for possibility in settings.get(setting):
                value = possibility.shipped
                if (
                    isinstance(value, int | float)
                    and not isinstance(value, bool)
                    and value * unit > DEFAULT_DAYS * _DAY
                ):
                    days = round(value * unit / _DAY)
                    yield Verdict(setting, possibility, {"setting": setting, "days": days})
