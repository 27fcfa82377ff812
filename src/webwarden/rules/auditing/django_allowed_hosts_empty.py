"""WW1161: `ALLOWED_HOSTS` empty in a settings module that may be deployed."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict


class DjangoAllowedHostsEmpty(DjangoSettingRule):
    """## What it does
    Finds settings modules whose `ALLOWED_HOSTS` is empty or not set (Django's default is
    empty), including an environment lookup that gives an empty list when the variable is
    unset. Covers Django's `security.W020` (`manage.py check --deploy`). Development and
    test settings modules are not judged: with `DEBUG = True` Django accepts `localhost`
    when the list is empty, and its test runner adds `testserver`.

    ## Why is this bad?
    With `DEBUG = False` and no allowed hosts, Django answers every request with
    "400 Bad Request". The usual quick fix under pressure is `ALLOWED_HOSTS = ["*"]`,
    which turns off the Host header validation that protects password-reset links and
    absolute URLs from host header poisoning. Name the real hosts instead.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    ALLOWED_HOSTS = []
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    ALLOWED_HOSTS = ["shop.example.com"]
    ```

    ## References
    - [CWE-16: Configuration](https://cwe.mitre.org/data/definitions/16.html)
    - [Django: ALLOWED_HOSTS](https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts)
    """

    code = "WW1161"
    name = "django-allowed-hosts-empty"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 16
    about_pages = True
    django_checks = ("security.W020",)
    in_development = False
    message = "`ALLOWED_HOSTS` is {problem}: with `DEBUG = False` every request is refused"
    fix = "list the host names the site is served under in `ALLOWED_HOSTS`"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("ALLOWED_HOSTS"):
            value = possibility.shipped
            if isinstance(value, list | tuple) and not value:
                problem = "empty" if possibility.location else "not set"
                yield Verdict("ALLOWED_HOSTS", possibility, {"problem": problem})
