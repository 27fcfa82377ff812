"""WW702: no password validation."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._project import protections
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, mentions


class DjangoPasswordValidatorsEmpty(DjangoSettingRule):
    """## What it does
    Finds projects with `django.contrib.auth` installed whose `AUTH_PASSWORD_VALIDATORS`
    is empty or not set (Django's default is empty; `startproject` writes four; a project
    whose requirements allow only releases before 1.9, which validate no password, is
    told to upgrade). Not
    reported for settings that write `DATABASES = {}`: with no database no account is
    stored, so no password is ever set (a site keeping only signed-cookie sessions). Nor
    for settings whose `AUTHENTICATION_BACKENDS` lists only backends that check no
    password (Django's `RemoteUserBackend`, an identity provider's: `social_core`,
    `mozilla_django_oidc`, SAML, CAS, or a library whose package is named for OpenID
    Connect, SAML or OAuth; or a backend of the project whose own `authenticate` names
    no password and hands nothing to `super().authenticate()`, as one reading the
    headers of a single sign-on proxy does; or a project subclass of either defining no
    `authenticate`, which runs the one it inherits): a password set there logs no one
    in.

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
    function of its module, as sites did before Django 1.9's validators, or that
    declares a password field with a minimum length of at least Django's default of 8
    (`password = forms.CharField(min_length=8)`, a serializer's `CharField(min_length=12)`),
    is not reported: it rejects weak passwords itself. webwarden does not check that every form
    setting a password uses it; a password set elsewhere (`createsuperuser`, the admin's
    password form) then still takes any password. A backend the settings add only under
    a condition read from the environment (`if LOCAL_LOGIN:
    AUTHENTICATION_BACKENDS.append(...)`) is judged by the environment's default: a
    deployment turning such a password login on is not seen.

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
        """Judge the settings unless the project checks passwords' strength itself."""
        if protections(project, "strength"):
            return
        yield from super().check(project)

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not mentions(settings, "INSTALLED_APPS", "django.contrib.auth"):
            return
        if _no_database(settings) or settings.passwordless_backends:
            return
        for possibility in settings.get("AUTH_PASSWORD_VALIDATORS"):
            if not mentions(settings, "INSTALLED_APPS", "django.contrib.auth", possibility):
                continue
            value = possibility.shipped
            if isinstance(value, list | tuple) and not value:
                problem = "not set" if possibility.location is None else "empty"
                yield Verdict("AUTH_PASSWORD_VALIDATORS", possibility, {"problem": problem})
            elif value is None and possibility.location is None:
                # NOTE: the releases the project allows have no such setting: setting it
                # changes nothing until Django is upgraded.
                yield Verdict(
                    "AUTH_PASSWORD_VALIDATORS",
                    possibility,
                    {"problem": "not set"},
                    message=_BEFORE_1_9,
                    fix=_UPGRADE,
                )


_BEFORE_1_9 = (
    "`AUTH_PASSWORD_VALIDATORS` does not exist in the Django releases the project allows "
    "(before 1.9): any password is accepted"
)
_UPGRADE = (
    "upgrade Django to 1.9 or later and enable its password validators, or check "
    "passwords' strength in the forms that set them"
)


def _no_database(settings: SettingsModule) -> bool:
    """`DATABASES = {}` written in the settings: Django's dummy backend then refuses
    every query, so no account is stored and no password is ever set."""
    found = settings.get("DATABASES")
    return bool(found) and all(
        p.location is not None and isinstance(p.shipped, dict) and not p.shipped for p in found
    )
