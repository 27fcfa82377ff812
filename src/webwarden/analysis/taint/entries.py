"""Where request data enters: views and their URL parameters, from the framework models.

Without a framework model the analysis still finds sources: Flask's `request` through the
name resolver, and in Django the `request` parameter of view-like functions and methods
(and `self.request` in class-based views, or in the methods of an object whose `__init__`
keeps its `request` parameter: `KEPT_REQUEST`). The Flask and Django models make it sharper:
the exact view functions of the routes, and their URL parameters, tainted or not by their
converters (`int`, `float`, `uuid`, `slug`, `any` carry no payload; `str` and `path` do;
a `str` value, Flask's default, is one path segment: it holds no `/`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from webwarden.analysis.character_classes import admits, inert_kinds, words_only_pattern
from webwarden.analysis.taint.rpc_settings import kobo_procedures
from webwarden.analysis.taint.specs import UNTAINTED_CONVERTERS
from webwarden.model.django.admin_urls import AdminUrl
from webwarden.model.django.defaults import COMMON_MIDDLEWARE
from webwarden.model.django.forged_posts import checks_every_post, refuses_forged_posts
from webwarden.model.django.hosts import fixed_hosts
from webwarden.model.django.routes import parameters as route_parameters
from webwarden.model.django.routes import positional
from webwarden.model.django.values import contains

if TYPE_CHECKING:
    from webwarden.analysis.taint import ir
    from webwarden.analysis.taint.outline import Lowered
    from webwarden.model.django import DjangoProject
    from webwarden.model.project import ProjectModel


@dataclass(frozen=True, slots=True)
class EntryPoint:
    """A view a route leads to: a function, or a class whose handlers serve it."""

    target: str
    params: tuple[tuple[str, bool], ...]
    """URL parameters as (name, tainted)."""
    route: str
    framework: str
    serialised: bool = False
    """A Flask-RESTful/RESTX resource: its `Api` turns what the handlers return into
    JSON (or another of its representations), not an HTML page."""
    arguments: tuple[tuple[str, bool], ...] = ()
    """Other request values the framework passes as keyword arguments, as (name,
    tainted): a Connexion operation's query, header, form and body parameters."""
    segments: frozenset[str] = frozenset()
    """URL parameters whose converter matches no `/` (Flask's default and `string`,
    Django's `str`, a regex group of one class without it)."""
    plain: frozenset[str] = frozenset()
    """URL parameters that match neither `/` nor `.` (DRF's default lookup `[^/.]+`)."""
    inert: tuple[tuple[str, frozenset[str]], ...] = ()
    """URL parameters whose pattern admits none of the characters an attack on some sink
    kinds needs, with those kinds (`analysis.character_classes`)."""
    csrf_checked: bool = False
    """A Django view refusing another site's post before it runs
    (`model.django.forged_posts.refuses_forged_posts`): one that `CsrfViewMiddleware`, in
    the `MIDDLEWARE` of every settings module judged, checks (not `csrf_exempt`, not
    REST framework's); or one refusing first every request another site's page could
    make the browser send (`View.requires_ajax`: without `X-Requested-With`, a token, or
    a JSON body; `View.header_authenticated`: without a header credential)."""
    navigable: bool = True
    """The route accepts a method a browser's navigation sends (GET, HEAD, or POST from a
    form); a route taking only PUT, PATCH or DELETE answers scripts alone, and a script's
    request shows no page (`UNRENDERED`)."""
    host_checked: bool = False
    """A Django view whose requests `CommonMiddleware`, in the `MIDDLEWARE` of every
    settings module judged, passed first, none of them reading the host from
    `X-Forwarded-Host` (`USE_X_FORWARDED_HOST`): it calls `get_host()`, which refuses a
    Host header that is no host name, so the header the view reads is one."""


