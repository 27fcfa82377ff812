"""WW906: `SECURE_SSL_REDIRECT` not on."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.defaults import SECURITY_MIDDLEWARE
from webwarden.model.project import ProjectModel
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, mentions, not_true


class DjangoSslRedirectOff(DjangoSettingRule):
    """## What it does
    Finds settings modules with `SecurityMiddleware` where `SECURE_SSL_REDIRECT` is not
    `True` (Django's default is off). Covers Django's `security.W008`.

    ## Why is this bad?
    Requests that arrive over plain HTTP are then served over plain HTTP: logins, session
    cookies and page contents travel in clear text and can be read or changed by anyone on
    the network path.

    Not reported when a web server configuration shipped with the application (an
    nginx or Apache file, `*.conf` or `*.nginx`, or a template whose text is one: an Ansible role's
    `templates/shop.j2` holding a `server {` block), or with the repository around it
    (`deploy/` at the root, the Django project in `api/`, the root no Django project
    itself), redirects
    every plain-HTTP request to HTTPS (`return 301 https://$host$request_uri;`,
    `Redirect permanent / https://...`): the proxy in front of Django does what the
    setting would; nor when such an nginx file takes no plain HTTP at all, every
    `server` block listening with TLS (`listen 443 ssl;`, `quic`, the old `ssl on;`; a
    block without `listen` takes port 80): no plain-HTTP request reaches Django. Nor
    when an AWS Copilot manifest shipped with it (`copilot/<service>/manifest.yml`)
    makes the service a `Load Balanced Web Service` with an HTTPS domain (`http.alias`, also an environment's) and leaves
    `redirect_to_https` at its default (true): the load balancer redirects; nor when the
    project's Terraform sets up an AWS load balancer listener whose `default_action`
    redirects to `protocol = "HTTPS"`, or a Google Cloud URL map whose
    `default_url_redirect` sets `https_redirect = true` (listener rules, which act on some
    paths only, do not count), or Azure Container Apps whose `ingress` is external and
    leaves `allow_insecure_connections` off (its default), or an App Service web app with
    `https_only = true`: Azure's front end redirects plain HTTP; nor when a Kubernetes `Ingress` shipped with it (a
    manifest, or a Helm chart's template) is served by ingress-nginx (its
    `nginx.ingress.kubernetes.io/` annotations or the `nginx` class) with a `tls:`
    section, whose controller redirects plain HTTP unless the `ssl-redirect` annotation
    is `"false"`; nor when a Google App Engine `app.yaml` shipped with it has every
    handler running the app (`script: auto`) say `secure: always`, one of them for every
    URL (`url: /.*`): App Engine's front end redirects plain HTTP first; nor when a
    `Caddyfile` shipped with it serves every site passing requests on to the app
    (`reverse_proxy`) by automatic HTTPS (an address naming a host, not `http://`, a
    port alone or port 80, and no `auto_https off` or `disable_redirects`): Caddy
    redirects plain HTTP for those sites.

    ## Known problems
    A Copilot service without an `alias` may still have HTTPS through certificates the
    environment's manifest imports (kept elsewhere); it is reported.
    When a load balancer or reverse proxy configured elsewhere already redirects every
    request to HTTPS, the setting is not needed; accept the finding with that reason (and
    set `SECURE_PROXY_SSL_HEADER` so Django knows requests were secure).

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_SSL_REDIRECT = False
    ```

    ## Fix
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    SECURE_SSL_REDIRECT = True
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [Django: SSL redirect](https://docs.djangoproject.com/en/stable/ref/middleware/#ssl-redirect)
    """

    code = "WW906"
    name = "django-ssl-redirect-off"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 319
    about_pages = True
    django_checks = ("security.W008",)
    message = "`SECURE_SSL_REDIRECT` is {problem}: plain-HTTP requests are served without redirect to HTTPS"
    fix = "set `SECURE_SSL_REDIRECT = True` (or redirect at the proxy and say so)"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        yield from (
            finding
            for finding in super().check(project)
            if not project.https_redirected(finding.location.path)
        )

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not mentions(settings, "MIDDLEWARE", SECURITY_MIDDLEWARE):
            return
        for possibility in settings.get("SECURE_SSL_REDIRECT"):
            if not mentions(settings, "MIDDLEWARE", SECURITY_MIDDLEWARE, possibility):
                continue
            if not_true(possibility):
                problem = "not set" if possibility.location is None else "not true"
                yield Verdict("SECURE_SSL_REDIRECT", possibility, {"problem": problem})
