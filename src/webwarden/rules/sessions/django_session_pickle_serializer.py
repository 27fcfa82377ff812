"""WW807: Django sessions serialised with pickle."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_PICKLE = frozenset(
    {
        "django.contrib.sessions.serializers.PickleSerializer",
        "django.core.serializers.base.PickleSerializer",
    }
)


class DjangoSessionPickleSerializer(DjangoSettingRule):
    """## What it does
    Finds settings modules whose `SESSION_SERIALIZER` is Django's `PickleSerializer`
    (deprecated in Django 4.1, removed in 5.0).

    ## Why is this bad?
    Session data is then unpickled on every request. With the signed-cookie session
    backend the cookie itself is that data, and anyone who learns the `SECRET_KEY` (a
    leaked settings file, a debug page) can sign a cookie that runs code on the server
    when it is read; with the other backends, whoever can write the session store can.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.sessions"]
    SESSION_SERIALIZER = "django.contrib.sessions.serializers.PickleSerializer"
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.sessions"]
    SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"
    ```

    ## References
    - [CWE-502: Deserialization of Untrusted Data](https://cwe.mitre.org/data/definitions/502.html)
    - [Django: session serialization](https://docs.djangoproject.com/en/4.2/topics/http/sessions/#session-serialization)
    """

    code = "WW807"
    name = "django-session-pickle-serializer"
    practice = Practice.SESSIONS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 502
    about_pages = True
    message = "`SESSION_SERIALIZER` is `PickleSerializer`: {why}"
    fix = "use the default `JSONSerializer` and keep only JSON-able values in sessions"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        engines = [p.shipped for p in settings.get("SESSION_ENGINE")]
        signed = "django.contrib.sessions.backends.signed_cookies" in engines
        why = (
            "a cookie signed with a leaked `SECRET_KEY` runs code on the server"
            if signed
            else "session data is unpickled on every request"
        )
        for possibility in settings.get("SESSION_SERIALIZER"):
            if possibility.shipped in _PICKLE:
                yield Verdict("SESSION_SERIALIZER", possibility, {"why": why})
