"""WW1169: Django sending mail with a password over SMTP without TLS."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.environment import DeployTime
from webwarden.analysis.secrets import is_local_host
from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_SMTP = "django.core.mail.backends.smtp.EmailBackend"


class DjangoEmailWithoutTls(DjangoSettingRule):
    """## What it does
    Finds settings modules that give Django's SMTP backend a password
    (`EMAIL_HOST_PASSWORD`) for a mail server other than this machine while neither
    `EMAIL_USE_TLS` nor `EMAIL_USE_SSL` is on (both are off by default). When the
    environment may turn TLS on (`env.bool("EMAIL_USE_TLS", False)`), the finding is low:
    the default is what ships, the deployment may change it; one whose default is on
    (`os.environ.get("EMAIL_USE_TLS", "True") != "False"`) ships TLS and is not reported.

    ## Why is this bad?
    Django then logs in to the mail server with SMTP AUTH over a plain connection: the
    user name and password cross the network readable by anyone on the path, and so do
    the mails (password-reset links included).

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    EMAIL_HOST = "smtp.example.com"
    EMAIL_PORT = 587
    EMAIL_HOST_USER = "app@example.com"
    EMAIL_HOST_PASSWORD = os.environ["EMAIL_HOST_PASSWORD"]
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    EMAIL_HOST = "smtp.example.com"
    EMAIL_PORT = 587
    EMAIL_USE_TLS = True
    EMAIL_HOST_USER = "app@example.com"
    EMAIL_HOST_PASSWORD = os.environ["EMAIL_HOST_PASSWORD"]
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [Django: EMAIL_USE_TLS](https://docs.djangoproject.com/en/stable/ref/settings/#email-use-tls)
    """

    code = "WW1169"
    name = "django-email-without-tls"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 319
    message = "`EMAIL_HOST_PASSWORD` is sent to {host} over SMTP without TLS: `EMAIL_USE_TLS` and `EMAIL_USE_SSL` are off"
    fix = "set `EMAIL_USE_TLS = True` (port 587) or `EMAIL_USE_SSL = True` (port 465)"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not _smtp(settings) or _tls_always(settings):
            return
        if not settings.is_set("EMAIL_HOST"):
            return  # NOTE: Django's default, `localhost`
        hosts = [p.shipped for p in settings.get("EMAIL_HOST")]
        remote = [h for h in hosts if not (isinstance(h, str) and (not h or is_local_host(h)))]
        if not remote:
            return
        shown = next((f"`{h}`" for h in remote if isinstance(h, str)), "the mail server")
        later = [
            p.value
            for name in ("EMAIL_USE_TLS", "EMAIL_USE_SSL")
            for p in settings.get(name)
            if isinstance(p.value, DeployTime)
        ]
        for possibility in settings.get("EMAIL_HOST_PASSWORD"):
            given = isinstance(possibility.value, DeployTime) or (
                isinstance(possibility.shipped, str) and possibility.shipped
            )
            if possibility.location is None or not given:
                continue
            fields = {"host": shown}
            severity = Severity.LOW if later else None
            # NOTE: the note that matters is the one of the switch the deployment may turn on.
            noted = later[0] if later else False
            yield Verdict(
                "EMAIL_HOST_PASSWORD", possibility, fields, value=noted, severity=severity
            )


def _smtp(settings: SettingsModule) -> bool:
    """Whether the backend is (or may be) Django's SMTP backend, the default."""
    backends = [p.shipped for p in settings.get("EMAIL_BACKEND")]
    return any(b in (_SMTP, None) or not isinstance(b, str) for b in backends)


def _tls_always(settings: SettingsModule) -> bool:
    """Whether TLS or SSL may be on in what ships: set true, or to a value webwarden
    cannot read (a config file's), in any possibility. A switch the environment decides
    is judged by its default, as what ships."""
    switches = ("EMAIL_USE_TLS", "EMAIL_USE_SSL")
    if not settings.complete and not all(settings.is_set(name) for name in switches):
        return True  # NOTE: a module may set it that webwarden cannot list (`import *`)
    return any(
        p.location
        and (p.shipped is True if isinstance(p.value, DeployTime) else p.shipped is not False)
        for name in switches
        for p in settings.get(name)
    )
