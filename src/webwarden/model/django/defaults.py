"""What Django does when a setting is not set, and which settings webwarden tracks.

The defaults are those of `django/conf/global_settings.py` in the current release (5.2 /
6.0). Older releases differ (before 3.0 `X_FRAME_OPTIONS` was `SAMEORIGIN` and
`SECURE_CONTENT_TYPE_NOSNIFF` was False; before 3.1 there was no default referrer
policy); webwarden judges a project as the current release would run it, unless its
requirement or lock files allow only older releases (`OLDER_RELEASE_DEFAULTS`).
"""

from __future__ import annotations

import copy
from typing import Final

DEFAULTS: Final[dict[str, object]] = {
    "DEBUG": False,
    "DEBUG_PROPAGATE_EXCEPTIONS": False,
    "ALLOWED_HOSTS": [],
    "SECRET_KEY": "",
    "SECRET_KEY_FALLBACKS": [],
    "INSTALLED_APPS": [],
    "MIDDLEWARE": [],
    "ROOT_URLCONF": None,
    "DATABASES": {},
    "PASSWORD_HASHERS": [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
    ],
    "AUTH_PASSWORD_VALIDATORS": [],
    "AUTHENTICATION_BACKENDS": ["django.contrib.auth.backends.ModelBackend"],
    "SESSION_COOKIE_SECURE": False,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_AGE": 60 * 60 * 24 * 7 * 2,
    "CSRF_COOKIE_SECURE": False,
    "CSRF_COOKIE_SAMESITE": "Lax",
    "CSRF_USE_SESSIONS": False,
    "CSRF_TRUSTED_ORIGINS": [],
    "SECURE_HSTS_SECONDS": 0,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
    "SECURE_HSTS_PRELOAD": False,
    "SECURE_CONTENT_TYPE_NOSNIFF": True,
    "SECURE_SSL_REDIRECT": False,
    "SECURE_REFERRER_POLICY": "same-origin",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
    "SECURE_PROXY_SSL_HEADER": None,
    "USE_X_FORWARDED_HOST": False,
    "SECURE_CSP": {},
    "SECURE_CSP_REPORT_ONLY": {},
    "X_FRAME_OPTIONS": "DENY",
    "SILENCED_SYSTEM_CHECKS": [],
    # django-cors-headers and Django REST framework
    "CORS_ALLOW_ALL_ORIGINS": False,
    "CORS_ORIGIN_ALLOW_ALL": False,
    "CORS_ALLOW_CREDENTIALS": False,
    "CORS_ALLOWED_ORIGIN_REGEXES": [],
    "CORS_ORIGIN_REGEX_WHITELIST": [],
    "REST_FRAMEWORK": {},
    # django-secure (Django's SecurityMiddleware before 1.8)
    "SECURE_FRAME_DENY": False,
}
"""Default of every setting a rule reads."""

