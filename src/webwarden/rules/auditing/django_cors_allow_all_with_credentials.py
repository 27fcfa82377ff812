"""WW1164: django-cors-headers allowing every origin together with credentials."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.values import is_known
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_ALL_ORIGINS = ("CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL")


class DjangoCorsAllowAllWithCredentials(DjangoSettingRule):
    """## What it does
    Finds django-cors-headers settings that allow every origin
    (`CORS_ALLOW_ALL_ORIGINS = True`, or the old name `CORS_ORIGIN_ALLOW_ALL`) while
    `CORS_ALLOW_CREDENTIALS = True`.

    ## Why is this bad?
    With both set, django-cors-headers answers any origin with
    `Access-Control-Allow-Origin: <that origin>` and `Access-Control-Allow-Credentials:
    true`. Any web site a logged-in user visits can then call the API with the user's
    cookies and read the answers: their data, their CSRF token, anything the session sees.

    ## Example
    ```python
    INSTALLED_APPS = ["corsheaders"]
    CORS_ALLOW_ALL_ORIGINS = True
    CORS_ALLOW_CREDENTIALS = True
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["corsheaders"]
    CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
    CORS_ALLOW_CREDENTIALS = True
    ```

    ## References
    - [CWE-942: Permissive Cross-domain Policy with Untrusted Domains](https://cwe.mitre.org/data/definitions/942.html)
    - [django-cors-headers: settings](https://github.com/adamchainz/django-cors-headers#configuration)
    """

    code = "WW1164"
    name = "django-cors-allow-all-with-credentials"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 942
    about_pages = True
    message = "`{setting}` with `CORS_ALLOW_CREDENTIALS`: any site can read responses with the user's cookies"
    fix = "list trusted origins in `CORS_ALLOWED_ORIGINS` instead of allowing all"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        credentials = [p.shipped for p in settings.get("CORS_ALLOW_CREDENTIALS")]
        if not any(is_known(value) and value for value in credentials):
            return
        for setting in _ALL_ORIGINS:
            for possibility in settings.get(setting):
                value = possibility.shipped
                if is_known(value) and value:
                    yield Verdict(setting, possibility, {"setting": setting})
