"""Where the JWT packages of Django's REST frameworks take the key they sign tokens with.

djangorestframework-simplejwt and django-ninja-jwt read `SIGNING_KEY` from their dict
setting (`SIMPLE_JWT`, `NINJA_JWT`; Django's `SECRET_KEY` when absent),
djangorestframework-jwt and django-graphql-jwt read `JWT_SECRET_KEY` (HMAC) or
`JWT_PRIVATE_KEY` (RSA, ECDSA) from theirs (`JWT_AUTH`, `GRAPHQL_JWT`). Whoever holds
the key mints a token for any user.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from webwarden.findings import Location
from webwarden.model.django.settings import Possibility, SettingsModule
from webwarden.model.django.values import lookup

SIGNING_ENTRIES = (
    ("SIMPLE_JWT", "SIGNING_KEY"),
    ("NINJA_JWT", "SIGNING_KEY"),
    ("JWT_AUTH", "JWT_SECRET_KEY"),
    ("JWT_AUTH", "JWT_PRIVATE_KEY"),
    ("GRAPHQL_JWT", "JWT_SECRET_KEY"),
    ("GRAPHQL_JWT", "JWT_PRIVATE_KEY"),
)


@dataclass(frozen=True)
class SigningEntry:
    """One signing key written as an entry of a JWT package's dict setting."""

    setting: str
    key: str
    possibility: Possibility
    value: object
    location: Location

    @property
    def label(self) -> str:
        """`SIMPLE_JWT["SIGNING_KEY"]`, for a message."""
        return f'{self.setting}["{self.key}"]'


def signing_entries(settings: SettingsModule) -> Iterator[SigningEntry]:
    """The signing keys the settings module writes into a JWT package's dict setting, as
    the model gives them (a constant or a `DeployTime`). Not an entry whose value is one
    of `SECRET_KEY`'s (`"SIGNING_KEY": SECRET_KEY`): that key is judged where it is
    written."""
    secret_keys = [possibility.value for possibility in settings.get("SECRET_KEY")]
    for setting, key in SIGNING_ENTRIES:
        for possibility in settings.get(setting):
            value = lookup(possibility.value, key)
            location = possibility.part(key)
            if location is None or any(value == secret for secret in secret_keys):
                continue
            yield SigningEntry(setting, key, possibility, value, location)