GLOBAL_SETTINGS: Final = "django.conf.global_settings."
"""Django's module of defaults, which old settings modules extend
(`MIDDLEWARE_CLASSES = global_settings.MIDDLEWARE_CLASSES + [...]`)."""
_REMOVED_DEFAULTS: Final[dict[str, object]] = {
    "MIDDLEWARE_CLASSES": [
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
}
"""Defaults `global_settings` held of settings `DEFAULTS` lacks: `MIDDLEWARE_CLASSES`
(Django 1.0 to 1.11, removed in 2.0)."""


def global_default(qualified: str | None) -> tuple[bool, object]:
    """(known, value) of `django.conf.global_settings.NAME`, as a settings module reads
    it: Django's default of that setting; (False, None) for any other name, or a default
    not known here."""
    if qualified is None or not qualified.startswith(GLOBAL_SETTINGS):
        return False, None
    name = qualified.removeprefix(GLOBAL_SETTINGS)
    if name in _REMOVED_DEFAULTS:
        return True, copy.deepcopy(_REMOVED_DEFAULTS[name])
    if name in DEFAULTS:
        return True, copy.deepcopy(DEFAULTS[name])
    return False, None


UNTRACKED_DEFAULTS: Final[dict[str, object]] = {"EMAIL_HOST": "localhost"}
"""Defaults of settings a rule reads that do not make a module worth reading as settings
(`KNOWN`): mail settings are as common in Flask configs. Where a branch of a settings
module leaves one unset, its possibility holds this default."""

TRACKED: Final[frozenset[str]] = frozenset(DEFAULTS)
"""Settings whose values the model records (others are only noticed)."""

STRONG: Final[frozenset[str]] = frozenset(
    {
        "INSTALLED_APPS",
        "MIDDLEWARE",
        "MIDDLEWARE_CLASSES",
        "ROOT_URLCONF",
        "DATABASES",
        "WSGI_APPLICATION",
        "ASGI_APPLICATION",
        "AUTH_PASSWORD_VALIDATORS",
        "DEFAULT_AUTO_FIELD",
        "AUTH_USER_MODEL",
    }
)
"""Settings only a Django settings module assigns: they make a module one."""

KNOWN: Final[frozenset[str]] = TRACKED | STRONG
"""Names that make a module worth reading as settings (with a settings-like file name,
any upper-case assignment does)."""

SECURITY_MIDDLEWARE: Final = "django.middleware.security.SecurityMiddleware"
CSRF_MIDDLEWARE: Final = "django.middleware.csrf.CsrfViewMiddleware"
COMMON_MIDDLEWARE: Final = "django.middleware.common.CommonMiddleware"
XFRAME_MIDDLEWARE: Final = "django.middleware.clickjacking.XFrameOptionsMiddleware"
SESSION_MIDDLEWARE: Final = "django.contrib.sessions.middleware.SessionMiddleware"
SESSIONS_APP: Final = "django.contrib.sessions"
LIBRARY_FRAME_GUARDS: Final = frozenset(
    {
        "commonware.middleware.FrameOptionsHeader",
        "commonware.response.middleware.FrameOptionsHeader",
    }
)
"""Middleware of libraries that send `X-Frame-Options: DENY` on every response a view
has not given the header itself, as Django's `XFrameOptionsMiddleware` does: Mozilla's
commonware (`FrameOptionsHeader`, skipped only for a response marked
`no_frame_options`, as `@xframe_options_exempt` marks Django's)."""
DJANGOSECURE_MIDDLEWARE: Final = "djangosecure.middleware.SecurityMiddleware"
DROP_IN_MIDDLEWARE: Final = {
    "session_csrf.CsrfMiddleware": CSRF_MIDDLEWARE,
    DJANGOSECURE_MIDDLEWARE: SECURITY_MIDDLEWARE,
}
"""Middleware of other packages that does the work of Django's in its place: Mozilla's
django-session-csrf checks the token of every unsafe request as `CsrfViewMiddleware`
does (honouring `csrf_exempt`), keeping the token in the session, not in a cookie;
django-secure's `SecurityMiddleware`, which Django 1.8 took in as its own, redirects to
HTTPS and sends HSTS under the same `SECURE_*` settings (its other headers differ: see
`DJANGOSECURE_DEFAULTS`)."""
NAMESAKE_MIDDLEWARE: Final = {
    path.rpartition(".")[2]: path for path in (CSRF_MIDDLEWARE, XFRAME_MIDDLEWARE)
}
"""Django middleware that a package outside the tree stands in for when its class bears
the very name (`common.auth.csrf.CsrfViewMiddleware`): a shared package of an
organisation's services subclasses Django's to change how a failure is shown, and keeps
the name. A project class is judged by what it derives from, never by its name."""
OLDER_RELEASE_DEFAULTS: Final[tuple[tuple[str, dict[str, object]], ...]] = (
    ("1.9", {"AUTH_PASSWORD_VALIDATORS": None}),
    ("2.1", {"SESSION_COOKIE_SAMESITE": None, "CSRF_COOKIE_SAMESITE": None}),
    ("3.0", {"SECURE_CONTENT_TYPE_NOSNIFF": False}),
    ("3.1", {"SECURE_REFERRER_POLICY": None}),
)
"""Defaults of the security settings in the releases before the one named, where they
differ from today's: before 1.9 Django had no password validation (`None`: no such
setting); before 2.1 Django's cookies had no SameSite attribute; before 3.0
`SecurityMiddleware` sent `nosniff` only when told to;
before 3.1 it sent no `Referrer-Policy` unless told to (3.0 added the setting, with
`None`). A project whose requirements allow only such releases runs with these."""
DJANGOSECURE_DEFAULTS: Final[dict[str, object]] = {
    "SECURE_CONTENT_TYPE_NOSNIFF": False,
    "SECURE_FRAME_DENY": False,
}
"""django-secure's defaults where they differ from Django's, or where Django has no such
setting: it sends `X-Content-Type-Options: nosniff` only when told to, and
`X-Frame-Options: DENY` on every response (but views marked `@frame_deny_exempt`) when
`SECURE_FRAME_DENY` is true. It sends no `Referrer-Policy` nor
`Cross-Origin-Opener-Policy`."""
