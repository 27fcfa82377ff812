"""WW767: django-oauth-toolkit told to issue authorization codes without PKCE."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.values import lookup
from webwarden.rules._oauth_toolkit import SETTING, provider_configs
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_KEY = "PKCE_REQUIRED"


class OauthPkceNotRequired(DjangoSettingRule):
    """## What it does
    Finds `OAUTH2_PROVIDER = {"PKCE_REQUIRED": False, ...}` in Django settings: the
    authorization server of django-oauth-toolkit then hands out authorization codes to
    clients that send no PKCE `code_challenge`, and exchanges them for tokens without a
    `code_verifier`. `True` (the default since django-oauth-toolkit 2.0) and a callable
    deciding per client (`"PKCE_REQUIRED": pkce_required_for`) are not reported, nor
    the options of a settings module whose `INSTALLED_APPS` leaves `oauth2_provider` out.

    ## Why is this bad?
    An authorization code travels through the browser: a redirect URI another app on
    the phone also claims, a proxy's or a server's log, a `Referer` header. Without
    PKCE whoever holds the code of a public client (a mobile or single-page app, which
    has no secret) exchanges it for the user's tokens, and a code stolen from one
    session can be injected into another. The OAuth 2.0 Security Best Current Practice
    (RFC 9700) requires PKCE of public clients and recommends it for all of them; only
    the server can require it.

    ## Known problems
    A server whose every registered client is confidential (each authenticates with
    its secret when it redeems a code) loses less: a stolen code is useless without the
    secret, but code injection stays possible. django-oauth-toolkit before 2.0 did not
    require PKCE by default; a project pinning such a release and leaving the key out
    is not reported. Item sets after the dict (`OAUTH2_PROVIDER["PKCE_REQUIRED"] = False`)
    are followed; a dict built by a function of the project is not.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "oauth2_provider"]
    OAUTH2_PROVIDER = {"SCOPES": {"read": "Read"}, "PKCE_REQUIRED": False}
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "oauth2_provider"]
    OAUTH2_PROVIDER = {"SCOPES": {"read": "Read"}}
    ```
    Leave the key at its default; to move old clients over gradually, give it a
    function of the client id that answers `True` for every client updated to PKCE.

    ## References
    - [CWE-287: Improper Authentication](https://cwe.mitre.org/data/definitions/287.html)
    - [django-oauth-toolkit: settings, PKCE_REQUIRED](https://django-oauth-toolkit.readthedocs.io/en/latest/settings.html#pkce-required)
    - [RFC 9700: OAuth 2.0 Security Best Current Practice, PKCE](https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1)
    - [RFC 7636: Proof Key for Code Exchange](https://www.rfc-editor.org/rfc/rfc7636)
    """

    code = "WW767"
    name = "oauth-pkce-not-required"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 287
    message = f'`{SETTING}["{_KEY}"]` is `False`: authorization codes are redeemed without PKCE'
    fix = "leave `PKCE_REQUIRED` at its default (`True`), or give it a function of the client id"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility, config in provider_configs(settings):
            if lookup(config, _KEY) is False:
                yield Verdict(
                    SETTING,
                    possibility,
                    location=possibility.part(_KEY),
                    value=None if (raw := lookup(possibility.value, _KEY)) is UNKNOWN else raw,
                )
