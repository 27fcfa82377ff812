"""WW201: a short, repetitive or startproject-generated SECRET_KEY."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.values import is_known
from webwarden.rules.django_settings import DjangoSettingRule, Verdict
from webwarden.rules.secrets._secret_key import (
    filled_by_startproject,
    weakness,
    written_in_source,
)


class DjangoSecretKeyWeak(DjangoSettingRule):
    """## What it does
    Finds a `SECRET_KEY` that is shorter than 50 characters, made of fewer than 5
    different characters, or prefixed with `django-insecure-` (the key `startproject`
    writes for development), when the source does not hold the key itself: a key written
    in the code (`SECRET_KEY = "django-insecure-..."`, bytes too) or falling back to one
    when its variable is unset (`os.getenv("SECRET_KEY", "dev-key")`, `config(...,
    default=...)`, `env.str(..., default=...)`, a `try` handler's literal) is reported
    once, by WW203: whoever reads the code has that key, whatever its length, and the
    change it asks for is the key out of the code. A key that
    is empty or not set at all (also an environment lookup without a default) is not
    reported: Django refuses to use it (`ImproperlyConfigured` when the key is first
    read), so nothing is signed with it; the key the site runs with is set elsewhere.
    Nor is `"{{ secret_key }}"` in a project template for `startproject --template` (a
    tree with a `project_name/` folder): the command writes a new random key in its place;
    copied outside such a tree instead of rendered, its 16 characters are the key. Covers
    Django's `security.W009`.

    ## Why is this bad?
    The secret key signs sessions (with the signed-cookie backend), password-reset tokens,
    messages and everything `django.core.signing` produces. A short or guessable key can be
    brute-forced offline from one signed value; then an attacker can forge reset links and
    sessions for any user.

    ## Example
    ```python
    # A project template's settings copied by hand instead of rendered by startproject.
    INSTALLED_APPS = ["django.contrib.auth"]
    SECRET_KEY = "{{ secret_key }}"
    ```

    ## Fix
    ```python
    import os

    INSTALLED_APPS = ["django.contrib.auth"]
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    ```

    ## References
    - [CWE-326: Inadequate Encryption Strength](https://cwe.mitre.org/data/definitions/326.html)
    - [Django: SECRET_KEY](https://docs.djangoproject.com/en/stable/ref/settings/#secret-key)
    - [Django: deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key)
    """

    code = "WW201"
    name = "django-secret-key-weak"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 326
    django_checks = ("security.W009",)
    message = "`SECRET_KEY` {problem}: signed sessions and reset tokens can be forged"
    fix = "generate a key with `get_random_secret_key()` and read it from the environment"
    masks_values = True

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("SECRET_KEY"):
            if written_in_source(possibility.value) is not None:
                # NOTE: WW203's: a key in the code is public, strong or weak.
                continue
            value = possibility.shipped
            if not is_known(value):
                continue
            if value in (None, "", b""):
                # NOTE: not set, empty, or `os.environ.get("SECRET_KEY")` unset: Django
                # refuses to run with an empty key (ImproperlyConfigured), so nothing is
                # signed with it.
                continue
            where = possibility.location.path if possibility.location else None
            if filled_by_startproject(value, where):
                continue
            problem = weakness(value)
            if problem is not None:
                yield Verdict("SECRET_KEY", possibility, {"problem": problem})
