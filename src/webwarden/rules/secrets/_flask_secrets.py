"""Which Flask config keys hold secrets (the values they may hold and what is wrong with
one are judged as Django's signing keys are: `_signing_keys`)."""

from __future__ import annotations

from webwarden.analysis.secrets.signing import names_signing_secret
from webwarden.findings import Severity
from webwarden.rules.secrets._signing_keys import may_hold_key, pepper_severity

SECRET_KEYS = frozenset(
    {"SECRET_KEY", "WTF_CSRF_SECRET_KEY", "JWT_SECRET_KEY", "SECURITY_PASSWORD_SALT"}
)
SECRET_MAPS = frozenset({"SECURITY_TOTP_SECRETS"})
"""Keys holding a mapping of secrets: Flask-Security's `{version: secret}` with which
passlib encrypts each user's TOTP seed in the database."""
PEPPERS = frozenset({"SECURITY_PASSWORD_SALT"})
"""Keys that sign nothing: Flask-Security HMACs each password with its salt before passlib
hashes it with a random salt of its own, so knowing it spares a thief of the hashes the
pepper, and forges no session or token (those are signed with `SECRET_KEY`)."""


def is_secret_key(key: str) -> bool:
    """`SECRET_KEY`, `*_SECRET_KEY`, Flask-Security's password salt (a pepper) and its TOTP
    secrets, and the keys the app's own HMACs and signatures are named for
    (`names_signing_secret`: `SALT_EMAIL`, `WEBHOOK_HMAC_KEY`, `API_TOKEN_SECRET`)."""
    return (
        key in SECRET_KEYS
        or key.endswith("_SECRET_KEY")
        or key in SECRET_MAPS
        or names_signing_secret(key)
    )


def named_by_use(key: str) -> bool:
    """Whether `key` holds a secret only by the heuristic of its name
    (`names_signing_secret`), not as a key Flask or an extension signs with."""
    return not (key in SECRET_KEYS or key.endswith("_SECRET_KEY") or key in SECRET_MAPS)


def may_be_key(key: str, value: str | bytes) -> bool:
    """Whether `value` may be the secret `key` holds. A key named only for what it signs
    (`named_by_use`) may hold something else of that name: the field a token is read
    from (`ACCESS_TOKEN_KEY = "access_token"`), words naming a salt's namespace
    (`SESSION_SIGNER_SALT = "js_session"`); such words are no key, unless they are a
    placeholder (`"<secret key to be changed>"`, `"change-me"`): `may_hold_key`."""
    return not named_by_use(key) or may_hold_key(value)


def key_severity(key: str) -> Severity | None:
    """Medium for a pepper (`PEPPERS`, a key so named: `PI_PEPPER`) or the TOTP seeds'
    keys (`SECRET_MAPS`), which forge nothing; None (the rule's own) for a signing key."""
    if key in PEPPERS or key in SECRET_MAPS:
        return Severity.MEDIUM
    return pepper_severity(key)


def judged_keys(
    keys: set[str], salts: frozenset[str], signers: frozenset[str] = frozenset()
) -> list[str]:
    """The secret keys of `keys` in order, but those named only for what they sign that
    the project uses as a signer's namespace (`namespace_salts`); with those, whatever
    their names, that the project hands a signer as its key (`signer_keys`)."""
    return sorted(
        k
        for k in keys
        if k in signers or (is_secret_key(k) and not (named_by_use(k) and k in salts))
    )
