"""The route map: ROOT_URLCONF -> urlpatterns -> include chains and routers -> views.

Each `Route` has its full pattern (prefixes of the include chain joined), its URL
parameters with their converters (`int`, `slug`, `uuid`, `str`, `path`, a custom one, or
`regex` for `re_path` groups), and the view it leads to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from webwarden.analysis.character_classes import (
    EVERY_KIND,
    admits,
    inert_kinds,
    words_only_pattern,
)
from webwarden.findings import Location
from webwarden.model.django.app_configs import ConfigMap
from webwarden.model.django.extract_urls import (
    SETTING_PIECE,
    Include,
    Registration,
    UrlEntry,
    UrlFacts,
)
from webwarden.model.django.listed_choices import LISTED
from webwarden.model.django.views import View, ViewIndex

_PATH_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<regex>(?:[^()]|\([^()]*\))*)\)")
_MAX_DEPTH = 12
_SETTING = re.compile(r"\{" + re.escape(SETTING_PIECE) + r"(?P<name>[A-Z][A-Z0-9_]*)\}")
UNTAINTED_CONVERTERS = frozenset({"int", "slug", "uuid"})
"""Converters whose values cannot carry an injection payload."""


@dataclass(frozen=True, slots=True)
class UrlParameter:
    """A parameter of a route: `<int:pk>` is ("pk", "int")."""

    name: str
    converter: str
    regex: str = ""
    """The group's regular expression, for `re_path` parameters, or the pattern of the
    application's own converter (`model.converters`)."""

    @property
    def _matched(self) -> bool:
        return self.converter == "regex" or bool(self.regex)

    @property
    def listed(self) -> bool:
        """Whether the group matches one of the values the application lists and nothing
        else (`"|".join(abbreviations)`, see `listed_choices`): its own text."""
        return self._matched and bool(LISTED.fullmatch(self.regex))

    @property
    def tainted(self) -> bool:
        """Whether the value may be any text (str, path, or a permissive regex)."""
        if self.listed:
            return False
        if self._matched:
            return not words_only_pattern(self.regex)
        return self.converter not in UNTAINTED_CONVERTERS

    @property
    def one_segment(self) -> bool:
        r"""Whether the value holds no `/`: `str` (the default), or a group of one character
        class without it (`[^/]+`, `[\w.-]+`, DRF's default lookup `[^/.]+`)."""
        if self.listed:
            return True
        if self._matched:
            return not admits(self.regex, "/")
        return self.converter == "str"

    @property
    def plain_name(self) -> bool:
        """Whether the value holds neither `/` nor `.`: one name in a folder, never `..`
        (DRF's default lookup `[^/.]+`)."""
        return self.listed or (self._matched and not admits(self.regex, "/."))

    @property
    def inert_for(self) -> frozenset[str]:
        """The sink kinds the value cannot attack by the characters its pattern admits
        (`[\\w.+-]+`: HTML, headers, redirects; see `analysis.character_classes`)."""
        if self.listed:
            return EVERY_KIND
        return inert_kinds(self.regex) if self._matched else frozenset()


@dataclass(frozen=True, slots=True)
class Route:
    """One URL the project serves and the view behind it."""

    pattern: str
    parameters: tuple[UrlParameter, ...]
    view: View | None
    location: Location
    kind: str
    """`path`, `re_path`, `url` (regexes) or `router` (a DRF router route)."""
    name: str | None = None
    action: str = ""
    """For router routes: `list`, `detail`, or the `@action` name."""
    template_name: str | None = None
    """The template the URLconf hands the view (`as_view(template_name="about.html")`)."""
    debug_only: bool = False
    """Added to a URLconf (or included by an entry added) under `if settings.DEBUG:`:
    not served where the project is deployed (see `UrlEntry.debug_only`)."""

    @property
    def methods(self) -> tuple[str, ...] | None:
        """HTTP methods the route answers (None: any, or unknown)."""
        return None if self.view is None else self.view.methods

    @property
    def positional_names(self) -> tuple[str, ...]:
        """The view's names for the values its unnamed groups pass by position (`#0`,
        `#1`...): a function view's parameters after the request, in order."""
        if self.view is None:
            return ()
        count = sum(1 for p in self.parameters if p.name.startswith(POSITIONAL))
        return self.view.arguments[:count]


