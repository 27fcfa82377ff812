"""WW1001: `XFrameOptionsMiddleware` missing from `MIDDLEWARE`."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.defaults import (
    DJANGOSECURE_MIDDLEWARE,
    LIBRARY_FRAME_GUARDS,
    XFRAME_MIDDLEWARE,
)
from webwarden.model.django.values import contains, is_known
from webwarden.model.project import ProjectModel
from webwarden.rules.clickjacking._csp import frame_ancestors
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, missing_middleware


class DjangoXframeMiddlewareMissing(DjangoSettingRule):
    """## What it does
    Finds settings modules whose `MIDDLEWARE` lacks
    `django.middleware.clickjacking.XFrameOptionsMiddleware`. Covers Django's
    `security.W002`. A `MIDDLEWARE` with no session or login middleware either (an API
    that reads a token from a header), or none but a middleware of the project that logs
    the request in from a header and reads no session or cookie, is reported at low
    severity: a framed page then acts for an anonymous visitor, unless the project's own
    code reads a cookie. When the module's `MIDDLEWARE_CLASSES` lists the middleware
    beside a `MIDDLEWARE` of its own, the message says so: Django (1.10 on) reads only
    `MIDDLEWARE`. When the module sets django-secure's `SECURE_FRAME_DENY` true without
    django-secure's middleware, the fix says that nothing reads it (Django's own
    `SecurityMiddleware` sends no `X-Frame-Options`).
    A module setting one list or the other by the Django release installed (`if
    django.VERSION < (1, 10): MIDDLEWARE_CLASSES = ...`, else `MIDDLEWARE = ...`) is
    judged on the old-style list in the branch that leaves `MIDDLEWARE` unset, which
    is the one those releases read.

    ## Why is this bad?
    Without the middleware no page gets an `X-Frame-Options` header, so any site can load
    yours in an invisible frame and trick users into clicking its buttons (clickjacking):
    "delete account", "transfer", "grant access".

    Not reported when a Content-Security-Policy middleware sends `frame-ancestors`
    without `*` (django-csp's `CONTENT_SECURITY_POLICY` or `CSP_FRAME_ANCESTORS`, Django
    6's `SECURE_CSP`): browsers obey it over `X-Frame-Options`. Nor when a middleware of
    the project listed there sets the header itself on every response, as Django's does:
    `response["X-Frame-Options"] = "DENY"` (or `SAMEORIGIN`, `response.headers[...]`,
    `response.setdefault(...)`, a CSP with such `frame-ancestors`) in its
    `process_response` or `__call__`, not under a test, or under one reading nothing but
    a mark a view leaves on the response (`if not getattr(response, "embeddable",
    False):`, the opt-out Django's gives `@xframe_options_exempt` views); nor when a library's middleware
    that does so is listed, or a class of the project derived from one (Mozilla
    commonware's `FrameOptionsHeader`, `DENY` unless a view sets the header, often
    wrapped with Django's `MiddlewareMixin` to be listed in `MIDDLEWARE`), nor when
    django-secure's `SecurityMiddleware` is listed with `SECURE_FRAME_DENY = True`
    (`DENY` on every response but those of views marked `@frame_deny_exempt`).

    Nor when a web server configuration shipped with the application (or with a folder
    enclosing it that is no Django project itself: a repository's `infra/nginx/`) sends
    the header in front of it (nginx's `add_header X-Frame-Options SAMEORIGIN;`, Apache's
    `Header set X-Frame-Options DENY`, or a CSP with such `frame-ancestors`; also in a
    template the deployment fills in, `site.conf.template`), as for `SECURE_HSTS_SECONDS`
    (WW902).

    ## Known problems
    A site that sends the header from elsewhere (a proxy configured outside the
    repository, a function middleware, a middleware setting it only under a test) is
    protected without it; accept the finding with that reason. nginx drops the headers a
    `location` inherits when it adds one of its own; a configuration that does so is still
    taken to send the header.

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
    ```

    ## Fix
    ```python
    MIDDLEWARE = [
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ]
    ```

    ## References
    - [CWE-1021: Improper Restriction of Rendered UI Layers or Frames](https://cwe.mitre.org/data/definitions/1021.html)
    - [Django: clickjacking protection](https://docs.djangoproject.com/en/stable/ref/clickjacking/)
    """

    code = "WW1001"
    name = "django-xframe-middleware-missing"
    practice = Practice.CLICKJACKING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 1021
    about_pages = True
    django_checks = ("security.W002",)
    message = "`MIDDLEWARE` lacks `XFrameOptionsMiddleware`: any site can frame these pages"
    fix = 'add "django.middleware.clickjacking.XFrameOptionsMiddleware" to `MIDDLEWARE`'

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        yield from (
            finding
            for finding in super().check(project)
            if not project.framing_denied_at_proxy(finding.location.path)
        )

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("MIDDLEWARE"):
            middleware = possibility.shipped
            if contains(middleware, XFRAME_MIDDLEWARE) is not False:
                continue
            if _csp_frames(settings, middleware) or _project_frames(settings, middleware):
                continue
            if any(contains(middleware, name) for name in LIBRARY_FRAME_GUARDS):
                continue
            if _djangosecure_frames(settings, middleware):
                continue
            verdict = missing_middleware(
                settings, possibility, _NO_LOGIN, (XFRAME_MIDDLEWARE, self.message)
            )
            if _inert_frame_deny(settings, middleware):
                # NOTE: in the fix, not the message: the problem stays one finding where
                # a development module reads the same `MIDDLEWARE` without the setting.
                verdict = dataclasses.replace(verdict, fix=self.fix + _INERT_FRAME_DENY)
            yield verdict


_NO_LOGIN = (
    "`MIDDLEWARE` lacks `XFrameOptionsMiddleware` (and any session or login middleware): "
    "a framed page acts for a visitor only through a cookie the project's own code reads"
)


_INERT_FRAME_DENY = (
    "; `SECURE_FRAME_DENY` is django-secure's setting, which only its own middleware reads"
)


def _inert_frame_deny(settings: SettingsModule, middleware: object) -> bool:
    """The project sets django-secure's `SECURE_FRAME_DENY` true, which no middleware
    listed reads here (django-secure's would have sent the header)."""
    if contains(middleware, DJANGOSECURE_MIDDLEWARE) is not False:
        return False
    return any(
        p.location is not None and is_known(p.shipped) and bool(p.shipped)
        for p in settings.get("SECURE_FRAME_DENY")
    )


def _project_frames(settings: SettingsModule, middleware: object) -> bool:
    """A middleware of the project sets `X-Frame-Options` (or CSP `frame-ancestors`)
    itself on every response, or derives from a library's middleware that does
    (`class FrameOptionsHeader(commonware.middleware.FrameOptionsHeader, MiddlewareMixin)`,
    the wrapper a project writes to list an old-style middleware in `MIDDLEWARE`)."""
    entries = middleware if isinstance(middleware, list | tuple) else ()
    return any(isinstance(e, str) and e in settings.frame_guards for e in entries)


def _djangosecure_frames(settings: SettingsModule, middleware: object) -> bool:
    """django-secure's `SecurityMiddleware` with `SECURE_FRAME_DENY` true: it sends
    `X-Frame-Options: DENY` on every response but those of views marked
    `@frame_deny_exempt`."""
    if not contains(middleware, DJANGOSECURE_MIDDLEWARE):
        return False
    return all(is_known(p.shipped) and bool(p.shipped) for p in settings.get("SECURE_FRAME_DENY"))


def _csp_frames(settings: SettingsModule, middleware: object) -> bool:
    """A Content-Security-Policy middleware sends `frame-ancestors` without `*`: django-csp
    4 (`CONTENT_SECURITY_POLICY["DIRECTIVES"]`), django-csp 3 (`CSP_FRAME_ANCESTORS`) or
    Django 6's own (`SECURE_CSP`). Browsers obey it over `X-Frame-Options`."""
    allowed = [
        v for v in frame_ancestors(settings, middleware) if isinstance(v, list | tuple) and v
    ]
    return bool(allowed) and all("*" not in value for value in allowed)