NAVIGATION_METHODS = frozenset({"GET", "HEAD", "POST"})
"""What a link, a typed address or a form makes the browser send: the requests whose
answer it shows as a page."""
UNRENDERED = frozenset({"html"})
"""The sink kinds a route no navigation reaches gives its URL parameters safe for: the
answer goes to the script that sent the request (`fetch`, past a CORS preflight when
another site's), which the browser renders as no document."""


def _rendered(point: EntryPoint) -> frozenset[str]:
    return UNRENDERED if point.navigable else frozenset()


@dataclass(slots=True)
class Entries:
    """Every entry point, by target."""

    points: dict[str, list[EntryPoint]] = field(default_factory=dict)
    procedures: frozenset[str] = frozenset()
    """Remote procedures a setting registers (`rpc_settings`), by qualified name. Called
    with the request first, then the client's arguments."""
    helpers: frozenset[str] = frozenset()
    """Functions taking `request` first that no route serves and the project's code
    calls (`request_helpers`): their `request` is what each caller passes, as their
    other parameters are, not a view's own."""
    fixed_hosts: bool = True
    """`ALLOWED_HOSTS` lists only the site's own host names in every settings module the
    Django model judges that may be deployed (`model.django.hosts.fixed_hosts`), so
    Django's `request.get_host()` is one of them: not a host the client chose, as it is
    with `"*"` (also as an environment lookup's default) or a value webwarden cannot
    read. True without settings in the tree (a reusable app): its deployment's lists the
    hosts."""

    def add(self, point: EntryPoint) -> None:
        """Record one route's view."""
        self.points.setdefault(point.target, []).append(point)

    def params(self, target: str) -> dict[str, tuple[bool, str]]:
        """URL parameter -> (tainted by any route, a route showing it) for a view."""
        return _merged((point.params, point.route) for point in self.points.get(target, ()))

    def path_shape(self, target: str, name: str) -> tuple[bool, bool, frozenset[str]]:
        """Whether every route to the view that gives URL parameter `name` as request
        data gives it without a `/`, whether without a `/` or a `.`, and the sink kinds
        no such route's pattern lets it attack (a route giving a number adds nothing)."""
        given = [p for p in self.points.get(target, ()) if (name, True) in p.params]
        segment = bool(given) and all(name in point.segments for point in given)
        kinds = [
            dict(point.inert).get(name, frozenset()) | (UNRENDERED - _rendered(point))
            for point in given
        ]
        inert = frozenset.intersection(*kinds) if kinds else frozenset()
        return segment, segment and all(name in point.plain for point in given), inert

    def arguments(self, target: str) -> dict[str, tuple[bool, str]]:
        """Request parameter -> (tainted by any route, a route showing it) for a view."""
        return _merged((point.arguments, point.route) for point in self.points.get(target, ()))

    def csrf_checked(self, function: ir.Function) -> bool:
        """Whether every route to the view `function` is, or to the class-based view
        whose method it is, leads to a view the CSRF check guards
        (`EntryPoint.csrf_checked`)."""
        points = self.points.get(function.qualname)
        if not points and function.owner and function.kind == "method":
            points = self.points.get(function.owner)
        return bool(points) and all(point.csrf_checked for point in points or ())

    def host_checked(self, function: ir.Function) -> bool:
        """Whether every route to the view `function` is, or to the class-based view
        whose method it is, leads to a view whose Host header Django checked
        (`EntryPoint.host_checked`)."""
        points = self.points.get(function.qualname)
        if not points and function.owner and function.kind == "method":
            points = self.points.get(function.owner)
        return bool(points) and all(point.host_checked for point in points or ())

    def with_unchecked_hosts(self) -> Entries:
        """These entry points with no view's Host header taken for checked: a module of
        the project rewrites it (`host_writes`), maybe after `CommonMiddleware` ran."""
        points = {
            target: [dataclasses.replace(point, host_checked=False) for point in found]
            for target, found in self.points.items()
        }
        return dataclasses.replace(self, points=points)

    def framework(self, target: str) -> str:
        """`flask`, `django` or "" for a target no route leads to."""
        points = self.points.get(target)
        return points[0].framework if points else ""

    def serialised(self, target: str) -> bool:
        """Whether every route to the target sends what it returns through an `Api`."""
        points = self.points.get(target)
        return bool(points) and all(point.serialised for point in points or ())

    def within(self, analysed: frozenset[str], known: frozenset[str]) -> Entries:
        """The entry points whose target is defined in an analysed module.

        `analysed` and `known` are dotted module names: those analysed, and every module
        of the project. A target belongs to the longest known module its name starts
        with (`app.views.Index` to `app.views`, not `app`). The analysis asks for entry
        points only by the name of a function or class it analyses, so these are all it
        can read: a route to a view in test code (which is not analysed) changes nothing,
        and is left out of what the results are keyed on.
        """
        kept = Entries(fixed_hosts=self.fixed_hosts)
        for target, points in self.points.items():
            if _analysed(target, analysed, known):
                kept.points[target] = points
        kept.procedures = frozenset(
            target for target in self.procedures if _analysed(target, analysed, known)
        )
        kept.helpers = frozenset(
            target for target in self.helpers if _analysed(target, analysed, known)
        )
        return kept

    def route(self, target: str) -> str:
        """A route leading to the target, for messages."""
        points = self.points.get(target)
        return points[0].route if points else ""


