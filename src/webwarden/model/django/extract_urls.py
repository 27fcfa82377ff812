"""Per-file extraction of URLconfs: `urlpatterns` entries and Django REST framework routers.

Only modules that assign `urlpatterns` or create a router at module level are read, and
only their module-level statements.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace

from webwarden.analysis.constants import evaluate
from webwarden.findings import Location
from webwarden.model.debug_branches import debug_test, setting_guards
from webwarden.model.django.listed_choices import listed_choice
from webwarden.model.module import FileContext
from webwarden.model.tree import summands, super_method
from webwarden.pickling import fast_pickling

_ROUTE_FUNCTIONS = frozenset({"path", "re_path", "url"})
DJANGO_ROUTE_FUNCTIONS = frozenset(
    {"django.urls.path", "django.urls.re_path", "django.conf.urls.url"}
)
_PATTERN_WRAPPERS = frozenset({"i18n_patterns", "format_suffix_patterns"})
_DECORATING = frozenset({"wagtail.utils.urlpatterns.decorate_urlpatterns"})
"""`decorate_urlpatterns(urlpatterns, decorator)`: the same list, every view in it and in
the URLconfs it includes wrapped by `decorator` (Wagtail's helper, for `never_cache`,
cache control or `require_admin_access` on a whole list)."""
_JOINING = frozenset({"list", "tuple", "itertools.chain", "itertools.chain.from_iterable"})
"""Calls that hand on the routes of the lists they are given, in order (`urlpatterns =
list(chain(*(pre_urls, urlpatterns, post_urls)))`)."""
_LEGACY_PATTERNS = "patterns"
"""Django < 1.10's `patterns(prefix, url(...), (regex, view), ...)`: entries whose views
may be dotted strings, completed by the prefix."""
_MAX_COMPREHENDED = 100
"""Values of a comprehension's list read one by one; past them, its entries are unknown."""
_TRANSLATE = frozenset({"_", "gettext", "gettext_lazy", "ugettext", "ugettext_lazy"})
_TRANSLATE_IN_CONTEXT = frozenset({"pgettext", "pgettext_lazy"})
"""`pgettext("urls", "signout/")`: the message after its context."""


@dataclass(frozen=True, slots=True)
class ViewRef:
    """What a URL entry routes to: `views.detail`, `DetailView.as_view()`, wrapped or not."""

    target: str | None
    """The qualified name of the function or class; None when it cannot be named."""
    as_view: bool = False
    wrappers: tuple[str, ...] = ()
    """Decorators applied in the URLconf (`csrf_exempt(view)`), outermost first."""
    methods: tuple[str, ...] | None = None
    """The HTTP methods a DRF viewset's `as_view({"get": "list", "post": "create"})` binds
    to actions: the only ones it answers (None: no such mapping)."""
    template_name: str | None = None
    """`TemplateView.as_view(template_name="about.html")`: the template the URLconf gives
    the view (None when it gives none, or not as a literal)."""
    helper: str | None = None
    """The qualified name of the project's function that made the route under Django's
    name (`from .auth import admin_url as url`): the wrappers it applies to the view it is
    given (`url(pattern, admin_login_required(view), name=name)`) wrap this one too."""
    attribute: str | None = None
    """The attribute of an app config holding the view, for an entry its `get_urls()`
    makes (`self.detail_view.as_view()`): what it holds is the config class's to say
    (`model.django.app_configs`), `target` is None until then."""
    arguments: tuple[tuple[str, str], ...] = ()
    """The extra arguments the URLconf hands the view (`path("media/<path:path>", serve,
    {"document_root": settings.MEDIA_ROOT})`), a dict display's literal keys each with
    what its value names: the qualified name of a name or attribute
    (`django.conf.settings.MEDIA_ROOT`), the `repr` of a literal, else ""."""


def _bound_methods(ctx: FileContext, call: ast.Call) -> tuple[str, ...] | None:
    """`as_view({"get": "list", "post": "create"})` (or `actions=`): DRF's
    `ViewSetMixin.as_view` gives the view a handler for these methods alone, so any other
    is answered 405; None when there is no such mapping or its keys are not constants."""
    mapping = ctx.argument(call, 0, "actions")
    if not isinstance(mapping, ast.Dict) or not mapping.keys:
        return None
    methods = [evaluate(key) if key is not None else None for key in mapping.keys]
    if not all(isinstance(method, str) for method in methods):
        return None
    return tuple(dict.fromkeys(str(method).upper() for method in methods))


@dataclass(frozen=True, slots=True)
class Include:
    """`include(...)`: a module, an inline list of entries, a router or another app."""

    module: str | None = None
    entries: tuple[UrlEntry, ...] | None = None
    router: str | None = None
    """The qualified name of a router whose `.urls` are included."""
    namespace: str | None = None
    external: str | None = None
    """Something included that is not a URLconf module of the project (`admin.site.urls`)."""
    listed: str | None = None
    """The name of the list of `module` to include, when not its `urlpatterns`."""
    config: str | None = None
    """The label of an app config whose `urls` are included
    (`include(apps.get_app_config("shop").urls[0])`, see `model.django.app_configs`)."""
    attribute: str | None = None
    """The attribute of the app config making the routes that holds the app config
    included (`self.basket_app.urls`, with `self.basket_app = apps.get_app_config(...)`)."""


