"""WW1162: `ALLOWED_HOSTS` that accepts any Host header."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, any_host


class DjangoAllowedHostsWildcard(DjangoSettingRule):
    """## What it does
    Finds `ALLOWED_HOSTS` containing `"*"` (any host), also as the default of an
    environment lookup (split and cleaned item by item too: `[h.strip() for h in
    os.environ.get("ALLOWED_HOSTS", "*").split(",")]`), also read from an entry of a dict
    the settings module or a module of the project binds (`ALLOWED_HOSTS =
    APP_CONFIG["hosts"]` after `from app.config import APP_CONFIG`), or as django-heroku's `settings(locals())` sets it at the end of
    a settings module (unless handed `allowed_hosts=False`). Django's `check --deploy`
    accepts `"*"`; webwarden does not.
    Subdomain patterns such as `".example.com"` are fine.

    ## Why is this bad?
    Django builds absolute URLs (password-reset e-mails, redirects, `build_absolute_uri`)
    from the request's Host header. With every host allowed, an attacker who sends
    `Host: evil.example` gets a reset link pointing at their server mailed to the victim,
    and can poison caches keyed on the host.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    ALLOWED_HOSTS = ["*"]
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    ALLOWED_HOSTS = ["shop.example.com", ".shop.example.com"]
    ```

    ## References
    - [CWE-644: Improper Neutralization of HTTP Headers for Scripting Syntax](https://cwe.mitre.org/data/definitions/644.html)
    - [Django: host header validation](https://docs.djangoproject.com/en/stable/topics/security/#host-header-validation)
    - [Django: ALLOWED_HOSTS](https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts)
    """

    code = "WW1162"
    name = "django-allowed-hosts-wildcard"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 644
    about_pages = True
    message = "`ALLOWED_HOSTS` contains `{host}`: any Host header is accepted"
    fix = "list the real host names (a leading dot allows subdomains: `.example.com`)"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("ALLOWED_HOSTS"):
            host = any_host(possibility)
            if host is not None:
                yield Verdict("ALLOWED_HOSTS", possibility, {"host": host})