_VIEWSET_MIXIN = "rest_framework.viewsets.ViewSetMixin"


def _bound(view: View, methods: tuple[str, ...]) -> View:
    """The view `as_view({"get": "list"})` makes: it answers the mapped methods only, and
    its class is a DRF viewset whatever else is known of its bases (no other `as_view`
    takes an actions mapping; nautobot's viewsets come from a module that imports
    neither Django nor DRF)."""
    bases = view.bases if view.is_drf else (*view.bases, _VIEWSET_MIXIN)
    return replace(view, methods=methods, bases=bases)


def parameters(kind: str, pattern: str) -> tuple[UrlParameter, ...]:
    """The parameters of one pattern segment.

    A regex without named groups passes its groups to the view by position (Django's
    `RegexPattern.match`): each is a parameter named `#` (see `positional`).
    """
    if kind == "path":
        return tuple(
            UrlParameter(m["name"], m["converter"] or "str")
            for m in _PATH_PARAMETER.finditer(pattern)
        )
    named = tuple(
        UrlParameter(m["name"], "regex", m["regex"]) for m in _REGEX_GROUP.finditer(pattern)
    )
    return named or tuple(UrlParameter(POSITIONAL, "regex", regex) for regex in _groups(pattern))


POSITIONAL = "#"
"""The name of a URL parameter given to the view by position."""


def positional(params: tuple[UrlParameter, ...]) -> tuple[UrlParameter, ...]:
    """The parameters of a whole route as Django passes them: by position (named
    `#0`, `#1`...) only when no group of the route is named, else only the named ones."""
    if all(p.name == POSITIONAL for p in params if p.converter == "regex"):
        found = iter(range(len(params)))
        return tuple(
            UrlParameter(f"#{next(found)}", p.converter, p.regex) if p.name == POSITIONAL else p
            for p in params
        )
    return tuple(p for p in params if p.name != POSITIONAL)


def _groups(regex: str) -> list[str]:
    """The capturing groups of a regex (not `(?:...)`, `(?=...)`), in the order of their
    opening parentheses."""
    starts: list[int | None] = []
    found: list[tuple[int, str]] = []
    index, in_class = 0, False
    while index < len(regex):
        char = regex[index]
        if char == "\\":
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            starts.append(None if regex.startswith("?", index + 1) else index)
        elif char == ")" and starts:
            start = starts.pop()
            if start is not None:
                found.append((start, regex[start + 1 : index]))
        index += 1
    return [group for _, group in sorted(found)]


def _join(prefix: str, pattern: str) -> str:
    if prefix.endswith("$"):
        prefix = prefix[:-1]
    if prefix:
        pattern = pattern.removeprefix("^")
    return prefix + pattern


