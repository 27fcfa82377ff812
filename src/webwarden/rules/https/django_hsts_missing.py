"""WW902: HTTP Strict Transport Security not enabled."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.django import Possibility, SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict
from webwarden.rules.https._hsts import hsts_seconds

if TYPE_CHECKING:
    from webwarden.model.project import ProjectModel


class DjangoHstsMissing(DjangoSettingRule):
    """## What it does
    Finds settings modules with `SecurityMiddleware` where `SECURE_HSTS_SECONDS` is not set,
    zero, `None` or `False` (the message names which), so no `Strict-Transport-Security` header is sent. Covers Django's
    `security.W004`; a max-age under a year is reported by WW903. Not when a web server
    configuration shipped with the application (nginx's `add_header`, Apache's `Header
    set`, in a `*.conf` or `*.nginx` file or a template of one such as `nginx.template`, or a template
    of another name whose text is one: an Ansible role's `templates/shop.j2` with an
    nginx `server {` block and its `listen` or `server_name`, or an Apache
    `<VirtualHost>`) sends the header with a max-age above zero in front of it (in a value
    browsers parse: not `max-age=31536000, includeSubDomains`, see WW945), nor when
    a Kubernetes `Ingress` shipped with it (a manifest, or a Helm chart's template) is
    served by ingress-nginx with a `tls:` section: the controller sends the header on
    its HTTPS answers unless its own configuration, kept with the cluster, turns it off;
    nor when a `Caddyfile` shipped with it sets the header for every path (`header
    Strict-Transport-Security "max-age=..."`, or the line in a `header { ... }` block):
    Caddy's automatic HTTPS sends none of its own.

    ## Why is this bad?
    Without HSTS the browser will still try `http://` first whenever a user types the
    address or follows an old link, and an attacker on the network (public Wi-Fi) can
    answer that plain request, strip the redirect to HTTPS and read or change everything
    (SSL stripping). HSTS tells the browser to use HTTPS only.

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_HSTS_SECONDS = 0
    ```

    ## Fix
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_HSTS_SECONDS = 31536000
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [Django: HTTP Strict Transport Security](https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security)
    """

    code = "WW902"
    name = "django-hsts-missing"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 319
    about_pages = True
    django_checks = ("security.W004",)
    message = "`SECURE_HSTS_SECONDS` is {problem}: browsers are not told to use HTTPS only"
    fix = "set `SECURE_HSTS_SECONDS = 31536000` (after checking every subdomain serves HTTPS)"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        yield from (
            finding
            for finding in super().check(project)
            if not project.hsts_at_proxy(finding.location.path)
        )

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility, seconds in hsts_seconds(settings):
            if seconds <= 0:
                yield Verdict(
                    "SECURE_HSTS_SECONDS", possibility, {"problem": _problem(possibility)}
                )


def _problem(possibility: Possibility) -> str:
    """How the value says no: left unset, `None` or `False` (off, as Django reads them),
    or a number of seconds that is zero or less."""
    if possibility.location is None:
        return "not set"
    if possibility.shipped is None or possibility.shipped is False:
        return f"`{possibility.shipped}`"
    return "zero"
