"""WW1167: Django REST framework views open to anyone by default."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.drf_permissions import DefaultPermissions, default_permissions
from webwarden.model.django.login_middleware import exempts_api, login_middleware
from webwarden.model.django.values import lookup
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, mentions

if TYPE_CHECKING:
    from webwarden.model.project import ProjectModel

_DRF_DEFAULT = ("rest_framework.permissions.AllowAny",)
"""`DEFAULT_PERMISSION_CLASSES` when the setting does not name it."""
_API_PACKAGES = ("rest_framework", "wagtail.api")
"""Packages whose views take DRF's default permission: DRF itself, and Wagtail's public
API (`wagtail.api.v2`: its endpoints set no `permission_classes`). A project's API views
subclass, decorate or route with names imported from them."""


def _api_code(project: ProjectModel) -> bool:
    """Whether the project's code (not its tests or settings modules) imports a name of a
    package whose views take DRF's default permission, or its URLconf was not read (no
    routes: the views are not known, so the default is judged as it stands).

    NOTE: `rest_framework` is installed without a view of the project's for what another
    app needs (`wagtail.api.v2` in `INSTALLED_APPS`, an unrouted API): the default then
    governs no endpoint."""
    django = project.django
    if django is None or not django.routes:
        return True
    settings = set(django.settings)
    return any(
        (qualified == package or qualified.startswith(package + "."))
        and not (qualified + ".").startswith(_VIEWLESS)
        for summary in project.modules.values()
        if not summary.is_test and summary.relpath not in settings
        for qualified in summary.imports.values()
        for package in _API_PACKAGES
    )


_VIEWLESS = tuple(
    f"rest_framework.{module}."
    for module in (
        *("authentication", "exceptions", "authtoken.models", "authtoken.admin"),
        *("serializers", "fields", "relations", "validators"),
    )
)
"""Modules of DRF a project uses without an API view: an authentication class asked
to check a token in a plain Django view's decorator (`TokenAuthentication().
authenticate(request)`), its exceptions, the token model and its admin (a page where
users get a token for a hand-written JSON endpoint), and its serializers and their
fields and validators (`from rest_framework import serializers` to check the JSON a
plain Django view of the project parses itself). Importing only these, the project has
no view that DRF's default permission governs."""


class DrfDefaultPermissionAllowAny(DjangoSettingRule):
    """## What it does
    Finds projects with `rest_framework` installed whose
    `REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"]` is not set (DRF's default is
    `AllowAny`), includes `AllowAny`, or is empty (`()`, `[]`: DRF then checks no
    permission, and lets every request through as `AllowAny` does). A project whose URLconf webwarden reads and
    whose code imports nothing of DRF (or of Wagtail's API, built on it) has no API view
    the default governs (DRF is installed for another app), and is not reported; nor is
    one importing only DRF's authentication classes, exceptions and token model and
    admin (`TokenAuthentication().authenticate(request)` in a decorator of plain Django
    views, `Token.objects.get_or_create(user=user)` on a profile page), or only its
    serializers, their fields and validators (checking the JSON body a plain Django
    view parses): none of those makes a view of DRF's.

    A value the settings give only under a condition that keeps `rest_framework` out of
    `INSTALLED_APPS` (the arm of `if API_ENABLED:` that does not install it, where DRF
    runs no view) is not judged.

    Nor is a project whose middleware requires login for every view (Django 5.1's
    `LoginRequiredMiddleware`, django-login-required-middleware's, or a project's own, as
    WW722 judges them), unless a setting listing what it lets through
    (`LOGIN_EXEMPT_URLS`, `LOGIN_REQUIRED_IGNORE_PATHS`) names the API (`r"^api/"`) or
    cannot be read: the anonymous are turned away before DRF checks a permission, and
    the default then lets in any logged-in user, as `IsAuthenticated` would.

    ## Why is this bad?
    Every API view that does not set its own `permission_classes` is then open to anyone,
    logged in or not. A view added later without thinking of permissions becomes a public
    endpoint that reads or changes data. Deny by default and open views one by one.

    ## Known problems
    A read-only public API may want `AllowAny` on purpose; set it on those views rather
    than as the default.

    ## Example
    ```python
    INSTALLED_APPS = ["rest_framework"]
    REST_FRAMEWORK = {"DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination"}
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["rest_framework"]
    REST_FRAMEWORK = {
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    }
    ```

    ## References
    - [CWE-862: Missing Authorization](https://cwe.mitre.org/data/definitions/862.html)
    - [Django REST framework: setting the permission policy](https://www.django-rest-framework.org/api-guide/permissions/#setting-the-permission-policy)
    """

    code = "WW1167"
    name = "drf-default-permission-allow-any"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 862
    about_pages = True
    message = "Django REST framework's default permission {problem}: API views without `permission_classes` are public"
    fix = 'set `REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"]` to e.g. `IsAuthenticated`'

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        django = project.django
        if django is not None and login_middleware(django) and not exempts_api(django):
            return  # NOTE: the middleware turns the anonymous away before DRF's permission
        if _api_code(project):
            yield from super().check(project)

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        if not mentions(settings, "INSTALLED_APPS", "rest_framework"):
            return
        for possibility in settings.get("REST_FRAMEWORK"):
            config = possibility.shipped
            installed = mentions(settings, "INSTALLED_APPS", "rest_framework", possibility)
            if not isinstance(config, dict) or installed is False:
                continue
            state = default_permissions(config)
            if state is DefaultPermissions.UNSET:
                # NOTE: the value in effect is DRF's default, which no variable of the
                # deployment sets (other keys of the dict may read some).
                yield Verdict(
                    "REST_FRAMEWORK",
                    possibility,
                    {"problem": "is `AllowAny` (not set)"},
                    value=_DRF_DEFAULT,
                )
                continue
            where = possibility.part("DEFAULT_PERMISSION_CLASSES")
            if state is DefaultPermissions.EMPTY:
                # NOTE: DRF's `check_permissions()` loops over no class: every request is
                # let through, as `AllowAny` lets it.
                yield Verdict(
                    "REST_FRAMEWORK",
                    possibility,
                    {"problem": "is empty (no permission is checked)"},
                    where,
                    value=config["DEFAULT_PERMISSION_CLASSES"],
                )
            elif state is DefaultPermissions.ALLOW_ANY:
                # NOTE: the deploy-time note tells what sets these classes, not the
                # variables other keys of the dict read (`DEFAULT_THROTTLE_RATES`).
                raw = lookup(possibility.value, "DEFAULT_PERMISSION_CLASSES")
                yield Verdict(
                    "REST_FRAMEWORK",
                    possibility,
                    {"problem": "includes `AllowAny`"},
                    where,
                    value=None if raw is UNKNOWN else raw,
                )
