"""Flask-AppBuilder and Flask-Admin views: the `@expose` methods of their view classes.

Each framework turns a view class into a blueprint whose rules are the class's methods
decorated with `@expose(url, methods=("GET",))`:

- Flask-AppBuilder (`BaseView`, `ModelView`, `SimpleFormView`...): the blueprint is named
  after the class and mounted at `route_base` (default `/` + the lowercased class name);
  its REST APIs (`BaseApi`, `ModelRestApi`) at `/api/v1/` + `resource_name` (default:
  the lowercased class name).
  A method is guarded by `@has_access`, `@has_access_api` or `@protect()`.
- Flask-Admin (`BaseView`, `ModelView`): mounted at `/admin/` + the endpoint (the lowercased
  class name). Its `_handle_view` runs before every exposed method and turns the request
  away unless `is_accessible()` (True by default) says yes: a class overriding either
  guards all its routes. A `ModelView` also has the delete and action views of its base
  class, which change data with POST (its create and edit views are not modelled).

A Flask-Admin view class the project never adds (when it adds its views by
`admin.add_view(View(...))`, each made in the call) serves nothing.

NOTE: what is not modelled: which app `appbuilder.add_view(...)` / `admin.add_view(...)`
adds a view to (the routes go to the apps with an AppBuilder or Admin extension, else to
the apps made nearest above the view's module), an `endpoint=` or `url=` computed or
given where the view is made other than in `add_view(View(...))` (that one is read:
`admin_mounts`), a URL given to `Admin(url=...)`, and a Flask-Admin `ModelView`'s
endpoint default (its model's name).
"""

from __future__ import annotations

import posixpath
from dataclasses import replace

from webwarden.model.flask.admin_mounts import UNKNOWN
from webwarden.model.flask.app import FlaskApp
from webwarden.model.flask.facts import (
    AdminMountFact,
    BodyFacts,
    DecoratorFact,
    ExposedViewFact,
    RouteFact,
)
from webwarden.model.flask.index import Index
from webwarden.model.flask.routes import Mount, make_route

_FAB = "flask_appbuilder."
_ADMIN = "flask_admin."
_EXTENSIONS = {_FAB: "flask_appbuilder.AppBuilder", _ADMIN: "flask_admin.Admin"}
_ADMIN_MODEL_VIEWS = frozenset({"ModelView", "BaseModelView"})
_ADMIN_WRITES = (("delete_view", "/delete/"), ("action_view", "/action/"))
"""POST views every Flask-Admin `ModelView` has (`flask_admin.model.base`): each builds a
form of the class's `form_base_class` and changes data only once it validates
(`validate_form`), so the token is checked if that class checks one (`SecureForm`, a
`FlaskForm`), and not with the default `BaseForm`.
NOTE: `create_view` and `edit_view` are left out: they validate the project's own form
(a `FlaskForm` of Flask-WTF checks the token), which the model does not follow."""


class _Views:
    def __init__(self, index: Index) -> None:
        self.index = index
        self.subclasses: dict[str, list[str]] = {}
        for ref in index.exposed_views:
            for base in index.bases.get(ref, ()):
                self.subclasses.setdefault(index.canonical(base), []).append(ref)

    def mount(self, ref: str) -> AdminMountFact | None:
        """The one endpoint and URL `add_view` gives the class, if it gives one."""
        found = {
            replace(m, view="")
            for view, mounts in self.index.admin_mounts.items()
            if view and self.index.canonical(view) == ref
            for m in mounts
            if m.endpoint is not None or m.url is not None
        }
        return found.pop() if len(found) == 1 else None

    def never_added(self, ref: str) -> bool:
        """Whether the project adds its Flask-Admin views by `add_view(View(...))`, each
        made in the call, and never so adds the class `ref`: it serves no route."""
        added = self.index.admin_mounts
        if not added or UNKNOWN.view in added:
            return False
        return all(self.index.canonical(view) != ref for view in added)

    def chain(self, ref: str) -> list[ExposedViewFact]:
        """The class and its project ancestors, nearest first."""
        found = []
        for name in (ref, *self.index.ancestors(ref)):
            entry = self.index.exposed_views.get(name)
            if entry is not None:
                found.append(entry[0])
        return found

    def form_base(self, ref: str) -> str:
        """The `form_base_class` the class sets or inherits from a project class."""
        base = next((v.form_base for v in self.chain(ref) if v.form_base), "")
        return self.index.canonical(base) if base else ""

    def guard(self, ref: str, depth: int = 0) -> str:
        """The class's own or inherited access check; for a base class of the project's,
        one of its subclasses' (the class the app adds may be that subclass)."""
        for view in self.chain(ref):
            if view.guard:
                return view.guard
        if depth < 3:
            for sub in self.subclasses.get(ref, ()):
                if guard := self.guard(sub, depth + 1):
                    return guard
        return ""


def _framework(index: Index, ref: str) -> tuple[str, str]:
    """(`flask_appbuilder.` or `flask_admin.`, the library base class), or ("", "")."""
    for ancestor in index.ancestors(ref):
        for prefix in (_FAB, _ADMIN):
            if ancestor.startswith(prefix):
                return prefix, ancestor
    return "", ""


