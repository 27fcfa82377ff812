"""DRF views that anyone may read, and projects whose own pages require login (WW768)."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Location
from webwarden.model.django import DjangoProject
from webwarden.model.django.routes import Route
from webwarden.model.django.values import lookup
from webwarden.model.django.views import View
from webwarden.model.names import last_part
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._public import is_public
from webwarden.rules.auth.django_view_without_login import guarded_by_login

_READ_OPEN = frozenset({"IsAuthenticatedOrReadOnly", "DjangoModelPermissionsOrAnonReadOnly"})
"""DRF's permissions that let the anonymous make GET, HEAD and OPTIONS requests."""
_OPEN = _READ_OPEN | {"AllowAny"}
_MIN_PAGES = 3
_MAX_OPEN_SHARE = 0.1
"""The share of the project's own pages that may go without login (a machine's upload
endpoint, a health check) for the project to be one whose pages require login."""


def read_open(classes: object) -> bool:
    """Whether a list of DRF permission classes lets anyone read: each class lets the
    anonymous make safe requests and one is not `AllowAny` (that is WW1167's and a
    view's own choice), since DRF lets a request through only when every class does."""
    if not isinstance(classes, list | tuple) or not classes:
        return False
    names = [last_part(c) for c in classes if isinstance(c, str)]
    return len(names) == len(classes) and set(names) <= _OPEN and bool(set(names) & _READ_OPEN)


def pages_require_login(project: ProjectModel, django: DjangoProject) -> bool:
    """Whether the project's own pages (routed views of its code, not DRF's, not its
    tests', not a login or sign-up page) require login, but for a few."""
    guarded = 0
    seen: dict[str, bool] = {}
    for route in django.routes:
        view = route.view
        if view is None or view.kind == "unknown" or view.is_drf or view.location is None:
            continue
        summary = project.modules.get(view.location.path)
        if summary is None or summary.is_test or route.debug_only or view.target in seen:
            continue
        if is_public((view.target, route.name or ""), route.pattern or "", route.positional_names):
            continue
        seen[view.target] = guarded_by_login(view) or view.hands_on_only_to(
            django.views, guarded_by_login
        )
        guarded += seen[view.target]
    return guarded >= _MIN_PAGES and len(seen) - guarded <= _MAX_OPEN_SHARE * len(seen)


def row_routes(project: ProjectModel, django: DjangoProject) -> Iterator[Route]:
    """The first route of each DRF view of the project's code that lists or shows rows
    on GET and checks no user itself."""
    seen: set[str] = set()
    for route in django.routes:
        view = route.view
        if view is None or not _reads_rows(view) or view.target in seen:
            continue
        summary = project.modules.get(view.location.path) if view.location else None
        if summary is None or summary.is_test or route.debug_only:
            continue
        if django.served_with_credential(route):
            continue
        seen.add(view.target)
        yield route


def _reads_rows(view: View) -> bool:
    return (
        view.is_drf
        and view.serves_rows
        and "GET" in (view.methods or ())
        and not view.checks_user
        and not view.verifies_caller
    )


def read_open_defaults(django: DjangoProject) -> dict[Location, tuple[str, ...]]:
    """Where a judged settings module, not a development or test one, sets
    `DEFAULT_PERMISSION_CLASSES` to classes that let anyone read, with those classes."""
    found: dict[Location, tuple[str, ...]] = {}
    for settings in django.judged:
        if settings.role.is_development:
            continue  # NOTE: a developer's or a test run's settings serve no one else
        for possibility in settings.get("REST_FRAMEWORK"):
            config = possibility.shipped
            if not isinstance(config, dict):
                continue
            classes = lookup(config, "DEFAULT_PERMISSION_CLASSES")
            where = possibility.part("DEFAULT_PERMISSION_CLASSES") or possibility.location
            if where is not None and read_open(classes) and isinstance(classes, list | tuple):
                found[where] = tuple(str(c) for c in classes)
    return found
