"""WW912: django-oauth-toolkit told to accept `http://` redirect URIs."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.values import lookup
from webwarden.rules._oauth_toolkit import SETTING, provider_configs
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_KEY = "ALLOWED_REDIRECT_URI_SCHEMES"


class OauthRedirectUriHttpAllowed(DjangoSettingRule):
    """## What it does
    Finds `OAUTH2_PROVIDER = {"ALLOWED_REDIRECT_URI_SCHEMES": [...]}` in Django
    settings whose list names `http`: the authorization server of django-oauth-toolkit
    then lets client applications register, and be sent back to, plain-HTTP redirect
    URIs. Only a list the settings write is judged (beside `https` or custom schemes of
    mobile apps, `["http", "https", "myapp"]`), also one they add to
    (`[...] + os.environ["EXTRA"].split(",")`: the written part is judged); a list
    without `http`, a key left to the library's default, and the options of a settings
    module whose `INSTALLED_APPS` leaves `oauth2_provider` out are not reported.

    ## Why is this bad?
    The redirect URI is where the server sends the user's browser with the
    authorization code (or, in the implicit flow, the access token itself) in the URL.
    Sent to `http://`, it crosses the network in clear text: anyone on the path reads
    it and redeems it before the client does, and without PKCE a public client's code
    is all that takes. django-oauth-toolkit documents the setting as "strongly
    recommended" to be `["https"]` in production.

    ## Known problems
    django-oauth-toolkit's default is `["http", "https"]` too; a settings module that
    leaves the key out is not reported, since nothing in it says the choice was made.
    A server whose clients are native apps redirecting to a loopback address
    (`http://127.0.0.1:PORT/`, RFC 8252) needs `http` for those: give it per
    application by overriding `Application.get_allowed_schemes()` instead.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "oauth2_provider"]
    OAUTH2_PROVIDER = {"ALLOWED_REDIRECT_URI_SCHEMES": ["http", "https"]}
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "oauth2_provider"]
    OAUTH2_PROVIDER = {"ALLOWED_REDIRECT_URI_SCHEMES": ["https"]}
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [django-oauth-toolkit: settings, ALLOWED_REDIRECT_URI_SCHEMES](https://django-oauth-toolkit.readthedocs.io/en/latest/settings.html#allowed-redirect-uri-schemes)
    - [RFC 9700: OAuth 2.0 Security Best Current Practice, redirect URIs](https://www.rfc-editor.org/rfc/rfc9700#section-4.1)
    """

    code = "WW912"
    name = "oauth-redirect-uri-http-allowed"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 319
    message = (
        f'`{SETTING}["{_KEY}"]` allows `http`: authorization codes may be sent to '
        "plain-HTTP redirect URIs"
    )
    fix = f"list only `https` (and the custom schemes of mobile apps) in `{_KEY}`"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility, config in provider_configs(settings):
            schemes = lookup(config, _KEY)
            if _names_http(schemes):
                yield Verdict(SETTING, possibility, location=possibility.part(_KEY))


def _names_http(schemes: object) -> bool:
    """Whether a list of schemes written in the settings holds `http` (in any case)."""
    if not isinstance(schemes, list | tuple):
        return False
    return any(isinstance(s, str) and s.strip().lower() == "http" for s in schemes)