@dataclass(frozen=True, slots=True)
class UrlEntry:
    """One `path()` / `re_path()` / `url()` entry, or a bare `router.urls` inclusion."""

    kind: str
    """`path`, `re_path`, `url` or `router`."""
    pattern: str | None
    location: Location
    view: ViewRef | None = None
    include: Include | None = None
    name: str | None = None
    imported: tuple[tuple[str, str], ...] = ()
    """Pieces of the pattern written as a name imported from another module of the
    project (`{slug_pattern}`), with that name's qualified name: the route map reads the
    text there (`r"^(%s)/$" % slug_pattern` after `from core.models import slug_pattern`)."""
    debug_only: bool = False
    """Added under `if settings.DEBUG:` (`urlpatterns += debug_urls.urlpatterns`): served
    by a development server, not where the project is deployed with `DEBUG` off."""
    guards: tuple[str, ...] = ()
    """Settings other than `DEBUG` under whose truth it is added (`if settings.USE_SILK:`):
    `debug_only` too when one is set only as `DEBUG and ...` (`only_with_debug`)."""
    wrappers: tuple[str, ...] = ()
    """Decorators applied to every view the entry routes to, its own or those of what it
    includes (`decorate_urlpatterns(patterns, never_cache)`), outermost first."""

    def only_with_debug(self, debug_flags: frozenset[str]) -> bool:
        """Added only with `DEBUG` on: under `if settings.DEBUG:`, or under a test of one
        of `debug_flags`, settings on only when it is (`DjangoProject.debug_flags`)."""
        return self.debug_only or bool(debug_flags.intersection(self.guards))


@dataclass(frozen=True, slots=True)
class Registration:
    """`router.register(prefix, ViewSet, basename=...)`."""

    prefix: str | None
    viewset: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class UrlFacts:
    """A URLconf module's patterns and the routers it defines."""

    entries: tuple[UrlEntry, ...]
    routers: tuple[tuple[str, tuple[Registration, ...]], ...] = ()
    """Routers defined in the module: (local name, registrations)."""
    app_name: str | None = None
    has_patterns: bool = True
    lists: tuple[tuple[str, tuple[UrlEntry, ...]], ...] = ()
    """Other module-level lists of routes (`api_urls = [path(...)]`), by name."""


def _joined_parts(call: ast.Call) -> Iterator[ast.expr]:
    """The lists a `_JOINING` call joins: its arguments (`chain(a, b)`, `list(a)`), the
    items of a list or tuple display it unpacks (`chain(*(a, b))`) or, for
    `chain.from_iterable([a, b])`, of the display it is given."""
    spread = [a.value for a in call.args if isinstance(a, ast.Starred)]
    if isinstance(call.func, ast.Attribute) and call.func.attr == "from_iterable":
        spread = list(call.args)
    for argument in call.args:
        value = argument.value if isinstance(argument, ast.Starred) else argument
        if value not in spread:
            yield value
        elif isinstance(value, ast.List | ast.Tuple):
            yield from (e.value if isinstance(e, ast.Starred) else e for e in value.elts)


def _short_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _assigns(stmt: ast.stmt, name: str) -> bool:
    if isinstance(stmt, ast.Assign):
        return any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets)
    if isinstance(stmt, ast.AnnAssign | ast.AugAssign):
        return isinstance(stmt.target, ast.Name) and stmt.target.id == name
    return False


def extract_urls(ctx: FileContext) -> UrlFacts | None:
    """The URL facts of a module defining `urlpatterns` or a router, else None."""
    body = ctx.tree.body
    routers = _routers(ctx)
    router_names = {name for name, _ in routers}
    # NOTE: also in the arms of a module-level `if` (`if settings.FULL_SITE: urlpatterns =
    # [...] else: urlpatterns = [...]`): the module is a URLconf either way.
    has_patterns = any(_assigns(stmt, "urlpatterns") for stmt in _flatten(body))
    listed = [stmt for stmt in body if _route_list(stmt, router_names)]
    if not has_patterns and not routers and not listed:
        return None
    reader = _Reader(ctx, router_names)
    lists = tuple(
        (target.id, tuple(reader.entries(stmt.value)))
        for stmt in listed
        if isinstance(stmt, ast.Assign)
        for target in stmt.targets
        if isinstance(target, ast.Name)
    )
    app_name = None
    for stmt in _flatten(body):
        if isinstance(stmt, ast.Assign) and _assigns(stmt, "app_name"):
            value = evaluate(stmt.value)
            app_name = value if isinstance(value, str) else None
    entries = reader.built("urlpatterns")
    return UrlFacts(tuple(entries), tuple(routers), app_name, has_patterns, lists)


def _module_names(body: list[ast.stmt]) -> Iterator[str]:
    """The names module-level statements assign (see `_Reader.built`): a list imported
    and then added to is another URLconf's, read from there."""
    for stmt in _flatten(body):
        if isinstance(stmt, ast.Assign):
            yield from (t.id for t in stmt.targets if isinstance(t, ast.Name))
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            yield stmt.target.id


