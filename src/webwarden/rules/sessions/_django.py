"""Shared reading of the Django session settings for WW801 and WW802."""

from __future__ import annotations

from webwarden.model.django import Possibility, SettingsModule
from webwarden.model.django.defaults import SESSION_MIDDLEWARE, SESSIONS_APP
from webwarden.model.django.values import contains
from webwarden.rules.django_settings import beside, keeps_no_login, mentions


def uses_sessions(settings: SettingsModule, with_value: Possibility | None = None) -> bool:
    """Whether `django.contrib.sessions` or `SessionMiddleware` may be installed (the
    condition of Django's session cookie checks), and some `MIDDLEWARE` the module may
    ship could set a session cookie: only the middleware writes it, with the flags these
    settings give, so a list known to hold no session, authentication or cookie
    middleware (`keeps_no_login`) sets none, whatever `INSTALLED_APPS` holds. With `with_value`, a value of a session cookie setting,
    only the values of the two lists that may hold beside it (`beside`): not the
    `MIDDLEWARE` of the other arm of the condition that gives it."""
    installed = bool(
        mentions(settings, "INSTALLED_APPS", SESSIONS_APP, with_value)
        or mentions(settings, "MIDDLEWARE", SESSION_MIDDLEWARE, with_value)
    )
    possible = (
        settings.get("MIDDLEWARE")
        if with_value is None
        else beside(settings, "MIDDLEWARE", with_value)
    )
    return installed and not (
        possible and all(keeps_no_login(p.shipped, settings.header_logins) for p in possible)
    )


def session_check(settings: SettingsModule, checks: tuple[str, ...]) -> frozenset[str]:
    """The ids of `checks` (app alone, middleware alone, both) Django's session cookie
    check may raise: one id, which says what is installed (W010/W011/W012 and
    W013/W014/W015 in `django/core/checks/security/sessions.py`); several when that is
    not known."""
    app_only, middleware_only, both = checks
    raised = {(True, False): app_only, (False, True): middleware_only, (True, True): both}
    apps = _installed(settings, "INSTALLED_APPS", SESSIONS_APP)
    middleware = _installed(settings, "MIDDLEWARE", SESSION_MIDDLEWARE)
    return frozenset(raised[(a, m)] for a in apps for m in middleware if a or m)


def _installed(settings: SettingsModule, name: str, item: str) -> set[bool]:
    """Whether list setting `name` holds `item`: both answers when it may or may not."""
    answers = {contains(p.shipped, item) for p in settings.get(name)}
    return {True, False} if None in answers else {a for a in answers if a is not None}
