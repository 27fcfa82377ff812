"""Authentication backends of the project that check no password: the user comes from
what a proxy or an identity provider in front vouched for."""

from __future__ import annotations

import ast

from webwarden.model.auth.logins import names_credentials

DJANGO_PASSWORDLESS = frozenset(
    {
        "django.contrib.auth.backends.RemoteUserBackend",
        "django.contrib.auth.backends.AllowAllUsersRemoteUserBackend",
    }
)
"""Django's backends that take the user the web server or a proxy names
(`REMOTE_USER`) and check no password."""
LIBRARY_PASSWORDLESS = (
    "social_core.backends.",
    "mozilla_django_oidc.",
    "djangosaml2.",
    "django_cas_ng.",
    "uaa_client.",
    "guardian.backends.",
    "rules.permissions.",
)
"""Libraries' backends that check no password Django stored: an identity provider's
answer (OAuth, OpenID Connect, SAML, CAS, cg-django-uaa's `UaaBackend` trading Cloud
Foundry UAA's OAuth 2 code), or object permissions only."""


PROTOCOL_WORDS = frozenset({"oidc", "openid", "saml", "saml2", "oauth", "oauth2"})
"""Words of a package's name saying the identity protocol its backends speak: OpenID
Connect, SAML or OAuth hand over the identity provider's answer, never a password
stored here (`amsterdam_django_oidc`, `django_saml2_auth`, `okta_oauth2`,
`oauth2_provider` checking a bearer token)."""


def library_passwordless(backend: str) -> bool:
    """Whether a backend named by its dotted path is Django's or a library's that checks
    no password (`DJANGO_PASSWORDLESS`, `LIBRARY_PASSWORDLESS`, or a package whose name
    has a word of `PROTOCOL_WORDS`)."""
    if backend in DJANGO_PASSWORDLESS or backend.startswith(LIBRARY_PASSWORDLESS):
        return True
    package = backend.partition(".")[0].lower()
    return not PROTOCOL_WORDS.isdisjoint(package.split("_"))


_Function = ast.FunctionDef | ast.AsyncFunctionDef


def checks_no_password(node: ast.ClassDef) -> bool:
    """Whether a class's own `authenticate` method checks no password: its body (not its
    signature: `password=None` kept to match Django's call) names none (`password`,
    `check_password`, `credentials`, `secret`), nor hands the call on to its base
    (`super().authenticate(...)`, `ModelBackend`'s password check), nor reads the
    `Authorization` header (HTTP Basic carries a password). Such a backend reads
    single sign-on headers a proxy set (`request.META["HTTP_SSO_PROFILE_EMAIL"]`) or a
    token, and no password typed on this site reaches it."""
    method = next(
        (s for s in node.body if isinstance(s, _Function) and s.name == "authenticate"), None
    )
    if method is None:
        return False
    hands_on = any(
        isinstance(sub, ast.Attribute) and sub.attr == "authenticate"
        for sub in ast.walk(ast.Module(body=list(method.body), type_ignores=[]))
    )
    return not hands_on and not names_credentials(method.body)
