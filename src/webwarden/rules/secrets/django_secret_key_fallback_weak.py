"""WW202: a weak key in SECRET_KEY_FALLBACKS."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.values import is_known, shipped
from webwarden.rules.django_settings import DjangoSettingRule, Verdict
from webwarden.rules.secrets._secret_key import fallback_keys, weakness, written_in_source


class DjangoSecretKeyFallbackWeak(DjangoSettingRule):
    """## What it does
    Finds entries of `SECRET_KEY_FALLBACKS` (old keys still accepted while rotating) that
    are empty, shorter than 50 characters, made of fewer than 5 different characters or
    `django-insecure-` keys. An entry written in the code (`["old-key"]`) or falling back
    to one when its variable is unset (`os.getenv("OLD_KEY", "old-key")`,
    `env.list("OLD_KEYS", default=[...])`) is reported once, by WW203: whoever reads the
    code has that key, whatever its length. Covers Django's `security.W025`.

    ## Why is this bad?
    Django accepts signatures made with any fallback key. A weak fallback is as good as a
    weak `SECRET_KEY`: whoever guesses it can forge sessions and password-reset tokens
    until it is removed.

    ## Example
    ```python
    import os

    INSTALLED_APPS = ["django.contrib.auth"]
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    SECRET_KEY_FALLBACKS = [os.environ.get("DJANGO_OLD_SECRET_KEY", "")]
    ```

    ## Fix
    ```python
    import os

    INSTALLED_APPS = ["django.contrib.auth"]
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    SECRET_KEY_FALLBACKS = [os.environ["DJANGO_OLD_SECRET_KEY"]]
    ```

    ## References
    - [CWE-326: Inadequate Encryption Strength](https://cwe.mitre.org/data/definitions/326.html)
    - [Django: SECRET_KEY_FALLBACKS](https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks)
    """

    code = "WW202"
    name = "django-secret-key-fallback-weak"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 326
    django_checks = ("security.W025",)
    message = "`SECRET_KEY_FALLBACKS[{index}]` {problem}: signatures made with it can be forged"
    fix = "remove the old key once rotated, or replace it with a strong key from the environment"
    masks_values = True

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("SECRET_KEY_FALLBACKS"):
            for index, written in enumerate(fallback_keys(possibility.value)):
                key = shipped(written)
                if written_in_source(written) is not None or not is_known(key):
                    continue
                problem = weakness(key)
                if problem is not None:
                    fields = {"index": index, "problem": problem}
                    yield Verdict("SECRET_KEY_FALLBACKS", possibility, fields)
