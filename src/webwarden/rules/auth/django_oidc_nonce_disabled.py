"""WW707: mozilla-django-oidc's `OIDC_USE_NONCE` turned off."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.values import is_known
from webwarden.rules.django_settings import DjangoSettingRule, Verdict


class DjangoOidcNonceDisabled(DjangoSettingRule):
    """## What it does
    Finds settings modules with `OIDC_USE_NONCE` false (also as the default of an
    environment lookup): mozilla-django-oidc then sends no `nonce` with its
    authentication request and accepts any ID token the identity provider's key signed
    for this client, without checking it answers this browser's login. Development and
    test settings modules are not judged.

    ## Why is this bad?
    The nonce binds the ID token to the login the user's session started; without it an
    ID token obtained elsewhere (leaked from a log, a proxy, another login of the same
    client) can be replayed at the callback to sign in as its owner, or an attacker's
    own token pushed into a victim's session. The OpenID Connect specification requires
    it for the implicit flow and recommends it for the code flow; mozilla-django-oidc
    turns it on by default.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "mozilla_django_oidc"]
    OIDC_USE_NONCE = False
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "mozilla_django_oidc"]
    OIDC_USE_NONCE = True
    ```

    ## References
    - [CWE-294: Authentication Bypass by Capture-replay](https://cwe.mitre.org/data/definitions/294.html)
    - [OpenID Connect Core 1.0: nonce](https://openid.net/specs/openid-connect-core-1_0.html#IDToken)
    - [mozilla-django-oidc: OIDC_USE_NONCE](https://mozilla-django-oidc.readthedocs.io/en/stable/settings.html#OIDC_USE_NONCE)
    """

    code = "WW707"
    name = "django-oidc-nonce-disabled"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 294
    in_development = False  # NOTE: a test run or a developer's machine logs in to no real provider
    message = "`OIDC_USE_NONCE` is off: ID tokens are not bound to the login that asked for them"
    fix = "remove `OIDC_USE_NONCE` (mozilla-django-oidc's default is True) or set it True"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("OIDC_USE_NONCE"):
            value = possibility.shipped
            if is_known(value) and not value:
                yield Verdict("OIDC_USE_NONCE", possibility)
