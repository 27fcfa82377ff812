"""The keys of the app's own HMACs and signatures, judged alike on both frameworks.

Which names hold such a key is `names_signing_secret` (`SALT_EMAIL`, `*_HMAC_KEY`,
`WEBHOOK_SECRET`); this module says which values written under such a name may be the
key, what is wrong with one (a well-known placeholder, a short literal), and which of
those names the project hands a signer as a namespace instead. Flask's rules (WW220,
WW221) judge them in the app's config, Django's (WW203) in its settings modules.
"""

from __future__ import annotations

import re

from webwarden.analysis.secrets.values import is_plainly_not_secret
from webwarden.findings import Severity
from webwarden.model.module import identifier_words
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._project import auth_facts_by_path

_PLACEHOLDER = re.compile(
    r"change|secret|default|dev|test|example|guess|replace|your|insecure|placeholder|dummy|"
    r"xxx|sample|todo|fixme|^key$|password|hard to|<[^<>]*>|insert|fill[-_ ]?in",
    re.IGNORECASE,
)
SHORT = 24
_SPACE = re.compile(r"\s")
_WHERE = re.compile(
    r"^(?:/|\./|\.\./|~/|[A-Za-z][A-Za-z0-9+.\-]*://)"
    r"|\.(?:pem|key|keys|crt|der|p12|pfx|jwk|json|txt|bin|asc|gpg)$"
)
"""A path or a URL (`/run/secrets/fernet.key`, `vault://...`): where a key is kept, not
the key, whatever words it holds (`secrets`)."""


def _text(value: str | bytes) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


def may_hold_key(value: str | bytes) -> bool:
    """Whether `value`, given to a name that holds a key only by what it is named for
    (`names_signing_secret`), may be that key. Such a name may hold something else of
    that name: the field a token is read from (`ACCESS_TOKEN_KEY = "access_token"`), words
    naming a salt's namespace (`SESSION_SIGNER_SALT = "js_session"`); such words are no
    key, unless they are a placeholder (`"<secret key to be changed>"`, `"change-me"`);
    nor is a path or a URL, where the key is kept (`"/run/secrets/fernet.key"`)."""
    text = _text(value)
    if _SPACE.search(text.strip()):
        return True  # NOTE: words with spaces make a passphrase (`"Never know..."`), no name
    if _WHERE.search(text.strip()):
        return False
    return bool(_PLACEHOLDER.search(text)) or not is_plainly_not_secret(text)


def weakness(value: str | bytes) -> str:
    """What is wrong with a literal secret, for the message: `a well-known placeholder`,
    `a short literal (9 characters)` or `a literal`."""
    text = _text(value)
    if _PLACEHOLDER.search(text):
        return "a well-known placeholder"
    if len(text) < SHORT:
        return f"a short literal ({len(text)} characters)"
    return "a literal"


def pepper_severity(key: str) -> Severity | None:
    """Medium for a key named a pepper (`PASSWORD_PEPPER`, `PI_PEPPER`): mixed into
    password hashes, it forges nothing when known; None (the rule's own) otherwise."""
    return Severity.MEDIUM if "pepper" in identifier_words(key) else None


def signer_keys(project: ProjectModel) -> frozenset[str]:
    """Config keys and settings some module of the project hands a signer as the key it
    signs with (`URLSafeTimedSerializer(app.config["ITSDANGEROUS_KEY"])`): a signing key
    whatever its name says."""
    return frozenset(name for _, facts in auth_facts_by_path(project) for name in facts.signer_keys)


def namespace_salts(project: ProjectModel) -> frozenset[str]:
    """Config keys and settings some module of the project hands a signer as its salt,
    beside the key it signs with (`salt=app.config["CONFIRM_SALT"]`,
    `signing.dumps(value, salt=settings.EXPORT_SALT)`, `salted_hmac(settings.LINK_SALT,
    value)`): a namespace, no secret, whatever its name says."""
    return frozenset(
        name for _, facts in auth_facts_by_path(project) for name in facts.namespace_salts
    )
