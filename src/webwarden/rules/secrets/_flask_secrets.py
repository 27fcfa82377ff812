"""Which Flask config keys hold secrets, and what a placeholder secret looks like."""

from __future__ import annotations

import re

SECRET_KEYS = frozenset(
    {"SECRET_KEY", "WTF_CSRF_SECRET_KEY", "JWT_SECRET_KEY", "SECURITY_PASSWORD_SALT"}
)
_PLACEHOLDER = re.compile(
    r"change|secret|default|dev|test|example|guess|replace|your|insecure|placeholder|dummy|"
    r"xxx|sample|todo|fixme|^key$|password|hard to",
    re.IGNORECASE,
)
SHORT = 24


def is_secret_key(key: str) -> bool:
    """`SECRET_KEY`, `*_SECRET_KEY` and the salts extensions sign with."""
    return key in SECRET_KEYS or key.endswith("_SECRET_KEY")


def weakness(value: str | bytes) -> str:
    """What is wrong with a literal secret, for the message."""
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    if _PLACEHOLDER.search(text):
        return "a well-known placeholder"
    if len(text) < SHORT:
        return f"a short literal ({len(text)} characters)"
    return "a literal"