class RouteBuilder:
    """Walks URLconfs from the root, following includes and routers."""

    def __init__(
        self,
        urls: dict[str, UrlFacts],
        names: dict[str, str],
        find: Callable[[str, str], str | None],
        views: ViewIndex,
        setting: Callable[[str], str | None] = lambda name: None,
        converters: Mapping[str, str] | None = None,
        constant: Callable[[str], str | None] | None = None,
        configs: ConfigMap | None = None,
    ) -> None:
        """`setting`: the text a Django setting holds (None when unknown), for pattern
        pieces read from one (`r"^(?P<uuid>" + settings.UUID_REGEX + ")/$"`);
        `converters`: the pattern of each converter the application registers;
        `constant`: the text of a string constant a module of the project defines, by
        its qualified name, for pieces imported from there (`UrlEntry.imported`);
        `configs`: the app configs making routes (`app_configs`)."""
        self.urls = urls
        self.configs = configs
        self.walked: set[str] = set()
        """The app configs whose routes a walk has followed."""
        self.converters = converters or {}
        self.find = find
        self.views = views
        self.setting = setting
        self.constant = constant or (lambda ref: None)
        self.debug_flags: frozenset[str] = frozenset()
        """Settings set only as `DEBUG and ...`, or written off in every judged settings
        module (`UrlEntry.guards`; see `DjangoProject.debug_flags`)."""
        self.routers: dict[str, tuple[Registration, ...]] = {
            f"{names[relpath]}.{name}": registrations
            for relpath, facts in urls.items()
            for name, registrations in facts.routers
        }

    def routes(self, root: str, near: str = "") -> list[Route]:
        """Every route reachable from the URLconf module `root` (named from `near`)."""
        module = self.find(root, near)
        if module is None:
            return []
        return list(self._module(module, "", (), "", ()))

    def config_routes(self, qualified: str) -> list[Route]:
        """Every route the app config class makes, served at the root."""
        if self.configs is None:
            return []
        self.walked.add(qualified)
        space = self.configs.namespace(qualified) or ""
        return list(self._entries(self.configs.entries(qualified), "", (), space, (qualified,)))

    def _converted(self, params: tuple[UrlParameter, ...]) -> tuple[UrlParameter, ...]:
        """`params` with the pattern of each of the application's own converters (one
        registered under a built-in's name replaces it, as in Django; `regex` is this
        model's name for a `re_path` group)."""
        if not self.converters:
            return params
        return tuple(
            replace(p, regex=self.converters[p.converter])
            if p.converter in self.converters and p.converter != "regex"
            else p
            for p in params
        )

    def _filled(self, entry: UrlEntry) -> str:
        """The entry's pattern with each piece imported from a constant of known text
        replaced by it (`{slug_pattern}` by `[a-z0-9][a-z0-9_.-]*`)."""
        pattern = entry.pattern or ""
        for written, ref in entry.imported:
            text = self.constant(ref)
            if text is not None:
                pattern = pattern.replace("{" + written + "}", text)
        return pattern

    def _settled(self, pattern: str) -> str:
        """The pattern with each piece read from a setting of known text replaced by it."""
        if "{" + SETTING_PIECE not in pattern:
            return pattern

        def text(match: re.Match[str]) -> str:
            value = self.setting(match["name"])
            return match[0] if value is None else value

        return _SETTING.sub(text, pattern)

    def _module(
        self,
        module: str,
        prefix: str,
        params: tuple[UrlParameter, ...],
        namespace: str,
        seen: tuple[str, ...],
        wrapped: tuple[str, ...] = (),
    ) -> Iterator[Route]:
        if module in seen or len(seen) > _MAX_DEPTH:
            return
        facts = self.urls[module]
        space = namespace or (facts.app_name or "")
        yield from self._entries(facts.entries, prefix, params, space, (*seen, module), wrapped)

    def _entries(
        self,
        entries: tuple[UrlEntry, ...],
        prefix: str,
        params: tuple[UrlParameter, ...],
        namespace: str,
        seen: tuple[str, ...],
        wrapped: tuple[str, ...] = (),
    ) -> Iterator[Route]:
        """`wrapped`: the decorators an including URLconf applies to every view under it
        (`decorate_urlpatterns`), outermost first."""
        for entry in entries:
            routes = self._entry(entry, prefix, params, namespace, seen, wrapped)
            if entry.only_with_debug(self.debug_flags):
                routes = (replace(route, debug_only=True) for route in routes)
            yield from routes

    def _entry(
        self,
        entry: UrlEntry,
        prefix: str,
        params: tuple[UrlParameter, ...],
        namespace: str,
        seen: tuple[str, ...],
        wrapped: tuple[str, ...] = (),
    ) -> Iterator[Route]:
        pattern = _join(prefix, entry.pattern or "")
        wrapped = (*wrapped, *entry.wrappers)
        here = params + self._converted(
            parameters(
                "path" if entry.kind == "path" else "regex",
                self._settled(self._filled(entry)),
            )
        )
        if entry.include is not None:
            yield from self._include(entry.include, pattern, here, namespace, seen, wrapped)
        elif entry.view is not None:
            helped = self.views.applied_by(entry.view.helper)
            view = self.views.view(entry.view.target, (*wrapped, *helped, *entry.view.wrappers))
            if view is not None and entry.view.methods is not None:
                view = _bound(view, entry.view.methods)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Route(
                pattern,
                positional(here),
                view,
                entry.location,
                entry.kind,
                name,
                template_name=entry.view.template_name,
            )

    def _include(
        self,
        include: Include,
        prefix: str,
        params: tuple[UrlParameter, ...],
        namespace: str,
        seen: tuple[str, ...],
        wrapped: tuple[str, ...] = (),
    ) -> Iterator[Route]:
        space = include.namespace or namespace
        if include.entries is not None:
            yield from self._entries(include.entries, prefix, params, space, seen, wrapped)
        elif include.router is not None:
            yield from self._router(include.router, prefix, params, wrapped)
        elif include.config is not None and self.configs is not None:
            config = self.configs.by_label(include.config)
            if config is None or config in seen or len(seen) > _MAX_DEPTH:
                return
            self.walked.add(config)
            space = include.namespace or self.configs.namespace(config) or ""
            entries = self.configs.entries(config)
            yield from self._entries(entries, prefix, params, space, (*seen, config), wrapped)
        elif include.module is not None or include.external is not None:
            near = seen[-1] if seen else ""
            dotted, listed = include.module or include.external or "", include.listed
            if listed is None:
                dotted, listed = self._located(dotted, near)
            if include.module is None and listed is None:
                return  # NOTE: an object's `urls` (`admin.site.urls`), no URLconf's list
            module = self.find(dotted, near)
            if module is None or module in seen:
                return
            if listed is None:
                yield from self._module(
                    module, prefix, params, include.namespace or "", seen, wrapped
                )
            else:
                entries = dict(self.urls[module].lists).get(listed, ())
                yield from self._entries(entries, prefix, params, space, (*seen, module), wrapped)

    def _located(self, dotted: str, near: str) -> tuple[str, str | None]:
        """The module and list an include's dotted name stands for: a list of routes of
        another URLconf, `include((api_urls.v3_urls, "api"))` or `include(urls_v3)` after
        `from shop.urls import urls_v3` (also one named `urls`, `include((shop_urls.urls,
        "shop"))`, read as an object's `urls` in the module), or its `urlpatterns`; else
        the module it names."""
        module, _, name = dotted.rpartition(".")
        found = self.find(module, near) if module else None
        if found is not None and name == "urlpatterns":
            return module, None
        if found is not None and name in dict(self.urls[found].lists):
            return module, name
        return dotted, None

    def _router(
        self,
        router: str,
        prefix: str,
        params: tuple[UrlParameter, ...],
        wrapped: tuple[str, ...] = (),
    ) -> Iterator[Route]:
        for registration in self.routers.get(router, ()):
            base = _join(prefix, (registration.prefix or "").strip("^/"))
            view = self.views.view(registration.viewset, wrapped)
            detail = UrlParameter("pk", "regex", "[^/.]+")
            definition = self.views.definitions.get(registration.viewset or "")
            if definition is not None:
                lookup = definition.attribute("lookup_url_kwarg")
                field = definition.attribute("lookup_field")
                name = (
                    lookup if isinstance(lookup, str) else field if isinstance(field, str) else "pk"
                )
                regex = definition.attribute("lookup_value_regex")
                detail = UrlParameter(name, "regex", regex if isinstance(regex, str) else "[^/.]+")
            yield Route(
                f"{base}/", positional(params), view, registration.location, "router", action="list"
            )
            yield Route(
                f"{base}/<{detail.name}>/",
                positional((*params, detail)),
                view,
                registration.location,
                "router",
                action="detail",
            )
            if view is not None:
                yield from self._actions(view, base, params, detail, registration.location)

    def _actions(
        self,
        view: View,
        base: str,
        params: tuple[UrlParameter, ...],
        detail: UrlParameter,
        location: Location,
    ) -> Iterator[Route]:
        """The routes of a viewset's extra actions: `base/<lookup>/url_path/` for a detail
        action, `base/url_path/` for one on the list."""
        for action, routed in self.views.actions(view):
            path = action.url_path.strip("^$/")
            own = (*params, detail) if action.detail else params
            pattern = f"{base}/<{detail.name}>/{path}/" if action.detail else f"{base}/{path}/"
            found = positional((*own, *parameters("regex", path)))
            yield Route(pattern, found, routed, location, "router", action=action.name)
