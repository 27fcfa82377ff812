"""WW203: SECRET_KEY (or a fallback key) written in the code."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import Possibility, SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict
from webwarden.rules.secrets._secret_key import fallback_keys, written_in_source


class DjangoSecretKeyHardcoded(DjangoSettingRule):
    """## What it does
    Finds a `SECRET_KEY` or `SECRET_KEY_FALLBACKS` entry written in the settings as a
    string (or bytes), and environment lookups whose default is a key
    (`os.getenv("SECRET_KEY", "default-secret-key")`, `env("SECRET_KEY", default=...)`,
    `os.environ.get("SECRET_KEY") or "..."`, a list's, `env.list("OLD_KEYS", default=[...])`,
    also through a name the module binds to the lookup, `env = os.environ.get` then
    `env("SECRET_KEY", "...")`):
    when the variable is missing, the key in the code is what ships; also through a helper
    function of the settings module itself (`envsecret("SECRET_KEY", "...")`) or one
    imported from another module of the project. So is a key a `try`
    handler sets when reading the variable or a key file fails (`except KeyError:
    SECRET_KEY = "fallback"`); a handler that makes a random key is not reported. A
    settings module that refuses the fallback before it ends (`if not SECRET_KEY or
    SECRET_KEY in {"", "dev-key"}: raise ImproperlyConfigured(...)`, a `sys.exit`, a
    `SECRET_KEY.startswith(...)` test; alternatives joined by `or`; or an assertion,
    `assert SECRET_KEY != "dev-key"`, parts joined by `and`) starts only with the
    variable set: the fallback is not its key, and is reported only for the modules that
    keep it (a development module's, at low severity). The
    string may be a constant imported from another module of the project
    (`SECRET_KEY = DEFAULT_KEY`, `SECRET_KEY = defaults.SECRET_KEY`). Not a template
    variable on its own (`SECRET_KEY = "{{ secret_key }}"`): the settings of a project
    template, which `django-admin startproject --template` or cookiecutter renders with
    a new key for each project. A star import of an installed package's settings
    (`from assets_kit.settings.pipeline import *`: a dotted module whose top-level
    package the tree holds nowhere) leaves the key the project wrote; a module the
    site requires that the tree lacks (`from settings_local import *`, or a module of
    the project's own package) is each deployment's, which sets a key of its own, not
    known. An optional override the tree lacks (`try: from .local import *` with an
    `except ImportError` that goes on, also under an `if` inside the `try`) leaves it too.
    Each such key is reported once, here: its length (WW201, WW202) is beside the point
    when the code gives it away.

    ## Why is this bad?
    Everyone who can read the repository (every developer, CI, a leaked backup, a public
    fork) has the key and can forge sessions and password-reset links for the production
    site. A default in `getenv` hides the problem: the deployment works without the
    variable, with the public key.

    ## Example
    ```python
    import os

    INSTALLED_APPS = ["django.contrib.auth"]
    SECRET_KEY = os.getenv("SECRET_KEY", "default-secret-key")
    ```

    ## Fix
    ```python
    import os

    INSTALLED_APPS = ["django.contrib.auth"]
    SECRET_KEY = os.environ["SECRET_KEY"]
    ```

    ## References
    - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    - [Django: keep the secret key secret](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key)
    """

    code = "WW203"
    name = "django-secret-key-hardcoded"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 798
    message = "`{setting}` {problem}"
    fix = 'read the key from the environment without a default: `os.environ["SECRET_KEY"]`'
    masks_values = True

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("SECRET_KEY"):
            problem = written_in_source(possibility.value)
            if problem is not None:
                yield Verdict(
                    "SECRET_KEY", possibility, {"setting": "SECRET_KEY", "problem": problem}
                )
        for possibility in settings.get("SECRET_KEY_FALLBACKS"):
            yield from _fallbacks(possibility)


def _fallbacks(possibility: Possibility) -> Iterator[Verdict]:
    for index, key in enumerate(fallback_keys(possibility.value)):
        problem = written_in_source(key)
        if problem is not None:
            setting = f"SECRET_KEY_FALLBACKS[{index}]"
            fields = {"setting": setting, "problem": problem}
            yield Verdict("SECRET_KEY_FALLBACKS", possibility, fields, value=key)