def _prefix(kind: str, library_base: str, views: _Views, view: ExposedViewFact) -> str:
    tail = library_base.rsplit(".", 1)[-1]
    if kind == _FAB:
        route_base = next((v.route_base for v in views.chain(view.ref) if v.route_base), None)
        if route_base is not None:
            return route_base
        if tail.endswith("Api"):
            chain = views.chain(view.ref)
            resource = next((v.resource_name for v in chain if v.resource_name), None)
            return f"/api/v1/{resource or view.name.lower()}"
        return f"/{view.name.lower()}"
    # NOTE: Flask-Admin takes `url` and `endpoint` from the constructor only (a class
    # attribute is overwritten); a model view's endpoint defaults to its model's name.
    if tail == "AdminIndexView":
        return "/admin"
    if tail in _ADMIN_MODEL_VIEWS:
        return "/admin/<model>"
    return f"/admin/{view.name.lower()}"


def _mounted(mount: AdminMountFact | None, prefix: str, blueprint: str) -> tuple[str, str]:
    """The URL prefix and blueprint of a Flask-Admin view `add_view` mounted with an
    `endpoint=` or `url=` (a relative URL goes under the admin's `/admin`)."""
    if mount is None:
        return prefix, blueprint
    endpoint = mount.endpoint or blueprint
    if mount.url is not None:
        url = mount.url.rstrip("/")
        prefix = url if url.startswith("/") else f"/admin/{url}"
    elif mount.endpoint is not None:
        prefix = f"/admin/{endpoint}"
    return prefix, endpoint


def nearest_apps(apps: list[tuple[str, str]], relpath: str) -> set[str]:
    """Of (app reference, module relpath), the apps made in the package of the module
    `relpath` or the nearest one above it."""
    best = -1
    found: set[str] = set()
    here = posixpath.dirname(relpath)
    for ref, path in apps:
        there = posixpath.dirname(path)
        if there and here != there and not here.startswith(there + "/"):
            continue
        depth = len(there.split("/")) if there else 0
        if depth > best:
            best, found = depth, {ref}
        elif depth == best:
            found.add(ref)
    return found


def module_app(apps: list[FlaskApp], relpath: str) -> FlaskApp | None:
    """The app a module belongs to: one whose config, extensions or routes it holds, else
    the app made nearest above it (the first of several)."""
    for app in apps:
        if relpath in app.modules or any(r.location.path == relpath for r in app.routes):
            return app
    nearest = nearest_apps([(app.ref, app.location.path) for app in apps], relpath)
    return next((app for app in apps if app.ref in nearest), None)


def _owners(index: Index, apps: list[FlaskApp], kind: str, relpath: str) -> set[str]:
    with_extension = [a for a in apps if a.extension(_EXTENSIONS[kind])]
    return nearest_apps([(a.ref, a.location.path) for a in with_extension or apps], relpath)


def _model_view_writes(view: ExposedViewFact, form_base: str) -> list[RouteFact]:
    """The delete and action views of a Flask-Admin model view, each validating a form of
    `form_base` (what its body does that the CSRF rules judge)."""
    body = BodyFacts(calls=frozenset({form_base, ".validate"})) if form_base else BodyFacts()
    return [
        # NOTE: the view is the library's method (or the project's override of it), never
        # the class: the class's other methods are no views.
        RouteFact(
            "",
            url,
            endpoint,
            ("GET", "POST"),
            f"{view.ref}.{endpoint}",
            view.location,
            body=body,
            view_name=endpoint,
        )
        for endpoint, url in _ADMIN_WRITES
    ]


def attach_exposed(index: Index, apps: list[FlaskApp]) -> None:
    """Add the routes of the project's Flask-AppBuilder and Flask-Admin view classes."""
    views = _Views(index)
    for ref, (view, relpath) in index.exposed_views.items():
        kind, library_base = _framework(index, ref)
        if not kind:
            continue
        leaf = ref not in views.subclasses
        tail = library_base.rsplit(".", 1)[-1]
        if kind == _ADMIN and leaf and tail != "AdminIndexView" and views.never_added(ref):
            # NOTE: a class kept for others to copy or one left unused (an index view
            # is given to `Admin(index_view=...)`, not added).
            continue
        routes = list(view.routes)
        if kind == _ADMIN and leaf and tail in _ADMIN_MODEL_VIEWS:
            routes += _model_view_writes(view, views.form_base(ref))
        if not routes:
            continue
        owners = _owners(index, apps, kind, relpath)
        prefix = _prefix(kind, library_base, views, view)
        blueprint = view.name if kind == _FAB or "<" in prefix else view.name.lower()
        if kind == _ADMIN and not library_base.endswith(".AdminIndexView"):
            prefix, blueprint = _mounted(views.mount(ref), prefix, blueprint)
        guard = views.guard(ref) if kind == _ADMIN else ""
        if guard:
            routes = [replace(r, decorators=(*r.decorators, DecoratorFact(guard))) for r in routes]
        # NOTE: both frameworks register each view class as a blueprint at its prefix.
        mount = Mount(ref, blueprint, prefix)
        for app in apps:
            if app.ref in owners:
                app.routes += [make_route(index, r, relpath, mount) for r in routes]
                app.modules.add(relpath)
