"""Whether a middleware of the project requires login for every view, and whether the
settings let the project's API through it.

Django 5.1's `LoginRequiredMiddleware`, django-login-required-middleware's of the same
name, or a project's own (`ForceLoginMiddleware`, or one whose code turns the anonymous
away: `login_gates`) redirect every anonymous request before its view runs; Django REST
framework's views are no exception, as the middleware reads the session's user.
"""

from __future__ import annotations

import re

from webwarden.model.django.project import DjangoProject
from webwarden.model.names import last_part

_LOGIN_MIDDLEWARE = re.compile(
    r"login_?(?:required|check)|(?:check|require|force|enforce)_?login", re.IGNORECASE
)
"""A middleware's class named for requiring login: Django 5.1's `LoginRequiredMiddleware`,
or a project's own (`CheckLoginMiddleware`, `ForceLoginMiddleware`)."""
_LIBRARY_LOGIN_MIDDLEWARE = frozenset({"authbroker_client.middleware.ProtectAllViewsMiddleware"})
"""A library's middleware sending every anonymous request to its login, but for the paths
and URL names its settings list: django-staff-sso-client's, a client of a staff single
sign-on server."""
_EXEMPTIONS = re.compile(r"LOGIN\w*(?:EXEMPT|EXCEPT|IGNORE|PUBLIC|OPEN|WHITELIST|ALLOW)")
"""Settings listing what such a middleware lets through (`LOGIN_EXEMPT_URLS`,
django-login-required-middleware's `LOGIN_REQUIRED_IGNORE_PATHS` and
`LOGIN_REQUIRED_IGNORE_VIEW_NAMES`)."""


def login_middleware(django: DjangoProject) -> bool:
    """Whether some settings module lists a middleware that requires login for every view
    (Django 5.1's `LoginRequiredMiddleware`, or a project's own named for it or turning
    away the anonymous in its code); not one of the project's whose code tests for the
    anonymous only under a switch read at run time (`RequirePrivateSiteLogin` checking
    `if SiteConfig.get().private and ...:` first), whatever its name: while the switch
    is off, it lets everyone through."""
    if django.login_middleware:
        return True
    for settings in django.settings.values():
        for name in ("MIDDLEWARE", "MIDDLEWARE_CLASSES"):
            for possibility in settings.get(name):
                value = possibility.shipped
                if isinstance(value, list | tuple) and any(
                    isinstance(item, str)
                    and item not in django.switched_login_middleware
                    and (
                        _LOGIN_MIDDLEWARE.search(last_part(item)) is not None
                        or item in _LIBRARY_LOGIN_MIDDLEWARE
                    )
                    for item in value
                ):
                    return True
    return False


def exempts_api(django: DjangoProject) -> bool:
    """Whether a setting listing what the login middleware lets through names the API,
    or holds what cannot be told: a path, pattern or view name with `api` in it
    (`LOGIN_EXEMPT_URLS = [r"^api/"]`)."""
    for settings in django.settings.values():
        for name in settings.values:
            if not _EXEMPTIONS.search(name):
                continue
            for possibility in settings.get(name):
                listed = possibility.shipped
                if not isinstance(listed, list | tuple | set | frozenset):
                    return True
                if any(not isinstance(item, str) or "api" in item.lower() for item in listed):
                    return True
    return False
