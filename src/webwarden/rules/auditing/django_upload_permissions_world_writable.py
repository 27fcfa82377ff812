"""WW1168: Django's upload modes that let every user of the machine write uploads."""

from __future__ import annotations

import stat
from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_SETTINGS = ("FILE_UPLOAD_PERMISSIONS", "FILE_UPLOAD_DIRECTORY_PERMISSIONS")


class DjangoUploadPermissionsWorldWritable(DjangoSettingRule):
    """## What it does
    Finds settings modules whose `FILE_UPLOAD_PERMISSIONS` or
    `FILE_UPLOAD_DIRECTORY_PERMISSIONS` has the world write bit (`0o666`, `0o777`).

    ## Why is this bad?
    Django applies these modes as they are: it `chmod`s every uploaded file, and makes
    the folders of uploads under a umask of its own. Every account and service on the
    host can then replace what users uploaded, or put files of its own among them.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    FILE_UPLOAD_PERMISSIONS = 0o666
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    FILE_UPLOAD_PERMISSIONS = 0o640
    ```

    ## References
    - [CWE-732: Incorrect Permission Assignment for Critical Resource](https://cwe.mitre.org/data/definitions/732.html)
    - [Django: FILE_UPLOAD_PERMISSIONS](https://docs.djangoproject.com/en/stable/ref/settings/#file-upload-permissions)
    """

    code = "WW1168"
    name = "django-upload-permissions-world-writable"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 732
    message = "`{setting}` is {mode}: every user of the machine can write uploads"
    fix = "drop the world write bit (`0o640` for files, `0o750` for folders)"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for setting in _SETTINGS:
            for possibility in settings.get(setting):
                mode = possibility.shipped
                if isinstance(mode, int) and not isinstance(mode, bool) and mode & stat.S_IWOTH:
                    yield Verdict(setting, possibility, {"setting": setting, "mode": oct(mode)})
