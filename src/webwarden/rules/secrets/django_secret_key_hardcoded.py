"""WW203: SECRET_KEY (or a fallback key) written in the code."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.secrets.signing import names_signing_secret
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.django import Possibility, SettingsModule
from webwarden.model.django.jwt_keys import SigningEntry, signing_entries
from webwarden.model.project import ProjectModel
from webwarden.rules.django_settings import DjangoSettingRule, Verdict
from webwarden.rules.secrets._secret_key import (
    fallback_keys,
    literal_in_source,
    written_in_source,
)
from webwarden.rules.secrets._signing_keys import (
    may_hold_key,
    namespace_salts,
    pepper_severity,
    weakness,
)


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
    imported from another module of the project; so is a key path of the dict a
    configuration file loads into, read through a helper that walks it and gives its
    fallback for a missing key (`dict_get(config, "CHANGEME", "security", "secret")`
    over `try: for key in keys: data = data[key]` ... `except KeyError: return
    default`). So is a key a `try`
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
    The same for the settings keying the project's own HMACs and signatures (what it
    hands `hmac.new`, `signing`, `Signer`, `TimestampSigner` or `salted_hmac(...,
    secret=...)`), named for what they do as WW220 names them on Flask: a salt or pepper
    mixed into a keyed hash (`SALT_EMAIL`, `PASSWORD_PEPPER`, at medium severity: a
    pepper forges nothing), `*_HMAC_KEY`, `*_SIGNING_KEY`, `*_TOKEN_KEY`, and a secret
    named for what it verifies (`WEBHOOK_SECRET`, `WEBHOOK_SIGNING_SECRET`), and the keys
    of the project's own ciphers and keyed anonymisers (`FIELD_ENCRYPTION_KEY`,
    `AES_KEY`, `CRYPTOPAN_KEY`, the AES key of an IP address anonymiser: whoever reads it
    decrypts what the project stored, or undoes the anonymisation; not
    `ENCRYPTION_PUBLIC_KEY`); placeholders too (`"change-me"`, `"xxx"`), which WW241
    leaves alone, as the project signs or encrypts with them. Not when the value is
    words naming something else (`ACCESS_TOKEN_KEY = "access_token"`), nor where the
    key is kept (`"/run/secrets/field.key"`, a URL), nor a salt the project hands a signer beside its key
    (`signing.dumps(value, salt=settings.EXPORT_SALT)`, `Signer(salt=...)`,
    `salted_hmac(settings.LINK_SALT, value)`: a namespace, which Django documents as no
    secret), nor a client secret another service checks (`GITHUB_CLIENT_SECRET`,
    WW241's).
    And the key the JWT packages sign access tokens with, written in their dict setting
    (`SIMPLE_JWT["SIGNING_KEY"]`, `NINJA_JWT["SIGNING_KEY"]`, `JWT_AUTH` and
    `GRAPHQL_JWT`'s `JWT_SECRET_KEY` or `JWT_PRIVATE_KEY`), placeholders too: whoever
    reads it mints a token for any user. Not `"SIGNING_KEY": SECRET_KEY` (that key is
    judged where it is written) nor the public `VERIFYING_KEY`.

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
    # NOTE: Bandit and ruff report the same literal (`SECRET_KEY` holds "secret").
    bandit = ("B105", "B106")
    ruff = ("S105", "S106")

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        """The settings' findings, but a signing key's the project hands a signer as its
        namespace (`signing.dumps(value, salt=settings.EXPORT_SALT)`)."""
        salts = namespace_salts(project)
        for finding in super().check(project):
            if not (names_signing_secret(finding.key) and finding.key in salts):
                yield finding

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("SECRET_KEY"):
            problem = written_in_source(possibility.value)
            if problem is not None:
                yield Verdict(
                    "SECRET_KEY", possibility, {"setting": "SECRET_KEY", "problem": problem}
                )
        for possibility in settings.get("SECRET_KEY_FALLBACKS"):
            yield from _fallbacks(possibility)
        for name in sorted(filter(names_signing_secret, settings.values)):
            for possibility in settings.get(name):
                yield from _signing_key(name, possibility)
        for entry in signing_entries(settings):
            yield from _jwt_signing_key(entry)


def _fallbacks(possibility: Possibility) -> Iterator[Verdict]:
    for index, key in enumerate(fallback_keys(possibility.value)):
        problem = written_in_source(key)
        if problem is not None:
            setting = f"SECRET_KEY_FALLBACKS[{index}]"
            fields = {"setting": setting, "problem": problem}
            yield Verdict("SECRET_KEY_FALLBACKS", possibility, fields, value=key)


def _jwt_signing_key(entry: SigningEntry) -> Iterator[Verdict]:
    """The key a JWT package signs tokens with, written in its dict setting: judged as
    `SECRET_KEY` is, placeholders too (the package signs with them)."""
    literal = literal_in_source(entry.value)
    problem = None if literal is None else written_in_source(entry.value, weakness(literal))
    if problem is None:
        return
    fields = {"setting": entry.label, "problem": problem}
    fix = f"read the key from the environment without a default, or leave `{entry.key}` out"
    fix += " to sign with `SECRET_KEY`"
    yield Verdict(
        entry.setting, entry.possibility, fields, entry.location, value=entry.value, fix=fix
    )


def _signing_key(name: str, possibility: Possibility) -> Iterator[Verdict]:
    """A key of the project's own HMACs or signatures (`names_signing_secret`) written in
    the source, judged as WW220 judges Flask's: placeholders too, as the project signs
    with them; not words naming something else (`may_hold_key`)."""
    literal = literal_in_source(possibility.value)
    if literal is None or not may_hold_key(literal):
        return
    problem = written_in_source(possibility.value, weakness(literal))
    if problem is not None:
        fields = {"setting": name, "problem": problem}
        fix = f'read the key from the environment without a default: `os.environ["{name}"]`'
        yield Verdict(name, possibility, fields, fix=fix, severity=pepper_severity(name))
