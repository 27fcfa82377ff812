"""WW908: django-allauth told to build its links with http://."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_SETTING = "ACCOUNT_DEFAULT_HTTP_PROTOCOL"


class AllauthDefaultProtocolHttp(DjangoSettingRule):
    """## What it does
    Finds settings modules setting django-allauth's `ACCOUNT_DEFAULT_HTTP_PROTOCOL` to
    `"http"`, outside development settings. (It is also allauth's default, as
    `PREFERRED_URL_SCHEME` is Flask's: only a module that writes it down is reported,
    as WW922 does for Flask.)

    ## Why is this bad?
    Allauth builds the links of its mails with this protocol: the password-reset link,
    the e-mail confirmation link, and the URLs a social login sends the provider back to.
    Only `"https"` makes it use `https://` whatever the request it answers; with
    `"http"`, a mail sent without a request (a task, a command) or from behind a proxy
    that does not tell Django the request was secure (`SECURE_PROXY_SSL_HEADER`) carries
    an `http://` link, and the reset token or confirmation key crosses the network in
    clear text when the user clicks it.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "allauth", "allauth.account"]
    ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "allauth", "allauth.account"]
    ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [django-allauth: HTTPS](https://docs.allauth.org/en/latest/common/https.html)
    - [django-allauth: account configuration](https://docs.allauth.org/en/latest/account/configuration.html)
    """

    code = "WW908"
    name = "allauth-default-protocol-http"
    practice = Practice.HTTPS
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 319
    in_development = False
    message = '`ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"`: allauth mails password-reset and confirmation links with http://'
    fix = 'set `ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"` in deployed settings'

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not settings.is_set(_SETTING):
            return
        for possibility in settings.get(_SETTING):
            value = possibility.shipped
            if isinstance(value, str) and value.strip().lower() == "http":
                yield Verdict(_SETTING, possibility)
