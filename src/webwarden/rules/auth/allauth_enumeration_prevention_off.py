"""WW766: django-allauth told to reveal which email addresses have an account."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_SETTING = "ACCOUNT_PREVENT_ENUMERATION"


class AllauthEnumerationPreventionOff(DjangoSettingRule):
    """## What it does
    Finds `ACCOUNT_PREVENT_ENUMERATION = False` in Django settings: django-allauth then
    answers its password reset form with an error for an address no account has, and
    its signup form with "already registered" for one that has, instead of answering
    every address alike and telling the owner by mail. `True` (allauth's default) and
    `"strict"` are not reported.

    ## Why is this bad?
    Anyone can feed a list of email addresses to the reset form and learn which of them
    are customers of the site (CWE-204): a list to aim credential stuffing and phishing
    at, and on some sites a fact a person would rather keep private.

    ## Known problems
    Prevention during signup also needs `ACCOUNT_EMAIL_VERIFICATION = "mandatory"`
    (allauth cannot otherwise hide that an address is taken); with the setting left on
    and optional verification, signup still tells, and that is not reported.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "allauth", "allauth.account"]
    ACCOUNT_PREVENT_ENUMERATION = False
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "allauth", "allauth.account"]
    ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    ```
    Leave the setting at its default, which sends the reset mail (or a notice that no
    account exists) to whatever address is entered and shows the same page every time.

    ## References
    - [CWE-204: Observable Response Discrepancy](https://cwe.mitre.org/data/definitions/204.html)
    - [django-allauth: account configuration](https://docs.allauth.org/en/latest/account/configuration.html)
    - [OWASP: Testing for account enumeration](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/03-Identity_Management_Testing/04-Testing_for_Account_Enumeration_and_Guessable_User_Account)
    """

    code = "WW766"
    name = "allauth-enumeration-prevention-off"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 204
    message = f"`{_SETTING} = False`: allauth's forms tell whether an address has an account"
    fix = "leave it on (allauth's default) and make email verification mandatory"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not settings.is_set(_SETTING):
            return
        for possibility in settings.get(_SETTING):
            if possibility.shipped is False:
                yield Verdict(_SETTING, possibility)
