"""Which configuration names hold a key the app itself signs or checks signatures with.

A placeholder given to such a key is no harmless stand-in, as one given to a password
for another service is (the service refuses it): the app signs and verifies with the
placeholder, so whoever reads the default can forge what it signs. Flask's
`SECRET_KEY` and its `*_SECRET_KEY` kin are the framework's own; apps name the keys of
their own HMACs and signatures after what they do: `SALT_EMAIL` (a secret mixed into the
hash that signs reply-by-email addresses), `WEBHOOK_HMAC_KEY`, `TOKEN_SIGNING_KEY`,
`API_TOKEN_SECRET`, `COOKIE_SALT`. The same holds for the keys of its own ciphers
(`FIELD_ENCRYPTION_KEY`, `CRYPTOPAN_KEY`): it encrypts with the placeholder.
"""

from __future__ import annotations

from webwarden.model.module import identifier_words

_SECRET_HOLDERS = frozenset({"salt", "pepper"})
"""Words naming a value mixed into a hash beside what it signs: first or last in the
name (`SALT_EMAIL`, `COOKIE_SALT`, `ID_PEPPER`)."""
_ABOUT_SALT = frozenset(
    {"length", "len", "size", "bytes", "bits", "chars", "characters", "alphabet", "charset"}
    | {"rounds", "iterations", "count", "format", "type", "algorithm", "file", "path", "env"}
    | {"name", "enabled", "fallback", "legacy", "version", "prefix", "suffix", "separator"}
)
"""Words after a salt naming something about it (`SALT_LENGTH`, `SALT_CHARS`,
`SALT_FILE`): not the salt."""
_SIGNING_WORDS = frozenset({"hmac", "signing", "signature", "signer", "sign"})
_VERIFIED_SECRETS = _SIGNING_WORDS | {
    *("webhook", "hook", "token", "tokens", "jwt", "shared", "session", "cookie", "csrf"),
}
"""Words before `secret` naming what the app signs or verifies with it (`WEBHOOK_SECRET`
checks the signature of each delivery, `API_TOKEN_SECRET` keys the HMAC of stored API
tokens); not a credential the app presents to another service (`CLIENT_SECRET`,
`SOCIAL_AUTH_GITHUB_SECRET`), whose placeholder the service refuses."""
_SIGNING_KEYS = _SIGNING_WORDS | {"token", "jwt"}
"""Words before `key` naming a key that signs (`WEBHOOK_HMAC_KEY`, `TOKEN_SIGNING_KEY`,
`AUTH_TOKEN_KEY`)."""
_CIPHER_WORDS = frozenset({"aes", "cipher", "fernet", "symmetric"})
_CIPHER_STEMS = ("crypt", "anonymi", "pseudonymi")
"""Words before `key` or `secret` naming a key the app encrypts or keys an anonymiser with
(`ENCRYPTION_KEY`, `FIELD_ENCRYPTION_KEY`, `AES_KEY`, `FERNET_KEY`, `CRYPTOPAN_KEY`,
the AES key of a prefix-preserving IP anonymiser): whoever has the key decrypts what
the app stored, or undoes its anonymisation; a placeholder is the key it runs with.
Stems count in any word (`cryptopan`, `encryption`, `anonymization`)."""
_PUBLIC_WORDS = frozenset({"public", "publishable", "pub", "verifying", "verify"})
"""Words saying the key is the public half of a pair (`ENCRYPTION_PUBLIC_KEY`)."""
_NAMESPACE_SALTS_PREFIX = "SECURITY_"
_PEPPER = "SECURITY_PASSWORD_SALT"


def is_namespace_salt(name: str) -> bool:
    """Flask-Security's `SECURITY_CONFIRM_SALT`, `SECURITY_RESET_SALT`,
    `SECURITY_REMEMBER_SALT`...: the `salt` it hands itsdangerous beside `SECRET_KEY` to
    keep each kind of token apart, which its documentation says need not be secret (its
    `SECURITY_PASSWORD_SALT`, a pepper of password hashes, is no such salt)."""
    return name.startswith(_NAMESPACE_SALTS_PREFIX) and name.endswith("_SALT") and name != _PEPPER


def names_signing_secret(name: str) -> bool:
    """Whether a configuration name (a Flask config key, a Django setting) names a key
    the app signs or verifies with: a salt or pepper mixed into a keyed hash
    (`SALT_EMAIL`, `COOKIE_SALT`; not `SALT_LENGTH`), an HMAC or signing key
    (`*_HMAC_KEY`, `*_SIGNING_KEY`, `*_TOKEN_KEY`), a secret named for what it verifies
    (`WEBHOOK_SECRET`, `API_TOKEN_SECRET`, `SIGNING_SECRET`), a key or secret of a
    cipher or a keyed anonymiser (`ENCRYPTION_KEY`, `AES_KEY`, `CRYPTOPAN_KEY`; not
    `ENCRYPTION_PUBLIC_KEY`). Not Flask-Security's
    namespace salts (`is_namespace_salt`). Upper-case names only: a setting's, not a
    local variable's."""
    if not name.isupper() or is_namespace_salt(name):
        return False
    words = identifier_words(name)
    if not words:
        return False
    if words[-1] in _SECRET_HOLDERS:
        return True
    if words[0] in _SECRET_HOLDERS and len(words) > 1:
        return _ABOUT_SALT.isdisjoint(words[1:])
    if len(words) < 2:
        return False
    last, before = words[-1], words[-2]
    if last in {"key", "secret"} and _cipher_key(words[:-1]):
        return True
    if last == "key":
        return before in _SIGNING_KEYS
    return last == "secret" and before in _VERIFIED_SECRETS


def _cipher_key(words: list[str]) -> bool:
    """Whether the words before `key` name what a cipher or a keyed anonymiser uses it for
    (`_CIPHER_WORDS`, `_CIPHER_STEMS`), and none says it is a public key."""
    if not _PUBLIC_WORDS.isdisjoint(words):
        return False
    return any(
        word in _CIPHER_WORDS or any(stem in word for stem in _CIPHER_STEMS) for word in words
    )