def _added_to(stmt: ast.stmt, name: str) -> ast.expr | None:
    """What `name.append(x)`, `name.insert(i, x)` or `name.extend(xs)` adds, as a list."""
    if not (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Call)
        and isinstance(stmt.value.func, ast.Attribute)
        and isinstance(stmt.value.func.value, ast.Name)
        and stmt.value.func.value.id == name
        and stmt.value.args
    ):
        return None
    method, argument = stmt.value.func.attr, stmt.value.args[-1]
    if method in {"append", "insert"}:
        return ast.List(elts=[argument])
    return argument if method == "extend" else None


def _route_list(stmt: ast.stmt, routers: Collection[str] = ()) -> bool:
    """`api_urls = [path(...), ...]`: a list of routes under another name than
    `urlpatterns`, which other URLconfs import and add to theirs (`include((api.v3_urls,
    "api"))`), also the sum of such a list or of the module's router's `urls` and more
    (`v3_urls = [path(...)] + schema_urls("v3")`, `v1_urls = router.urls + [...]`)."""
    return (
        isinstance(stmt, ast.Assign)
        and not _assigns(stmt, "urlpatterns")
        and any(_routes_listed(part, routers) for part in summands(stmt.value))
    )


def _routes_listed(node: ast.expr, routers: Collection[str]) -> bool:
    if isinstance(node, ast.Attribute) and node.attr == "urls":
        return isinstance(node.value, ast.Name) and node.value.id in routers
    return isinstance(node, ast.List | ast.Tuple) and any(
        isinstance(element, ast.Call) and _short_name(element) in _ROUTE_FUNCTIONS
        for element in node.elts
    )


