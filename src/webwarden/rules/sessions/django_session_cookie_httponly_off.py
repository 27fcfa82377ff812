"""WW802: the session cookie readable by JavaScript."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, not_true
from webwarden.rules.sessions._django import session_check, uses_sessions


class DjangoSessionCookieHttponlyOff(DjangoSettingRule):
    """## What it does
    Finds settings modules using sessions where `SESSION_COOKIE_HTTPONLY` is not `True`
    (Django's default is `True`, so it was switched off). Covers Django's
    `security.W013`, `security.W014` and `security.W015`: one check, whose id says whether
    the sessions app, the middleware or both are installed; only that id, in
    `SILENCED_SYSTEM_CHECKS`, silences the finding. Not when every `MIDDLEWARE` the
    module may ship is known and holds no session, authentication or cookie middleware:
    only `SessionMiddleware` writes the session cookie, so the site sets none.

    ## Why is this bad?
    Without `HttpOnly`, any script on the page can read `document.cookie`. A single XSS
    bug then lets an attacker send the session cookie to their server and take over the
    account from anywhere, long after the victim closed the page.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.sessions"]
    SESSION_COOKIE_HTTPONLY = False
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.sessions"]
    SESSION_COOKIE_HTTPONLY = True
    ```

    ## References
    - [CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag](https://cwe.mitre.org/data/definitions/1004.html)
    - [Django: SESSION_COOKIE_HTTPONLY](https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly)
    """

    code = "WW802"
    name = "django-session-cookie-httponly-off"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 1004
    about_pages = True
    django_checks = ("security.W013", "security.W014", "security.W015")
    message = "`SESSION_COOKIE_HTTPONLY` is not true: scripts can read the session cookie"
    fix = "set `SESSION_COOKIE_HTTPONLY = True` (Django's default)"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not uses_sessions(settings):
            return
        checks = session_check(settings, self.django_checks)
        for possibility in settings.get("SESSION_COOKIE_HTTPONLY"):
            if not_true(possibility) and uses_sessions(settings, possibility):
                yield Verdict("SESSION_COOKIE_HTTPONLY", possibility, django_checks=checks)
