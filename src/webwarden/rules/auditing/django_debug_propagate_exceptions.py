"""WW1163: `DEBUG_PROPAGATE_EXCEPTIONS = True`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.values import is_known
from webwarden.rules.django_settings import DjangoSettingRule, Verdict


class DjangoDebugPropagateExceptions(DjangoSettingRule):
    """## What it does
    Finds settings modules with `DEBUG_PROPAGATE_EXCEPTIONS` true (also as the default of
    an environment lookup).

    ## Why is this bad?
    Django then lets exceptions escape to the WSGI/ASGI server instead of rendering its
    500 page. Many servers (and the development server) answer with the traceback, and the
    error is not logged through Django's `django.request` logger, so the admins are not
    mailed and monitoring misses it.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    DEBUG_PROPAGATE_EXCEPTIONS = True
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    DEBUG_PROPAGATE_EXCEPTIONS = False
    ```

    ## References
    - [CWE-209: Generation of Error Message Containing Sensitive Information](https://cwe.mitre.org/data/definitions/209.html)
    - [Django: DEBUG_PROPAGATE_EXCEPTIONS](https://docs.djangoproject.com/en/stable/ref/settings/#debug-propagate-exceptions)
    """

    code = "WW1163"
    name = "django-debug-propagate-exceptions"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 209
    about_pages = True
    message = "`DEBUG_PROPAGATE_EXCEPTIONS` is true: errors reach the server unhandled and unlogged"
    fix = "remove `DEBUG_PROPAGATE_EXCEPTIONS` (default False) from deployed settings"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("DEBUG_PROPAGATE_EXCEPTIONS"):
            value = possibility.shipped
            if is_known(value) and value:
                yield Verdict("DEBUG_PROPAGATE_EXCEPTIONS", possibility)
