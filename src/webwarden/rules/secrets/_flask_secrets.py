"""Which Flask config keys hold secrets, and what a placeholder secret looks like."""

from __future__ import annotations

import re

from webwarden.findings import Severity

SECRET_KEYS = frozenset(
    {"SECRET_KEY", "WTF_CSRF_SECRET_KEY", "JWT_SECRET_KEY", "SECURITY_PASSWORD_SALT"}
)
_PLACEHOLDER = re.compile(
    r"change|secret|default|dev|test|example|guess|replace|your|insecure|placeholder|dummy|"
    r"xxx|sample|todo|fixme|^key$|password|hard to",
    re.IGNORECASE,
)
SHORT = 24
SECRET_MAPS = frozenset({"SECURITY_TOTP_SECRETS"})
"""Keys holding a mapping of secrets: Flask-Security's `{version: secret}` with which
passlib encrypts each user's TOTP seed in the database."""
PEPPERS = frozenset({"SECURITY_PASSWORD_SALT"})
"""Keys that sign nothing: Flask-Security HMACs each password with its salt before passlib
hashes it with a random salt of its own, so knowing it spares a thief of the hashes the
pepper, and forges no session or token (those are signed with `SECRET_KEY`)."""


def is_secret_key(key: str) -> bool:
    """`SECRET_KEY`, `*_SECRET_KEY`, Flask-Security's password salt (a pepper) and its TOTP
    secrets."""
    return key in SECRET_KEYS or key.endswith("_SECRET_KEY") or key in SECRET_MAPS


def key_severity(key: str) -> Severity | None:
    """Medium for a pepper (`PEPPERS`) or the TOTP seeds' keys (`SECRET_MAPS`), which
    forge nothing; None (the rule's own) for a signing key."""
    return Severity.MEDIUM if key in PEPPERS or key in SECRET_MAPS else None


def weakness(value: str | bytes) -> str:
    """What is wrong with a literal secret, for the message."""
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    if _PLACEHOLDER.search(text):
        return "a well-known placeholder"
    if len(text) < SHORT:
        return f"a short literal ({len(text)} characters)"
    return "a literal"
