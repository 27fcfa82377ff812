"""WW801: the session cookie sent over plain HTTP."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, not_true
from webwarden.rules.sessions._django import session_check, uses_sessions


class DjangoSessionCookieInsecure(DjangoSettingRule):
    """## What it does
    Finds settings modules using sessions (`django.contrib.sessions` installed or
    `SessionMiddleware` in `MIDDLEWARE`) where `SESSION_COOKIE_SECURE` is not `True`
    (Django's default is off). Covers Django's `security.W010`, `security.W011` and
    `security.W012`: one check, whose id says whether the app, the middleware or both are
    installed; only that id, in `SILENCED_SYSTEM_CHECKS`, silences the finding. Not
    when every `MIDDLEWARE` the module may ship is known and holds no session,
    authentication or cookie middleware (the sessions app installed, the middleware only
    in a `MIDDLEWARE_CLASSES` that Django ignores beside `MIDDLEWARE`): only
    `SessionMiddleware` writes the session cookie, so the site sets none.

    ## Why is this bad?
    Without the `Secure` flag the browser also sends the session cookie over plain HTTP:
    one request to `http://` on a public network (a link, an image, a typed address) and
    anyone listening can copy the cookie and be logged in as the user.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.sessions"]
    SESSION_COOKIE_SECURE = False
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.sessions"]
    SESSION_COOKIE_SECURE = True
    ```

    ## References
    - [CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute](https://cwe.mitre.org/data/definitions/614.html)
    - [Django: SESSION_COOKIE_SECURE](https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure)
    """

    code = "WW801"
    name = "django-session-cookie-insecure"
    practice = Practice.SESSIONS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 614
    about_pages = True
    django_checks = ("security.W010", "security.W011", "security.W012")
    message = (
        "`SESSION_COOKIE_SECURE` is {problem}: the session cookie is also sent over plain HTTP"
    )
    fix = "set `SESSION_COOKIE_SECURE = True`"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not uses_sessions(settings):
            return
        checks = session_check(settings, self.django_checks)
        for possibility in settings.get("SESSION_COOKIE_SECURE"):
            if not_true(possibility) and uses_sessions(settings, possibility):
                problem = "not set" if possibility.location is None else "not true"
                fields = {"problem": problem}
                yield Verdict("SESSION_COOKIE_SECURE", possibility, fields, django_checks=checks)