def _analysed(target: str, analysed: frozenset[str], known: frozenset[str]) -> bool:
    """Whether the longest known module `target` starts with is analysed."""
    module = target
    while "." in module:
        module = module.rpartition(".")[0]
        if module in known or module in analysed:
            return module in analysed
    return False


def _merged(
    routes: Iterable[tuple[tuple[tuple[str, bool], ...], str]],
) -> dict[str, tuple[bool, str]]:
    """Name -> (tainted by any route, a route showing it), from each route's names."""
    found: dict[str, tuple[bool, str]] = {}
    for names, route in routes:
        for name, tainted in names:
            if tainted or name not in found:
                found[name] = (tainted, route)
    return found


def entry_points(project: ProjectModel) -> Entries:
    """The views of the Flask and Django models of `project` (whichever exist), and the
    remote procedures its settings register."""
    entries = Entries(procedures=kobo_procedures(project))
    if project.flask is not None:
        patterns = project.flask.converters
        for route in project.flask.routes:
            if route.view == "flask.Flask.send_static_file":
                continue
            own = {name: patterns[c] for name, c in route.converters if c in patterns}
            loaded = any(d.name in _ROW_LOADERS for d in route.decorators)
            rows = project.flask.loading_converters
            params = tuple(
                (
                    name,
                    not loaded
                    and converter not in rows
                    and (not words_only_pattern(own[name]) if name in own else _carries(converter)),
                )
                for name, converter in route.converters
            )
            segments = frozenset(
                name
                for name, converter in route.converters
                if (not admits(own[name], "/") if name in own else converter in _FLASK_SEGMENTS)
            )
            inert = tuple((name, k) for name, regex in own.items() if (k := inert_kinds(regex)))
            rule = route.rule or "?"
            point = EntryPoint(
                route.view,
                params,
                rule,
                "flask",
                route.through_api,
                route.arguments,
                segments,
                plain=frozenset(name for name, regex in own.items() if not admits(regex, "/.")),
                inert=inert,
                navigable=not route.methods or bool(route.methods & NAVIGATION_METHODS),
            )
            entries.add(point)
    if project.django is not None:
        # NOTE: settings in test code never serve a deployed site; and the early taint
        # analysis, which reads no test code, must see the hosts the whole project does.
        entries.fixed_hosts = fixed_hosts(
            module
            for module in project.django.judged
            if not (summary := project.modules.get(module.relpath)) or not summary.is_test
        )
        checked = checks_every_post(project, project.django)
        host_checked = _checks_every_host(project.django)
        for django_route in project.django.routes:
            view = django_route.view
            if view is None or view.kind == "unknown":
                continue
            params = tuple((p.name, p.tainted) for p in django_route.parameters)
            parameters = django_route.parameters
            entries.add(
                EntryPoint(
                    view.target,
                    params,
                    django_route.pattern,
                    "django",
                    segments=frozenset(p.name for p in parameters if p.one_segment),
                    plain=frozenset(p.name for p in parameters if p.plain_name),
                    inert=tuple((p.name, k) for p in parameters if (k := p.inert_for)),
                    csrf_checked=refuses_forged_posts(view, every_post_checked=checked),
                    host_checked=host_checked,
                )
            )
        for added in project.django.admin_urls:
            entries.add(_admin_entry(added, host_checked))
    return entries


