"""WW771: django-oauth-toolkit's authorization server told not to require PKCE."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, mentions

_SETTING = "OAUTH2_PROVIDER"
_KEY = "PKCE_REQUIRED"
_APP = "oauth2_provider"


class OauthToolkitPkceOff(DjangoSettingRule):
    """## What it does
    Finds `OAUTH2_PROVIDER = {"PKCE_REQUIRED": False, ...}` in the settings of a project
    that installs django-oauth-toolkit (`oauth2_provider` in `INSTALLED_APPS`): its
    authorization endpoint then issues codes to clients that send no PKCE
    `code_challenge`, and its token endpoint redeems them without a `code_verifier`.
    django-oauth-toolkit requires PKCE by default since its version 2.0; a function
    deciding per client (`"PKCE_REQUIRED": pkce_required_for`) is not reported.

    ## Why is this bad?
    Without PKCE an authorization code is worth a token to whoever holds it. A code
    leaked on its way back to the client (a redirect URI on plain HTTP, a referrer, a
    proxy's log, an app on the same phone claiming the client's custom scheme) is
    redeemed by the attacker, and a public client, which has no secret, cannot be told
    apart from him; a code stolen for one user can also be injected into another
    user's session with a client. The OAuth 2.0 Security Best Current Practice (RFC
    9700) asks authorization servers to enforce PKCE.

    ## Known problems
    Versions of django-oauth-toolkit before 2.0 do not require PKCE unless told to;
    a project pinning one and leaving the key unset is not reported.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "oauth2_provider"]
    OAUTH2_PROVIDER = {
        "SCOPES": {"read": "Read scope"},
        "PKCE_REQUIRED": False,
    }
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "oauth2_provider"]
    OAUTH2_PROVIDER = {
        "SCOPES": {"read": "Read scope"},
    }
    ```
    Leave the key at its default (`True`), and have each client send a
    `code_challenge` with `S256`; a server that must still accept old confidential
    clients can pass a function that requires PKCE of every public client.

    ## References
    - [CWE-345: Insufficient Verification of Data Authenticity](https://cwe.mitre.org/data/definitions/345.html)
    - [django-oauth-toolkit: settings, PKCE_REQUIRED](https://django-oauth-toolkit.readthedocs.io/en/latest/settings.html#pkce-required)
    - [RFC 9700: OAuth 2.0 Security Best Current Practice, 2.1.1](https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1)
    - [RFC 7636: Proof Key for Code Exchange](https://www.rfc-editor.org/rfc/rfc7636)
    """

    code = "WW771"
    name = "oauth-toolkit-pkce-off"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 345
    message = (
        '`OAUTH2_PROVIDER["PKCE_REQUIRED"]` is `False`: the authorization server redeems'
        " codes without a PKCE verifier"
    )
    fix = (
        "leave `PKCE_REQUIRED` at its default (`True`), or pass a function requiring it"
        " of public clients"
    )

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not settings.is_set(_SETTING) or mentions(settings, "INSTALLED_APPS", _APP) is False:
            return
        for possibility in settings.get(_SETTING):
            config = possibility.shipped
            if isinstance(config, dict) and config.get(_KEY, True) is False:
                yield Verdict(_SETTING, possibility, location=possibility.part(_KEY), value=False)
