"""WW1186: Django's request-body limits turned off (`DATA_UPLOAD_MAX_* = None`)."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_LIMITS = {
    "DATA_UPLOAD_MAX_MEMORY_SIZE": "a request body of any size is read into memory",
    "DATA_UPLOAD_MAX_NUMBER_FIELDS": "a request may carry any number of form fields",
    "DATA_UPLOAD_MAX_NUMBER_FILES": "a request may carry any number of uploaded files",
}
"""Django's limits on what one request may make it parse and hold (each 2.5 MB, 1,000
fields and 100 files by default), and what `None` lets through."""


class DjangoRequestLimitDisabled(DjangoSettingRule):
    """## What it does
    Finds settings modules setting `DATA_UPLOAD_MAX_MEMORY_SIZE`,
    `DATA_UPLOAD_MAX_NUMBER_FIELDS` or `DATA_UPLOAD_MAX_NUMBER_FILES` to `None` (also as
    the default of an environment lookup), which turns Django's limit off.

    ## Why is this bad?
    Django rejects a request whose body (uploaded files aside) is larger than 2.5 MB, or
    which carries more than 1,000 fields or 100 files, before a view reads it: these are
    its guards against denial of service. With `None`, one client can make a worker read
    a body as large as the proxy in front lets through into memory (`request.body`,
    `request.POST`), or parse and store hundreds of thousands of fields or files, and a
    few parallel requests exhaust memory or CPU. Django's fix of CVE-2023-24580 (a denial
    of service through many uploaded files) is the file limit itself.

    ## Known problems
    A limit in front of the app (the proxy's `client_max_body_size`) bounds the body, but
    not the number of fields it holds; webwarden does not read the proxy's
    configuration. Raising a limit to a large number is not reported.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    DATA_UPLOAD_MAX_NUMBER_FIELDS = None
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000  # the largest form the app has, with a margin
    ```

    ## References
    - [CWE-770: Allocation of Resources Without Limits or Throttling](https://cwe.mitre.org/data/definitions/770.html)
    - [Django: DATA_UPLOAD_MAX_MEMORY_SIZE](https://docs.djangoproject.com/en/stable/ref/settings/#data-upload-max-memory-size)
    - [Django: DATA_UPLOAD_MAX_NUMBER_FIELDS](https://docs.djangoproject.com/en/stable/ref/settings/#data-upload-max-number-fields)
    - [Django: DATA_UPLOAD_MAX_NUMBER_FILES](https://docs.djangoproject.com/en/stable/ref/settings/#data-upload-max-number-files)
    """

    code = "WW1186"
    name = "django-request-limit-disabled"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 770
    message = "`{setting}` is None: {effect}"
    fix = "remove the setting (Django's default limit) or set it to the largest value the app needs"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for setting, effect in _LIMITS.items():
            for possibility in settings.get(setting):
                if possibility.shipped is None:
                    fields = {"setting": setting, "effect": effect}
                    yield Verdict(setting, possibility, fields)
