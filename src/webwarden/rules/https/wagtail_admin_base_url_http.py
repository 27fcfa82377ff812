"""WW911: Wagtail told to build the links of its admin mails with http://."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_SETTING = "WAGTAILADMIN_BASE_URL"
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})  # noqa: S104 - a name, not a bind


class WagtailAdminBaseUrlHttp(DjangoSettingRule):
    """## What it does
    Finds settings modules setting Wagtail's `WAGTAILADMIN_BASE_URL` to an `http://`
    URL, outside development settings. A URL naming this machine (`http://localhost:8000`,
    `127.0.0.1`), a developer's own server, is not reported, nor is a value written with
    `https://`.

    ## Why is this bad?
    Wagtail builds the links of the mails its admin sends from this setting, whatever the
    request it answers: the password-reset link with its token
    (`wagtailadmin/account/password_reset/email.txt` writes `{{ base_url }}` before the
    reset URL when the setting is given), and the links of moderation and comment
    notifications. With `http://`, the reset token crosses the network in clear text when
    the user clicks the link (a redirect to HTTPS comes after the token was sent), and
    anyone on the path can reset the account's password first.

    ## Example
    ```python
    INSTALLED_APPS = ["wagtail.admin", "wagtail"]
    WAGTAILADMIN_BASE_URL = "http://www.example.com"
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["wagtail.admin", "wagtail"]
    WAGTAILADMIN_BASE_URL = "https://www.example.com"
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [Wagtail: WAGTAILADMIN_BASE_URL](https://docs.wagtail.org/en/stable/reference/settings.html#wagtailadmin-base-url)
    """

    code = "WW911"
    name = "wagtail-admin-base-url-http"
    practice = Practice.HTTPS
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 319
    in_development = False
    message = "`WAGTAILADMIN_BASE_URL` is an http:// URL: Wagtail mails password-reset and notification links with it"
    fix = "set `WAGTAILADMIN_BASE_URL` to the site's https:// address in deployed settings"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not settings.is_set(_SETTING):
            return
        for possibility in settings.get(_SETTING):
            value = possibility.shipped
            if isinstance(value, str) and _plain_http(value):
                yield Verdict(_SETTING, possibility)


def _plain_http(url: str) -> bool:
    """An `http://` URL of a host other than this machine."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "http":
        return False
    return (parts.hostname or "").lower() not in _LOOPBACK
