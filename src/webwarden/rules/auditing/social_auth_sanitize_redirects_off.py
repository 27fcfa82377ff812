"""WW1135: python-social-auth's check of the redirect after login switched off."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_SETTING = "SOCIAL_AUTH_SANITIZE_REDIRECTS"


class SocialAuthSanitizeRedirectsOff(DjangoSettingRule):
    """## What it does
    Finds `SOCIAL_AUTH_SANITIZE_REDIRECTS = False` in Django settings:
    python-social-auth (`social_django`) then stops checking the `next` parameter of a
    login and the `redirect_state` it comes back with against the request's host and
    `SOCIAL_AUTH_ALLOWED_REDIRECT_HOSTS`.

    ## Why is this bad?
    The login start URL `/login/<backend>/?next=https://attacker.example/` is a link on
    the application's own domain: after a genuine sign-in at the identity provider, the
    user is sent to whatever site the link named (an open redirect, CWE-601), a page
    that can ask for the password again or receive what the redirect carries.

    ## Example
    ```python
    INSTALLED_APPS = ["social_django"]
    SOCIAL_AUTH_SANITIZE_REDIRECTS = False
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["social_django"]
    SOCIAL_AUTH_ALLOWED_REDIRECT_HOSTS = ["app.example.org"]
    ```
    Leave the check on (its default) and list other hosts the application may send
    users to in `SOCIAL_AUTH_ALLOWED_REDIRECT_HOSTS`.

    ## References
    - [CWE-601: Open Redirect](https://cwe.mitre.org/data/definitions/601.html)
    - [python-social-auth: sanitize redirects](https://python-social-auth.readthedocs.io/en/latest/configuration/settings.html#sanitize-redirects)
    """

    code = "WW1135"
    name = "social-auth-sanitize-redirects-off"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 601
    message = f"`{_SETTING} = False`: the `next` URL of a social login is followed unchecked"
    fix = "leave it on (the default) and list other hosts in `SOCIAL_AUTH_ALLOWED_REDIRECT_HOSTS`"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not settings.is_set(_SETTING):
            return
        for possibility in settings.get(_SETTING):
            if possibility.shipped is False:
                yield Verdict(_SETTING, possibility)
