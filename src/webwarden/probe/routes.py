"""GET routes of the app, from the static route models, as paths the probe can visit.

The Django and Flask models each register a `RouteSource` in `ROUTE_SOURCES`: a function
from the project model to `(path template, methods)` pairs, where the template is
written the framework's way (`/users/<int:id>/`, `articles/<slug:slug>/`,
`^blog/(?P<year>[0-9]{4})/$`). `route_paths` fills the parameters with harmless
placeholders and keeps the GET routes only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from webwarden.model.project import ProjectModel

Route = tuple[str, Sequence[str]]
"""(path template, HTTP methods)."""
RouteSource = Callable[[ProjectModel], Iterable[Route]]


def flask_routes(project: ProjectModel) -> list[Route]:
    """The URL rules of every Flask app (`url_map` as the Flask model infers it)."""
    if project.flask is None:
        return []
    return [(route.rule, tuple(route.methods)) for route in project.flask.routes if route.rule]


def django_routes(project: ProjectModel) -> list[Route]:
    """The URL patterns of the Django URLconf, with the methods their views accept."""
    if project.django is None:
        return []
    return [(route.pattern, route.methods or ()) for route in project.django.routes]


ROUTE_SOURCES: list[RouteSource] = [flask_routes, django_routes]
"""Route providers of the framework models; each is asked in turn."""

_PLACEHOLDERS = {
    "int": "1",
    "float": "1.0",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "slug": "webwarden",
    "str": "webwarden",
    "string": "webwarden",
    "path": "webwarden",
    "any": "webwarden",
}
_CONVERTER = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<\w+>([^()]*)\)|\([^()]*\)")
_REGEX_META = re.compile(r"[\\^$*+?{}\[\]|]")


def _from_regex(template: str) -> str | None:
    """A path for a `re_path` pattern, or None when it is more than groups of digits/words."""

    def fill(match: re.Match[str]) -> str:
        inner = match.group(1) or match.group(0)
        return "1" if re.search(r"\\d|0-9", inner) else "webwarden"

    path = _REGEX_GROUP.sub(fill, template.lstrip("^").rstrip("$"))
    return None if _REGEX_META.search(path) else path


def fill_template(template: str) -> str | None:
    """A visitable path for a route template, or None when no safe value is known."""
    if template.startswith("^") or "(?P<" in template:
        path = _from_regex(template)
    else:

        def value(match: re.Match[str]) -> str:
            return _PLACEHOLDERS.get((match.group(1) or "str").lower(), "webwarden")

        path = _CONVERTER.sub(value, template)
    if path is None:
        return None
    return path if path.startswith("/") else "/" + path


def route_paths(routes: Iterable[Route]) -> list[str]:
    """Distinct paths of the GET routes, in the order given."""
    paths: list[str] = []
    for template, methods in routes:
        if methods and not {m.upper() for m in methods} & {"GET", "HEAD"}:
            continue
        path = fill_template(template)
        if path is not None and path not in paths:
            paths.append(path)
    return paths


def project_routes(project: ProjectModel) -> list[Route]:
    """Every route the registered sources find in `project`."""
    return [route for source in ROUTE_SOURCES for route in source(project)]


def scanned_routes(projects: Iterable[ProjectModel]) -> list[Route]:
    """Every route of the models of a scan (`ScanResult.projects`): a tree of several
    applications has one model per application, each with its own routes."""
    return [route for project in projects for route in project_routes(project)]
