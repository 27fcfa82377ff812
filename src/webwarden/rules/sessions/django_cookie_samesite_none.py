"""WW803: session or CSRF cookie without SameSite protection."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.values import is_known
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_SETTINGS = ("SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE")


class DjangoCookieSamesiteNone(DjangoSettingRule):
    """## What it does
    Finds `SESSION_COOKIE_SAMESITE` or `CSRF_COOKIE_SAMESITE` set to `"None"` (sent on
    every cross-site request) or to `None`/`False` (no SameSite attribute at all). Django's
    default, `"Lax"`, is not reported, unless the requirement or lock files allow only
    releases before 2.1, which have neither setting and set no SameSite attribute: then
    an unset one is, with upgrading Django as the fix (setting it changes nothing there).

    ## Why is this bad?
    `SameSite=Lax` keeps browsers from attaching the cookie to requests that other sites
    start (form posts, fetches, frames): a second line of defence against CSRF and against
    cross-site leaks. `"None"` switches that off on purpose; a missing attribute leaves it
    to each browser's default, which not every browser sets to `Lax`.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.sessions"]
    SESSION_COOKIE_SAMESITE = "None"
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.sessions"]
    SESSION_COOKIE_SAMESITE = "Lax"
    ```

    ## References
    - [CWE-1275: Sensitive Cookie with Improper SameSite Attribute](https://cwe.mitre.org/data/definitions/1275.html)
    - [Django: SESSION_COOKIE_SAMESITE](https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite)
    """

    code = "WW803"
    name = "django-cookie-samesite-none"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 1275
    about_pages = True
    message = "`{setting}` is `{value}`: the cookie is {effect}"
    fix = 'set it to "Lax" (Django\'s default) or "Strict"'

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for setting in _SETTINGS:
            for possibility in settings.get(setting):
                value = possibility.shipped
                if not is_known(value):
                    continue
                if isinstance(value, str) and value.lower() == "none":
                    effect = "sent with cross-site requests"
                    yield Verdict(setting, possibility, _fields(setting, value, effect))
                elif value is None or value is False:
                    effect = "sent without a SameSite attribute (the browser decides)"
                    # NOTE: unset, it is the default of the releases before 2.1, which have
                    # no such setting: setting it changes nothing until Django is upgraded.
                    old = possibility.location is None
                    yield Verdict(
                        setting,
                        possibility,
                        _fields(setting, value, effect),
                        message=_BEFORE_2_1 if old else None,
                        fix=_UPGRADE if old else None,
                        severity=Severity.LOW,
                    )


_UPGRADE = 'upgrade Django to 2.1 or later, whose default is "Lax"'
_BEFORE_2_1 = (
    "`{setting}` does not exist in the Django releases the project allows (before 2.1): "
    "the cookie is {effect}"
)


def _fields(setting: str, value: object, effect: str) -> dict[str, object]:
    return {"setting": setting, "value": repr(value), "effect": effect}