def _flatten(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    for stmt in body:
        if isinstance(stmt, ast.If):
            yield from _flatten(stmt.body)
            yield from _flatten(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            yield from _flatten(stmt.body)
        else:
            yield stmt


def _arm_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements `_flatten` gives that run only in an arm of a module-level `if`."""
    for stmt in body:
        if isinstance(stmt, ast.If):
            yield from _flatten(stmt.body)
            yield from _flatten(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            yield from _arm_statements(stmt.body)


def _flatten_marked(
    ctx: FileContext, body: list[ast.stmt], debug: bool = False, guards: tuple[str, ...] = ()
) -> Iterator[tuple[ast.stmt, bool, tuple[str, ...]]]:
    """`_flatten`, each statement with whether it runs only when `settings.DEBUG` is on,
    and the other settings it runs only when true (`if settings.USE_SILK:`)."""
    for stmt in body:
        if isinstance(stmt, ast.If):
            on = debug_test(ctx, stmt.test)
            needed = (*guards, *setting_guards(ctx, stmt.test))
            yield from _flatten_marked(ctx, stmt.body, debug or on is True, needed)
            yield from _flatten_marked(ctx, stmt.orelse, debug or on is False, guards)
        elif isinstance(stmt, ast.Try):
            yield from _flatten_marked(ctx, stmt.body, debug, guards)
        else:
            yield stmt, debug, guards


def _guarded(entry: UrlEntry, guards: tuple[str, ...]) -> UrlEntry:
    return replace(entry, guards=tuple(dict.fromkeys((*entry.guards, *guards))))


def _routers(ctx: FileContext) -> list[tuple[str, tuple[Registration, ...]]]:
    found: dict[str, list[Registration]] = {}
    for stmt in ctx.tree.body:
        if (
            isinstance(stmt, ast.Assign)
            and isinstance(stmt.value, ast.Call)
            and _short_name(stmt.value).endswith("Router")
        ):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = []
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            call = stmt.value
            func = call.func
            if (
                isinstance(func, ast.Attribute)
                and func.attr == "register"
                and isinstance(func.value, ast.Name)
                and func.value.id in found
                and len(call.args) >= 2
            ):
                prefix = evaluate(call.args[0])
                found[func.value.id].append(
                    Registration(
                        prefix if isinstance(prefix, str) else None,
                        ctx.qualified_here(call.args[1]),
                        ctx.location(call),
                    )
                )
    return [(name, tuple(registrations)) for name, registrations in found.items()]


class _Reader:
    def __init__(self, ctx: FileContext, routers: set[str]) -> None:
        self.ctx = ctx
        self.routers = routers
        self.depth = 0
        self._module_names: frozenset[str] | None = None
        self.building: dict[str, tuple[UrlEntry, ...] | None] = {}
        """The entries each list being built held before the statement being read (for
        `urlpatterns = urlpatterns + [...]`); None before its first assignment, where the
        name read is what an import bound (`from two_fa.urls import urlpatterns`)."""
        self.prefix = ""
        """The view prefix of the `patterns()` call being read."""
        self.bound: dict[str, ast.expr] = {}
        """The loop variables of the comprehension being read, each bound to one value."""
        self.instance: str | None = None
        """The name of the instance in the method being read (`self` of an app config's
        `get_urls()`), whose attributes hold views and other app configs."""

    def built(self, name: str) -> list[UrlEntry]:
        """The entries of the module-level list `name` as its statements build it up:
        assigned (`v1_patterns = router.urls`), added to (`v1_patterns += [...]`,
        `urlpatterns = urlpatterns + [...]`), appended, inserted or extended; those a
        statement under `if settings.DEBUG:` adds are `debug_only`. A list assigned in an
        arm of a module-level `if` adds to what the list held before (`if FULL_SITE:
        urlpatterns = [...] else: urlpatterns = [...]`): either may be served."""
        entries: list[UrlEntry] = []
        assigned = False
        in_arms = {id(stmt) for stmt in _arm_statements(self.ctx.tree.body)}
        for stmt, debug, guards in _flatten_marked(self.ctx, self.ctx.tree.body):
            kept = set(entries) if debug or guards else None
            if isinstance(stmt, ast.Assign | ast.AnnAssign) and _assigns(stmt, name):
                nested = name in self.building
                outer = self.building.get(name)
                self.building[name] = tuple(entries) if assigned else None
                assigned = True
                try:
                    given = list(self.entries(stmt.value)) if stmt.value is not None else []
                    if id(stmt) in in_arms:
                        given = [*entries, *(e for e in given if e not in entries)]
                    entries = given
                finally:
                    if nested:
                        self.building[name] = outer
                    else:
                        del self.building[name]
            elif isinstance(stmt, ast.AugAssign) and _assigns(stmt, name):
                entries.extend(self.entries(stmt.value))
            elif (added := _added_to(stmt, name)) is not None:
                entries.extend(self.entries(added))
            if kept is not None and debug:
                entries = [e if e in kept else replace(e, debug_only=True) for e in entries]
            elif kept is not None:
                entries = [e if e in kept else _guarded(e, guards) for e in entries]
        return entries

    def _builds(self, name: str) -> bool:
        """Whether a module-level statement assigns `name`."""
        if self._module_names is None:
            self._module_names = frozenset(_module_names(self.ctx.tree.body))
        return name in self._module_names

    def entries(self, node: ast.expr) -> Iterator[UrlEntry]:
        self.depth += 1
        try:
            if self.depth < 8:
                yield from self._entries(node)
        finally:
            self.depth -= 1

    def _entries(self, node: ast.expr) -> Iterator[UrlEntry]:
        ctx = self.ctx
        match node:
            case ast.List(elts=elts) | ast.Tuple(elts=elts):
                for element in elts:
                    if isinstance(element, ast.Starred):
                        yield from self.entries(element.value)
                    elif isinstance(element, ast.Call):
                        entry = self._entry(element)
                        if entry is not None:
                            yield entry
            case ast.BinOp(op=ast.Add()):
                for operand in summands(node):
                    yield from self.entries(operand)
            case ast.IfExp(test=test, body=body, orelse=orelse):
                # NOTE: `[...] if not settings.STATIC_BUILD else []`: either list may be
                # served; one only `DEBUG` picks is a development server's.
                debug = debug_test(ctx, test)
                for branch, only_debug in ((body, debug is True), (orelse, debug is False)):
                    for entry in self.entries(branch):
                        yield replace(entry, debug_only=True) if only_debug else entry
            case ast.Name(id=name) if name in self.building:
                held = self.building[name]
                yield from self._imported(node) if held is None else held
            case ast.Name(id="urlpatterns"):
                return
            case ast.Name(id=name) if self._builds(name):
                yield from self.built(name)
            case ast.Name():
                value = ctx.lookup(node)
                if value is not None:
                    yield from self.entries(value)
                else:
                    yield from self._imported(node)
            case ast.Attribute(attr="urlpatterns"):
                yield from self._imported(node)
            case ast.Attribute(attr="urls"):
                router = self._router(node.value)
                if router is not None:
                    include = Include(router=router)
                    yield UrlEntry("router", "", ctx.location(node), include=include)
            case ast.Call(args=[patterns, decorator]) if ctx.qualified(node.func) in _DECORATING:
                wrapper = decorator.func if isinstance(decorator, ast.Call) else decorator
                named = ctx.qualified(wrapper) or "?"
                for entry in self.entries(patterns):
                    yield replace(entry, wrappers=(named, *entry.wrappers))
            case ast.Call() if ctx.qualified(node.func) in _JOINING:
                for part in _joined_parts(node):
                    yield from self.entries(part)
            case ast.Call() if _short_name(node) in _PATTERN_WRAPPERS:
                for argument in node.args:
                    yield from self.entries(
                        argument if not isinstance(argument, ast.Starred) else argument.value
                    )
            case ast.Call() if _route_kind(ctx, node):
                entry = self._entry(node)
                if entry is not None:
                    yield entry
            case ast.Call(args=[first, *rest]) if _short_name(node) == _LEGACY_PATTERNS:
                yield from self._legacy(first, rest)
            case (
                ast.ListComp(elt=elt, generators=[loop])
                | ast.GeneratorExp(elt=elt, generators=[loop])
            ):
                yield from self._comprehended(elt, loop)
            case _:
                return

    def _comprehended(self, elt: ast.expr, loop: ast.comprehension) -> Iterator[UrlEntry]:
        """The entries a comprehension over a constant list makes, one value at a time
        (`*(path("", include(f"project.{app}.urls")) for app in APPS)`): each include
        names the module its value fills in."""
        values = self.ctx.evaluate(loop.iter)
        if (
            loop.ifs
            or not isinstance(loop.target, ast.Name)
            or not isinstance(values, list | tuple)
            or len(values) > _MAX_COMPREHENDED
        ):
            return
        name = loop.target.id
        outer = self.bound.get(name)
        try:
            for value in values:
                self.bound[name] = ast.Constant(value)
                yield from self.entries(elt)
        finally:
            if outer is None:
                self.bound.pop(name, None)
            else:
                self.bound[name] = outer

    def _bound_value(self, node: ast.Name) -> ast.expr | None:
        return self.bound.get(node.id)

    def _legacy(self, prefix: ast.expr, entries: list[ast.expr]) -> Iterator[UrlEntry]:
        """The entries of `patterns(prefix, ...)`: `url()` calls and `(regex, view,
        kwargs, name)` tuples, string views completed by `prefix`."""
        value = evaluate(prefix)
        outer, self.prefix = self.prefix, value if isinstance(value, str) else ""
        try:
            for element in entries:
                if isinstance(element, ast.Tuple) and 2 <= len(element.elts) <= 4:
                    route, view, *more = element.elts
                    name = more[1] if len(more) == 2 else None
                    yield self._parts(element, "url", route, view, name)
                elif isinstance(element, ast.Call):
                    yield from self.entries(element)
        finally:
            self.prefix = outer

    def _imported(self, node: ast.Name | ast.Attribute) -> Iterator[UrlEntry]:
        """Another URLconf's list, imported (`from evennia.web.urls import urlpatterns as
        default_urls`, `urlpatterns = [...] + default_urls`, `from .api import api_urls`):
        its routes, as if included at the root (nothing when the name is no such list)."""
        qualified = self.ctx.qualified(node)
        if qualified is None or "." not in qualified:
            return
        module, _, name = qualified.rpartition(".")
        include = Include(module=module, listed=None if name == "urlpatterns" else name)
        yield UrlEntry("path", "", self.ctx.location(node), include=include)

    def _router(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Name) and node.id in self.routers:
            return f"{self.ctx.module}.{node.id}"
        qualified = self.ctx.qualified(node)
        if qualified is not None and qualified.rpartition(".")[2].lower().endswith("router"):
            return qualified
        return None

    def _entry(self, call: ast.Call) -> UrlEntry | None:
        ctx = self.ctx
        kind = _route_kind(ctx, call)
        if not kind:
            return None
        route = ctx.argument(call, 0, "route") or ctx.keyword(call, "regex")
        name = ctx.keyword(call, "name")
        entry = self._parts(call, kind, route, ctx.argument(call, 1, "view"), name)
        view = entry.view
        if view is None:
            return entry
        arguments = _view_arguments(ctx, ctx.argument(call, 2, "kwargs"))
        helper = _route_helper(ctx, call)
        if not arguments and helper is None:
            return entry
        return replace(entry, view=replace(view, arguments=arguments, helper=helper))

    def _parts(
        self,
        node: ast.expr,
        kind: str,
        route: ast.expr | None,
        target: ast.expr | None,
        name_node: ast.expr | None,
    ) -> UrlEntry:
        """The entry at `node` routing `route` to `target`, named by `name_node`."""
        ctx = self.ctx
        pattern = _pattern(ctx, route)
        imported = _imported_pieces(ctx, route) if route and "{" in (pattern or "") else ()
        name_value = evaluate(name_node)
        name = name_value if isinstance(name_value, str) else None
        location = ctx.location(node)
        if target is None:
            return UrlEntry(kind, pattern, location, name=name, imported=imported)
        if isinstance(target, ast.Call) and _short_name(target) == "include":
            include = self._include(target)
            return UrlEntry(kind, pattern, location, include=include, imported=imported)
        if isinstance(target, ast.Attribute) and target.attr == "urls":
            config = self._config(target.value)
            if config is not None:
                return UrlEntry(kind, pattern, location, include=config, imported=imported)
            external = ctx.qualified(target)
            router = self._router(target.value)
            include = Include(router=router) if router else Include(external=external)
            return UrlEntry(kind, pattern, location, include=include, imported=imported)
        view = self._view(target)
        return UrlEntry(kind, pattern, location, view=view, name=name, imported=imported)

    def _view(self, node: ast.expr) -> ViewRef:
        wrappers: list[str] = []
        ctx = self.ctx
        made = ctx.lookup(node) if isinstance(node, ast.Name) else None
        if made is not None and _makes_view(made):
            # NOTE: a view made once under a name and routed by it (`item =
            # ItemViewSet.as_view({"get": "retrieve"})`, then `path("<pk>", item)`).
            node = made
        while isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "as_view":
                owner = func.value
                if isinstance(owner, ast.Call) and not owner.args and not owner.keywords:
                    # NOTE: `View().as_view()`: the class method, called on an instance.
                    owner = owner.func
                attribute = self._attribute(owner)
                target = None if attribute else ctx.qualified_here(owner)
                template = ctx.evaluate(ctx.keyword(node, "template_name"))
                return ViewRef(
                    target,
                    True,
                    tuple(wrappers),
                    _bound_methods(ctx, node),
                    template if isinstance(template, str) else None,
                    attribute=attribute,
                )
            if not node.args:
                return ViewRef(None, False, tuple(wrappers))
            wrapper = func.func if isinstance(func, ast.Call) else func
            wrappers.append(ctx.qualified_here(wrapper) or "?")
            node = node.args[0]
        dotted = evaluate(node)
        if isinstance(dotted, str):
            # NOTE: Django < 1.10 imported a view named by its dotted path.
            target = f"{self.prefix}.{dotted}" if self.prefix else dotted
            return ViewRef(target if dotted else None, False, tuple(wrappers))
        attribute = self._attribute(node)
        if attribute is not None:
            return ViewRef(None, False, tuple(wrappers), attribute=attribute)
        return ViewRef(ctx.qualified_here(node), False, tuple(wrappers))

    def _attribute(self, node: ast.expr) -> str | None:
        """`name` of `self.name` in the method being read (see `instance`)."""
        if (
            self.instance is not None
            and isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == self.instance
        ):
            return node.attr
        return None

    def _config(self, node: ast.expr) -> Include | None:
        """The app config `node` is, whose `urls` are included: `self.basket_app` of the
        config making the routes, or `apps.get_app_config("basket")`."""
        attribute = self._attribute(node)
        if attribute is not None:
            return Include(attribute=attribute)
        if (
            isinstance(node, ast.Call)
            and _short_name(node) == "get_app_config"
            and isinstance(label := evaluate(self.ctx.argument(node, 0, "app_label")), str)
        ):
            return Include(config=label)
        return None

    def _include(self, call: ast.Call) -> Include:
        ctx = self.ctx
        namespace_value = evaluate(ctx.keyword(call, "namespace"))
        namespace = namespace_value if isinstance(namespace_value, str) else None
        argument = ctx.argument(call, 0, "arg")
        if (
            isinstance(argument, ast.Tuple)
            and len(argument.elts) in {2, 3}
            and isinstance(evaluate(argument.elts[1]), str)
        ):
            app_name = evaluate(argument.elts[1])
            namespace = namespace or (app_name if isinstance(app_name, str) else None)
            argument = argument.elts[0]
        if argument is None:
            return Include(namespace=namespace)
        if (
            isinstance(argument, ast.Subscript)
            and isinstance(argument.value, ast.Attribute)
            and argument.value.attr == "urls"
            and evaluate(argument.slice) == 0
        ):
            # NOTE: an app config's `urls` is `(get_urls(), app_name, namespace)`.
            argument = argument.value
        if (
            isinstance(argument, ast.Attribute)
            and argument.attr == "urls"
            and (config := self._config(argument.value)) is not None
        ):
            return replace(config, namespace=namespace)
        constant = evaluate(argument, self._bound_value)
        if isinstance(constant, str):
            return Include(module=constant, namespace=namespace)
        if (
            isinstance(argument, ast.List | ast.Tuple)
            or _builds_list(argument)
            or (isinstance(argument, ast.BinOp) and isinstance(argument.op, ast.Add))
        ):
            # NOTE: also Django < 1.10's `include(patterns("", url(...), ...))`, a list
            # made in place, and a sum of lists and routers' `urls` (`include(router.urls
            # + nested_router.urls)`)
            return Include(entries=tuple(self.entries(argument)), namespace=namespace)
        if isinstance(argument, ast.Attribute) and argument.attr == "urls":
            router = self._router(argument.value)
            if router is not None:
                return Include(router=router, namespace=namespace)
            qualified = ctx.qualified(argument)
            if qualified is not None and _imported_module(ctx, qualified):
                return Include(module=qualified, namespace=namespace)
            return Include(external=qualified, namespace=namespace)
        if isinstance(argument, ast.Name) and argument.id in self.building:
            # NOTE: read in its own assignment, the name is what it held before; before
            # its first, the list an import bound (`from two_fa.urls import urlpatterns`,
            # then `urlpatterns = [path("admin/", include((urlpatterns, "two_fa")))]`).
            held = self.building[argument.id]
            if held is None:
                return Include(module=ctx.qualified(argument), namespace=namespace)
            return Include(entries=held, namespace=namespace)
        if isinstance(argument, ast.Name) and self._builds(argument.id):
            # NOTE: a list of the module's own (`include((v1_patterns, "v1"))`), however
            # it is built: from a router's `urls`, added to later.
            return Include(entries=tuple(self.built(argument.id)), namespace=namespace)
        return Include(module=ctx.qualified(argument), namespace=namespace)


def method_routes(
    ctx: FileContext, method: ast.FunctionDef | ast.AsyncFunctionDef
) -> tuple[tuple[UrlEntry, ...], bool, str | None]:
    """The routes a method returns (an app config's `get_urls()`: `urls = [path(...)]`,
    added to, returned as they are or through a method of the class), whether they follow
    those of the class's base (`urls = super().get_urls()`), and the method of the class
    they are returned through (`self.post_process_urls(urls)`). Entries naming an
    attribute of the instance (`self.detail_view.as_view()`) leave it to the class to
    say what it holds."""
    reader = _Reader(ctx, set())
    params = [*method.args.posonlyargs, *method.args.args]
    reader.instance = params[0].arg if params else None
    extends = False
    through = None
    found: list[UrlEntry] = []
    for stmt in _flatten(method.body):
        value = stmt.value if isinstance(stmt, ast.Assign | ast.AugAssign | ast.Return) else None
        if value is not None and _calls_super(value, method.name):
            extends = True
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name):
                reader.building[target.id] = tuple(reader.entries(stmt.value))
        elif isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
            held = reader.building.get(stmt.target.id) or ()
            reader.building[stmt.target.id] = (*held, *reader.entries(stmt.value))
        elif isinstance(stmt, ast.Expr):
            for name, listed in list(reader.building.items()):
                if (added := _added_to(stmt, name)) is not None:
                    reader.building[name] = (*(listed or ()), *reader.entries(added))
        elif isinstance(stmt, ast.Return) and stmt.value is not None:
            returned = stmt.value
            if (
                isinstance(returned, ast.Call)
                and (handed := reader._attribute(returned.func)) is not None
                and returned.args
            ):
                through, returned = handed, returned.args[0]
            found.extend(reader.entries(returned))
    return tuple(found), extends, through


def _calls_super(node: ast.expr, name: str) -> bool:
    """Whether `node` calls the base class's method `name` (`super().get_urls()`)."""
    return any(super_method(call) == name for call in ast.walk(node))


def _imported_module(ctx: FileContext, dotted: str) -> bool:
    """Whether the module imports `dotted` as a module by its full name (`import
    shop.accounts.urls`, read as `include(shop.accounts.urls)`): a URLconf, unlike the
    `urls` attribute of an object (`admin.site.urls`)."""
    return any(
        alias.name == dotted and alias.asname is None
        for node in ctx.nodes(ast.Import)
        if isinstance(node, ast.Import)
        for alias in node.names
    )


def _makes_view(node: ast.expr | None) -> bool:
    """Whether `node` is a call of a class's `as_view()`, or of decorators around one
    (`csrf_exempt(Hook.as_view())`)."""
    while isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "as_view":
            return True
        node = node.args[0] if node.args else None
    return False


def _builds_list(node: ast.expr) -> bool:
    """A call that makes a list of routes in place: `patterns(prefix, ...)`,
    `i18n_patterns(...)`, `format_suffix_patterns([...])`."""
    return isinstance(node, ast.Call) and (
        _short_name(node) in _PATTERN_WRAPPERS or _short_name(node) == _LEGACY_PATTERNS
    )


def _view_arguments(ctx: FileContext, node: ast.expr | None) -> tuple[tuple[str, str], ...]:
    """The extra arguments of a route, a dict display (see `ViewRef.arguments`)."""
    if not isinstance(node, ast.Dict):
        return ()
    found: list[tuple[str, str]] = []
    for key, value in zip(node.keys, node.values, strict=True):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            continue  # NOTE: `**defaults`, or a key not written as text
        if isinstance(value, ast.Constant):
            found.append((key.value, repr(value.value)))
        elif isinstance(value, ast.Name | ast.Attribute):
            found.append((key.value, ctx.qualified(value) or ""))
        else:
            found.append((key.value, ""))
    return tuple(found)


def _route_kind(ctx: FileContext, call: ast.Call) -> str:
    """`path`, `re_path` or `url` for a call making a route under that name, or of
    Django's function so named imported under another (`from django.conf.urls import url
    as unauthorized_url`); empty for any other call."""
    name = _short_name(call)
    if name in _ROUTE_FUNCTIONS:
        return name
    qualified = ctx.qualified(call.func)
    return qualified.rpartition(".")[2] if qualified in DJANGO_ROUTE_FUNCTIONS else ""


def _route_helper(ctx: FileContext, call: ast.Call) -> str | None:
    """The project's function a route is made with under Django's name (`from .auth import
    admin_url as url`, `url(r"^$", views.index)`), which may wrap the view it is given
    before routing it (see `ViewRef.helper`)."""
    name = ctx.qualified_here(call.func)
    if name is None or "." not in name or name.startswith("django."):
        return None
    return name


def _pattern(ctx: FileContext, node: ast.expr | None) -> str | None:
    if node is None:
        return None
    node = _untranslated(node)
    value = ctx.evaluate(node)
    return value if isinstance(value, str) else partial_pattern(ctx, node)


def partial_pattern(ctx: FileContext, node: ast.expr, depth: int = 0) -> str | None:
    """A pattern built from a value not known here (`r"^%s/ics/$" % urlpath`, the URL a
    site setting chooses), with that value shown as `{urlpath}`: the rest of the route
    is still what it says (`/ics/`, `/login/`). Also through a name the module binds
    once to such a pattern (`RE_COURSE_URI = r"^" + semester + r"/(?P<slug>[-a-z]+)/"`,
    its groups kept), or imports (`{RE_COURSE_URI}`, which the project fills in)."""
    if isinstance(node, ast.Name) and depth < _NAME_DEPTH:
        bound = ctx.lookup(node)
        if bound is not None:
            return partial_pattern(ctx, bound, depth + 1)
        return "{" + node.id + "}" if node.id in ctx.names.aliases else None
    if isinstance(node, ast.JoinedStr):
        return "".join(_piece(ctx, v) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _added(ctx, node.left, depth) + _added(ctx, node.right, depth)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Call):
        return _formatted(ctx, node)
    if not (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Mod)
        and isinstance(node.left, ast.Constant)
        and isinstance(node.left.value, str)
    ):
        return None
    texts = node.left.value.split("%s")
    given = _formatted_values(ctx, node.right)
    if len(texts) != len(given) + 1 or "%" in "".join(texts).replace("%%", ""):
        return None
    filled = (_piece(ctx, arg) for arg in given)
    return texts[0] + "".join(f + t for f, t in zip(filled, texts[1:], strict=True))


