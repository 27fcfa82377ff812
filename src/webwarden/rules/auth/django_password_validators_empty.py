"""WW702: no password validation."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._project import protections
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, mentions


class DjangoPasswordValidatorsEmpty(DjangoSettingRule):
    """## What it does
    Finds projects with `django.contrib.auth` installed whose `AUTH_PASSWORD_VALIDATORS`
    is empty or not set (Django's default is empty; `startproject` writes four). Not
    reported for settings that write `DATABASES = {}`: with no database no account is
    stored, so no password is ever set (a site keeping only signed-cookie sessions); nor
    when each settings module's `AUTHENTICATION_BACKENDS` names only backends that never
    check a password Django stored: an identity provider's (`social_core`, `mozilla_django_oidc`,
    SAML, CAS), the web server's `RemoteUserBackend`, or a project's own that derives
    from `BaseBackend` alone and calls no `check_password()` (a token an outside service
    checks). Then no password is ever accepted at login.

    ## Why is this bad?
    Without validators users can pick "1", "password" or their user name. Such passwords
    fall to the first guesses of any credential-stuffing or brute-force run, and no rate
    limit saves an account whose password is in every wordlist.

    ## Known problems
    A project that checks passwords' strength with a library of its own choosing outside
    its tests (`zxcvbn`, `password_strength`), as a form field's validator does, or with
    rules of its own in a form's hook cleaning a password field (`clean_password1`,
    `clean_new_password1`) that raises `ValidationError` for a password shorter than a
    minimum (`if len(pw) < settings.MINIMUM_PASSWORD_CHARS:`), itself or through a
    function of its module, as sites did before Django 1.9's validators, is not
    reported: it rejects weak passwords itself. webwarden does not check that every form
    setting a password uses it; a password set elsewhere (`createsuperuser`, the admin's
    password form) then still takes any password.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    AUTH_PASSWORD_VALIDATORS = []
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    AUTH_PASSWORD_VALIDATORS = [
        {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
        {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
        {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    ]
    ```

    ## References
    - [CWE-521: Weak Password Requirements](https://cwe.mitre.org/data/definitions/521.html)
    - [Django: password validation](https://docs.djangoproject.com/en/stable/topics/auth/passwords/#password-validation)
    """

    code = "WW702"
    name = "django-password-validators-empty"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 521
    about_pages = True
    message = "`AUTH_PASSWORD_VALIDATORS` is {problem}: any password is accepted"
    fix = "enable Django's four password validators (as `startproject` writes them)"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        """Judge the settings unless the project checks passwords' strength itself, or no
        settings module lets Django check a password at login."""
        if protections(project, "strength"):
            return
        django = project.django
        if django is not None and all(_no_passwords(project, m) for m in django.judged):
            return
        yield from super().check(project)

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not mentions(settings, "INSTALLED_APPS", "django.contrib.auth"):
            return
        if _no_database(settings):
            return
        for possibility in settings.get("AUTH_PASSWORD_VALIDATORS"):
            value = possibility.shipped
            if isinstance(value, list | tuple) and not value:
                problem = "not set" if possibility.location is None else "empty"
                yield Verdict("AUTH_PASSWORD_VALIDATORS", possibility, {"problem": problem})


_PASSWORDLESS_BACKENDS = (
    "django.contrib.auth.backends.BaseBackend",
    "django.contrib.auth.backends.RemoteUserBackend",
    "django.contrib.auth.backends.AllowAllUsersRemoteUserBackend",
    "social_core.backends.",
    "mozilla_django_oidc.",
    "djangosaml2.",
    "django_cas_ng.",
    "guardian.backends.",
    "rules.permissions.",
)
"""Authentication backends that never check a password Django stored: the web server's
user (`REMOTE_USER`), an identity provider's answer (OAuth, OpenID Connect, SAML, CAS),
or object permissions only."""
_CHECKS_PASSWORD = frozenset({"check_password", "authenticate"})
"""What a project's backend calls that checks a stored password (itself, or through
Django's `authenticate()` and so another backend)."""


def _no_passwords(project: ProjectModel, settings: SettingsModule) -> bool:
    """Whether every value `AUTHENTICATION_BACKENDS` may have in `settings` is a list of
    backends that never check a password Django stored (Django's default, its
    `ModelBackend`, does)."""
    found = settings.get("AUTHENTICATION_BACKENDS")
    return bool(found) and all(
        isinstance(p.shipped, list | tuple)
        and bool(p.shipped)
        and all(isinstance(b, str) and _passwordless(project, b) for b in p.shipped)
        for p in found
    )


_MAX_BASES = 3
"""Project classes followed up a backend's bases."""


def _passwordless(project: ProjectModel, backend: str, depth: int = 0) -> bool:
    """Whether `backend` (a dotted class name) never checks a stored password: one of
    `_PASSWORDLESS_BACKENDS`, or a project class deriving only from such backends (or
    from nothing) that calls no `check_password()` nor `authenticate()` (a backend that
    asks an outside service, `class TokenBackend(BaseBackend)`)."""
    if backend.startswith(_PASSWORDLESS_BACKENDS):
        return True
    module, _, name = backend.rpartition(".")
    read = project.read_module
    ctx = read(module) if read is not None and module and depth < _MAX_BASES else None
    if ctx is None:
        return False
    cls = next((s for s in ctx.tree.body if isinstance(s, ast.ClassDef) and s.name == name), None)
    if cls is None:
        return False
    for node in ast.walk(cls):
        called = node.func if isinstance(node, ast.Call) else None
        if isinstance(called, ast.Attribute | ast.Name) and (
            (called.attr if isinstance(called, ast.Attribute) else called.id) in _CHECKS_PASSWORD
        ):
            return False
    bases = [ctx.qualified_here(base) for base in cls.bases]
    return all(
        base is not None and (base == "object" or _passwordless(project, base, depth + 1))
        for base in bases
    )


def _no_database(settings: SettingsModule) -> bool:
    """`DATABASES = {}` written in the settings: Django's dummy backend then refuses
    every query, so no account is stored and no password is ever set."""
    found = settings.get("DATABASES")
    return bool(found) and all(
        p.location is not None and isinstance(p.shipped, dict) and not p.shipped for p in found
    )