def _admin_entry(added: AdminUrl, host_checked: bool) -> EntryPoint:
    """The view an admin class's `get_urls()` adds (`path("lookup/<str:code>/",
    self.admin_site.admin_view(lookup))`), with the URL parameters of its own pattern:
    the admin's prefix for the model holds none. Its posts are not taken for checked:
    the route may lack `admin_view`, which adds the CSRF check."""
    parameters = positional(route_parameters(added.kind, added.pattern))
    return EntryPoint(
        added.view,
        tuple((p.name, p.tainted) for p in parameters),
        added.pattern,
        "django",
        segments=frozenset(p.name for p in parameters if p.one_segment),
        plain=frozenset(p.name for p in parameters if p.plain_name),
        inert=tuple((p.name, k) for p in parameters if (k := p.inert_for)),
        host_checked=host_checked,
    )


def request_helpers(entries: Entries, modules: Iterable[Lowered]) -> Entries:
    """`entries` with the functions of `modules` (the code analysed, tests apart) that
    take `request` first, that no route serves and that a function of them calls
    (`prompt.alert(request, text)`, `production_redirect(request)` in a middleware's
    hook): helpers, whose request is the one each caller hands them.

    Without a route read (no URLconf found, routes built at run time) any function
    taking `request` first may be a view, and none is taken for a helper. A call by a
    name the module does not bind to the definition (a re-export) is not seen: the
    function is read as a view, as before."""
    if not entries.points:
        return entries
    lowered = list(modules)
    taking = {name for module in lowered for name in module.takes_request}
    if not taking:
        return entries
    taking.difference_update(entries.points)
    called = {name for module in lowered for name in module.called if name in taking}
    return dataclasses.replace(entries, helpers=frozenset(called))


def _checks_every_host(django: DjangoProject) -> bool:
    """Whether every settings module the Django model judges surely has Django's own
    `CommonMiddleware` in its `MIDDLEWARE` and surely leaves `USE_X_FORWARDED_HOST` off,
    whatever values they take. Not through a project subclass only (`subclassed`), whose
    `process_request` may no longer call `get_host()`."""
    return bool(django.judged) and all(
        COMMON_MIDDLEWARE not in settings.subclassed
        and all(contains(p.shipped, COMMON_MIDDLEWARE) is True for p in settings.get("MIDDLEWARE"))
        and all(p.shipped is False for p in settings.get("USE_X_FORWARDED_HOST"))
        for settings in django.judged
    )


_FLASK_SEGMENTS = frozenset({"default", "string"})
_ROW_LOADERS = frozenset(
    f"coaster.views.{module}{name}"
    for module in ("", "decorators.")
    for name in ("load_model", "load_models")
)
"""coaster's `@load_models((Post, {"name": "post"}, "post"))`: its wrapper looks the rows
up by the URL's parameters and calls the view with the rows alone (`f(*args, **result)`,
src/coaster/views/decorators.py), so no view parameter holds a parameter's text."""


def _carries(converter: str) -> bool:
    """Whether a Flask URL converter's values may carry a payload: not Flask's numbers,
    UUIDs and `any`, nor an app's own named for what it accepts (`uuid_str`, `int_list`)."""
    words = set(converter.lower().split("_"))
    return converter not in UNTAINTED_CONVERTERS and not words & {"uuid", "int", "uint"}
