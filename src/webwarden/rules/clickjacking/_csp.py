"""The `frame-ancestors` a Content-Security-Policy middleware of Django's settings sends."""

from __future__ import annotations

from webwarden.model.django import SettingsModule
from webwarden.model.django.values import contains, is_known

CSP_MIDDLEWARE = (
    "csp.middleware.CSPMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
)


def frame_ancestors(settings: SettingsModule, middleware: object) -> list[object]:
    """The values `frame-ancestors` may take when `middleware` lists a CSP middleware:
    django-csp 4's `CONTENT_SECURITY_POLICY["DIRECTIVES"]`, django-csp 3's
    `CSP_FRAME_ANCESTORS` where the module sets it, Django 6's `SECURE_CSP` (empty: none
    is sent)."""
    if not any(contains(middleware, name) for name in CSP_MIDDLEWARE):
        return []
    found: list[object] = []
    for name in ("CONTENT_SECURITY_POLICY", "SECURE_CSP"):
        for possibility in settings.get(name):
            policy = possibility.shipped
            directives = policy.get("DIRECTIVES", policy) if isinstance(policy, dict) else None
            if isinstance(directives, dict) and "frame-ancestors" in directives:
                found.append(directives["frame-ancestors"])
    found += [p.shipped for p in settings.get("CSP_FRAME_ANCESTORS") if p.location is not None]
    return found


def frames_denied(settings: SettingsModule, middleware: object) -> bool:
    """Whether the CSP middleware `middleware` lists enforces `frame-ancestors 'none'`, in
    every value the settings may give it (not in django-csp 3's report-only mode, a
    `CSP_REPORT_ONLY` that may be true): browsers obey it over `X-Frame-Options`."""
    if any(
        p.location is not None and (not is_known(p.shipped) or bool(p.shipped))
        for p in settings.get("CSP_REPORT_ONLY")
    ):
        return False
    found = frame_ancestors(settings, middleware)
    return bool(found) and all(_none_only(value) for value in found)


def _none_only(value: object) -> bool:
    if isinstance(value, str):
        value = value.split()
    return (
        isinstance(value, list | tuple)
        and len(value) == 1
        and isinstance(value[0], str)
        and value[0].strip("'\"").lower() == "none"
    )
