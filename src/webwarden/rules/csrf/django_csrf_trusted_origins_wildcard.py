"""WW604: `CSRF_TRUSTED_ORIGINS` with wildcards."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

SHARED_HOSTING = frozenset(
    {
        "herokuapp.com",
        "github.io",
        "gitlab.io",
        "vercel.app",
        "netlify.app",
        "pages.dev",
        "workers.dev",
        "appspot.com",
        "web.app",
        "firebaseapp.com",
        "azurewebsites.net",
        "cloudfront.net",
        "onrender.com",
        "fly.dev",
        "up.railway.app",
        "pythonanywhere.com",
        "ngrok.io",
        "ngrok-free.app",
        "ngrok.app",
        "glitch.me",
        "repl.co",
        "surge.sh",
        "blogspot.com",
        "app.cloud.gov",
        "cfapps.io",
    }
)
"""Public suffixes of hosting platforms: anyone can get a subdomain there, so a wildcard
under one trusts strangers' sites, not the project's own. So too the shared app domain
of a Cloud Foundry platform (cloud.gov's `app.cloud.gov`), where every tenant routes
apps."""


def _platform_under(domain: str) -> str | None:
    """The hosting platform's suffix that a wildcard over `domain` covers, if any.

    NOTE: Django turns `https://*.railway.app` into `.railway.app` and accepts every host
    ending with it, at any depth, so a wildcard over a platform's parent domain also
    trusts every stranger's app on the platform (`up.railway.app`)."""
    if domain in SHARED_HOSTING:
        return domain
    return next((s for s in sorted(SHARED_HOSTING) if s.endswith("." + domain)), None)


class DjangoCsrfTrustedOriginsWildcard(DjangoSettingRule):
    """## What it does
    Finds `CSRF_TRUSTED_ORIGINS` entries with a wildcard: `"*"` or `"https://*"` (any
    site, high severity) and `"https://*.example.com"` (every subdomain, low severity); a
    wildcard under a top-level domain (`"https://*.com"`) or a hosting platform's domain
    (`"https://*.herokuapp.com"`, cloud.gov's shared `"https://*.app.cloud.gov"`), where
    anyone can get a subdomain, counts as any site; so does one over a platform's parent
    domain (`"https://*.railway.app"`: Django matches subdomains at any depth, so it also
    trusts every app on `up.railway.app`).

    ## Why is this bad?
    Django accepts unsafe requests whose `Origin` (or, over HTTPS, `Referer`) is a
    trusted origin. Trusting every origin undoes the origin check; trusting every subdomain
    hands CSRF to whoever controls any of them: a forgotten staging host, a user-content
    subdomain, a dangling DNS record taken over.

    ## Known problems
    A subdomain wildcard is fine when you control every subdomain; list them one by one
    when you can, or accept the finding.

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
    CSRF_TRUSTED_ORIGINS = ["https://*"]
    ```

    ## Fix
    ```python
    MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
    CSRF_TRUSTED_ORIGINS = ["https://app.example.com"]
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery](https://cwe.mitre.org/data/definitions/352.html)
    - [Django: CSRF_TRUSTED_ORIGINS](https://docs.djangoproject.com/en/stable/ref/settings/#csrf-trusted-origins)
    """

    code = "WW604"
    name = "django-csrf-trusted-origins-wildcard"
    practice = Practice.CSRF
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 352
    about_pages = True
    message = "`CSRF_TRUSTED_ORIGINS` trusts `{origin}`: {scope} can send requests that pass the CSRF check"
    fix = "list the exact origins that post to the site in `CSRF_TRUSTED_ORIGINS`"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("CSRF_TRUSTED_ORIGINS"):
            value = possibility.shipped
            if not isinstance(value, list | tuple):
                continue
            for origin in value:
                if not isinstance(origin, str) or "*" not in origin:
                    continue
                host = origin.partition("://")[2] or origin
                domain = host[2:].lower().rstrip("/").partition(":")[0]
                if host.startswith("*.") and domain and "." not in domain:
                    scope = f"every site under the top-level domain `.{domain}`"
                    fields = {"origin": origin, "scope": scope}
                    yield Verdict("CSRF_TRUSTED_ORIGINS", possibility, fields)
                elif host.startswith("*.") and (platform := _platform_under(domain)):
                    scope = f"every site hosted on `{platform}`, where anyone can have one"
                    fields = {"origin": origin, "scope": scope}
                    yield Verdict("CSRF_TRUSTED_ORIGINS", possibility, fields)
                elif host.startswith("*.") and len(host) > 2:
                    fields = {"origin": origin, "scope": f"every subdomain of `{host[2:]}`"}
                    yield Verdict(
                        "CSRF_TRUSTED_ORIGINS",
                        possibility,
                        fields,
                        severity=Severity.LOW,
                        confidence=Confidence.MEDIUM,
                    )
                else:
                    fields = {"origin": origin, "scope": "any site"}
                    yield Verdict("CSRF_TRUSTED_ORIGINS", possibility, fields)
