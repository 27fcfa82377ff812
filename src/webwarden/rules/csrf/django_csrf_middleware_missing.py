"""WW601: `CsrfViewMiddleware` missing from `MIDDLEWARE`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.defaults import CSRF_MIDDLEWARE
from webwarden.model.django.values import contains
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, missing_middleware


class DjangoCsrfMiddlewareMissing(DjangoSettingRule):
    """## What it does
    Finds settings modules whose `MIDDLEWARE` lacks
    `django.middleware.csrf.CsrfViewMiddleware`. Covers Django's `security.W003`. A
    project class that derives from it (`class CsrfViewMiddleware(csrf.CsrfViewMiddleware)`)
    counts as it, and so does django-session-csrf's `session_csrf.CsrfMiddleware`, which
    checks the token in its place; a project class merely named like it does not. A class
    of a package outside the tree bearing the very name
    (`orgcommon.auth.csrf.CsrfViewMiddleware`, the shared package of an organisation's
    services changing how a failure is shown) counts as Django's: its code is not there
    to read, and the name is what such subclasses keep. A `MIDDLEWARE` with
    no session or login middleware either (an API that reads a token from a header), or none but a
    middleware of the project that logs the request in from a header and reads no session
    or cookie (`request.headers.get("x-token")`), is reported at low severity: Django
    then keeps no login in a cookie for another site to ride on. When the module's
    `MIDDLEWARE_CLASSES` lists the middleware beside a `MIDDLEWARE` of its own, the
    message says so: Django (1.10 on) reads only `MIDDLEWARE`.
    A module setting one list or the other by the Django release installed (`if
    django.VERSION < (1, 10): MIDDLEWARE_CLASSES = ...`, else `MIDDLEWARE = ...`) is
    judged on the old-style list in the branch that leaves `MIDDLEWARE` unset, which
    is the one those releases read.

    ## Why is this bad?
    The middleware is what checks the CSRF token of every POST, PUT, PATCH and DELETE.
    Without it, any web site a logged-in user visits can submit forms to yours in their
    name (change the e-mail, make a payment) unless every single view remembers
    `@csrf_protect`.

    ## Example
    ```python
    MIDDLEWARE = [
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ]
    ```

    ## Fix
    ```python
    MIDDLEWARE = [
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ]
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery](https://cwe.mitre.org/data/definitions/352.html)
    - [Django: CSRF protection](https://docs.djangoproject.com/en/stable/ref/csrf/)
    """

    code = "WW601"
    name = "django-csrf-middleware-missing"
    practice = Practice.CSRF
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 352
    about_pages = True
    django_checks = ("security.W003",)
    message = "`MIDDLEWARE` lacks `CsrfViewMiddleware`: forms and APIs accept cross-site requests"
    fix = 'add "django.middleware.csrf.CsrfViewMiddleware" to `MIDDLEWARE`'

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("MIDDLEWARE"):
            if contains(possibility.shipped, CSRF_MIDDLEWARE) is not False:
                continue
            yield missing_middleware(
                settings, possibility, _NO_LOGIN, (CSRF_MIDDLEWARE, self.message)
            )


_NO_LOGIN = (
    "`MIDDLEWARE` lacks `CsrfViewMiddleware` (and any session or login middleware): "
    "only a cookie the project's own code reads is sent along cross-site"
)
