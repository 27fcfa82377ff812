"""WW918: python-social-auth left to build its redirect URIs with the request's scheme."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import Possibility, SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, beside

_SETTING = "SOCIAL_AUTH_REDIRECT_IS_HTTPS"
_PROXY_HEADER = "SECURE_PROXY_SSL_HEADER"


class SocialAuthRedirectHttp(DjangoSettingRule):
    """## What it does
    Finds deployed settings modules that write python-social-auth's
    `SOCIAL_AUTH_REDIRECT_IS_HTTPS` off (`False`, also as the default of an environment
    lookup, `env.bool("SOCIAL_AUTH_REDIRECT_IS_HTTPS", default=False)`) while
    `SECURE_PROXY_SSL_HEADER` is not written. With that header set, Django knows a request
    came through the TLS proxy and the redirect URI follows it, so nothing is reported;
    nor is the setting left unwritten (social-auth's own default, as WW908 leaves
    allauth's), nor development settings.

    ## Why is this bad?
    Social-auth builds the `redirect_uri` it hands the identity provider from the
    request (`request.build_absolute_uri()`). Behind a proxy that ends TLS and forwards
    plain HTTP, which is how most deployments run, Django sees an `http` request unless
    told otherwise, so the provider is asked to send the user back to `http://`: the
    authorization code then crosses the network in clear text (or the login fails when
    the provider checks the registered `https://` URI, and an operator registers the
    `http://` one to make it work). `SOCIAL_AUTH_REDIRECT_IS_HTTPS = True` makes
    social-auth write `https://` whatever the request said.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "social_django"]
    SOCIAL_AUTH_REDIRECT_IS_HTTPS = False
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "social_django"]
    SOCIAL_AUTH_REDIRECT_IS_HTTPS = True
    ```
    Or set `SECURE_PROXY_SSL_HEADER` to the header your proxy sets, so that Django
    knows which requests came over HTTPS.

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [python-social-auth: processing redirects and urlopen](https://python-social-auth.readthedocs.io/en/latest/configuration/settings.html#processing-redirects-and-urlopen)
    - [Django: SECURE_PROXY_SSL_HEADER](https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header)
    """

    code = "WW918"
    name = "social-auth-redirect-http"
    practice = Practice.HTTPS
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 319
    in_development = False
    message = (
        "`SOCIAL_AUTH_REDIRECT_IS_HTTPS` is off and `SECURE_PROXY_SSL_HEADER` is not set:"
        " behind a TLS proxy the provider sends the login code back to http://"
    )
    fix = "set `SOCIAL_AUTH_REDIRECT_IS_HTTPS = True` (or `SECURE_PROXY_SSL_HEADER`) in deployed settings"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not settings.is_set(_SETTING):
            return
        for possibility in settings.get(_SETTING):
            if possibility.location is None or possibility.shipped is not False:
                continue
            if any(_proxy_header(p) for p in beside(settings, _PROXY_HEADER, possibility)):
                continue
            yield Verdict(_SETTING, possibility)


def _proxy_header(possibility: Possibility) -> bool:
    """A `SECURE_PROXY_SSL_HEADER` the settings write, to a header or to a value the code
    cannot read (one they leave unset is Django's `None`, also in a module a file read
    at run time may add to: what ships is judged)."""
    value = possibility.shipped
    return possibility.location is not None and (value is UNKNOWN or bool(value))