def _formatted(ctx: FileContext, call: ast.Call) -> str | None:
    """A pattern `str.format` builds with plain fields (`r"^(?P<pk>{})/$".format(UUID)`,
    `{0}`, `{name}`), each value written as `_piece` writes it."""
    template = _format_template(call)
    if template is None or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    named = {k.arg: k.value for k in call.keywords if k.arg is not None}
    if len(named) != len(call.keywords):
        return None
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return None
    pieces: list[str] = []
    automatic = iter(call.args)
    for text, field, spec, conversion in parsed:
        pieces.append(text)
        if field is None:
            continue
        if spec or conversion:
            return None
        if field.isdigit():
            value = call.args[int(field)] if int(field) < len(call.args) else None
        else:
            value = next(automatic, None) if field == "" else named.get(field)
        if value is None:
            return None
        pieces.append(_piece(ctx, value))
    return "".join(pieces)


def _format_template(call: ast.Call) -> str | None:
    """The text whose `format` method `call` is (`"({})".format(...)`), else None."""
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "format"
        and isinstance(func.value, ast.Constant)
        and isinstance(func.value.value, str)
    ):
        return func.value.value
    return None


def _formatted_values(ctx: FileContext, node: ast.expr) -> list[ast.expr]:
    """The values `%` formats into a pattern: a tuple's items, also of a tuple a name is
    bound to once (`group_and_project = (group_slug, slug)`, then `r"^(%s)/(%s)/$" %
    group_and_project`), else the one value."""
    if isinstance(node, ast.Name):
        bound = ctx.lookup(node)
        node = bound if isinstance(bound, ast.Tuple) else node
    return node.elts if isinstance(node, ast.Tuple) else [node]


