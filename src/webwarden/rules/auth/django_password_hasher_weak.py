"""WW701: a weak first entry in PASSWORD_HASHERS."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

WEAK = frozenset(
    {
        "MD5PasswordHasher",
        "UnsaltedMD5PasswordHasher",
        "SHA1PasswordHasher",
        "UnsaltedSHA1PasswordHasher",
        "CryptPasswordHasher",
    }
)


class DjangoPasswordHasherWeak(DjangoSettingRule):
    """## What it does
    Finds `PASSWORD_HASHERS` whose first entry (the one new passwords are hashed with) is
    MD5, SHA1, their unsalted forms or Crypt. Weak hashers later in the list (kept to
    upgrade old hashes on login) are not reported.

    ## Why is this bad?
    These are fast hashes: a leaked password table is cracked at billions of guesses per
    second on one GPU, and the unsalted ones fall to precomputed tables at once. Django's
    default PBKDF2, or Argon2/bcrypt/scrypt, are slow on purpose.

    ## Known problems
    Test settings often use MD5 to speed up the test suite; test settings modules are
    reported at low severity.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    ```

    ## References
    - [CWE-916: Use of Password Hash With Insufficient Computational Effort](https://cwe.mitre.org/data/definitions/916.html)
    - [Django: password management](https://docs.djangoproject.com/en/stable/topics/auth/passwords/)
    """

    code = "WW701"
    name = "django-password-hasher-weak"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 916
    message = "`PASSWORD_HASHERS` hashes new passwords with `{hasher}`: leaked hashes crack fast"
    fix = "put Argon2PasswordHasher or PBKDF2PasswordHasher first in `PASSWORD_HASHERS`"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("PASSWORD_HASHERS"):
            value = possibility.shipped
            if isinstance(value, list | tuple) and value and isinstance(value[0], str):
                hasher = value[0].rpartition(".")[2]
                if hasher in WEAK:
                    yield Verdict("PASSWORD_HASHERS", possibility, {"hasher": hasher})