def _imported_pieces(ctx: FileContext, node: ast.expr) -> tuple[tuple[str, str], ...]:
    """The pieces of a pattern built here (see `partial_pattern`) that name a value
    imported from another module, as `_piece` writes them, with its qualified name."""
    found: dict[str, str] = {}
    aliases = ctx.names.aliases
    pending: list[ast.AST] = [_untranslated(node)]
    followed: set[str] = set()
    while pending:
        current = pending.pop()
        if isinstance(current, ast.Name) and current.id not in aliases:
            bound = ctx.lookup(current) if current.id not in followed else None
            followed.add(current.id)
            pending.extend(() if bound is None else [bound])
        elif isinstance(current, ast.Name | ast.Attribute):
            qualified = ctx.qualified(current) or ""
            if _head(current) in aliases and not qualified.startswith(_SETTINGS + "."):
                found[ast.unparse(current)] = qualified
        elif isinstance(current, ast.BinOp | ast.Tuple | ast.JoinedStr | ast.FormattedValue):
            pending.extend(ast.iter_child_nodes(current))
        elif isinstance(current, ast.Call) and _format_template(current) is not None:
            pending.extend([*current.args, *(k.value for k in current.keywords)])
    return tuple(sorted(found.items()))


def _head(node: ast.expr) -> str:
    """The name an attribute chain starts from (`patterns` of `patterns.slug`)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def _added(ctx: FileContext, node: ast.expr, depth: int = 0) -> str:
    value = ctx.evaluate(node)
    if isinstance(value, str):
        return value
    return partial_pattern(ctx, node, depth) or _piece(ctx, node)


_NAME_DEPTH = 4
"""How many names bound to one another a pattern is followed through."""


def _untranslated(node: ast.expr) -> ast.expr:
    """The message a translation call is given (a route translated per language matches
    the message in the source language), else `node`."""
    if not isinstance(node, ast.Call):
        return node
    name = _short_name(node)
    position = 0 if name in _TRANSLATE else 1 if name in _TRANSLATE_IN_CONTEXT else None
    if position is None or len(node.args) <= position:
        return node
    return node.args[position]


def _piece(ctx: FileContext, node: ast.expr) -> str:
    if isinstance(node, ast.FormattedValue):
        node = node.value
    node = _untranslated(node)
    value = ctx.evaluate(node)
    if isinstance(value, str):
        return value
    if isinstance(node, ast.Attribute) and ctx.qualified_here(node.value) == _SETTINGS:
        # NOTE: one spelling whatever the import's alias, for routes to read the setting.
        return "{" + SETTING_PIECE + node.attr + "}"
    return listed_choice(ctx, node) or "{" + ast.unparse(node) + "}"


_SETTINGS = "django.conf.settings"
SETTING_PIECE = "settings."
"""How a pattern's piece read from a Django setting is written: `{settings.UUID_REGEX}`."""


fast_pickling(globals())
