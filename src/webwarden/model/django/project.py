"""The Django model of a project, built in the project step from per-file facts.

Which modules are Django settings modules: those named by a `DJANGO_SETTINGS_MODULE`
default (manage.py, wsgi.py, asgi.py), and settings-like modules that assign (or import
from a module that assigns) a setting only Django has (`INSTALLED_APPS`, `MIDDLEWARE`,
`ROOT_URLCONF`, `DATABASES`, ...), so a Flask `config.py` with a `SECRET_KEY` is not one.
The *judged* modules are the ends of the import chains (`dev.py`, `prod.py`, or the only
`settings.py`): `base.py` is judged through the modules that import it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from webwarden.findings import Location
from webwarden.model.django.extract_urls import UrlFacts
from webwarden.model.django.extract_views import ViewDef
from webwarden.model.django.facts import Branch, EntryFacts, Import, Op, SettingsFacts
from webwarden.model.django.routes import Route, RouteBuilder
from webwarden.model.django.settings import Resolver, Role, SettingsModule, role_of
from webwarden.model.django.values import shipped
from webwarden.model.django.views import View, ViewIndex
from webwarden.model.project import ModuleSummary

SETTINGS_FACTS = "django.settings"
ENTRY_FACTS = "django.entry"
URL_FACTS = "django.urls"
VIEW_FACTS = "django.views"


@dataclass(slots=True)
class DjangoProject:
    """Settings modules, entry points, routes and views of a Django project."""

    settings: dict[str, SettingsModule]
    """Every Django settings module by dotted name (resolved through its imports)."""
    judged: list[SettingsModule]
    """The settings modules rules judge: the ends of the import chains."""
    entry_points: list[tuple[str, Location]]
    """`DJANGO_SETTINGS_MODULE` defaults and where they are set."""
    routes: list[Route] = field(default_factory=list)
    views: dict[str, View] = field(default_factory=dict)
    """Every view of the project by qualified name (routed or not)."""
    roles: dict[str, Role] = field(default_factory=dict)
    """Role of every settings-like file, by relative path."""

    def role_of_path(self, relpath: str) -> Role:
        """The role of the settings file at `relpath` (unspecified if not one)."""
        return self.roles.get(relpath, Role.UNSPECIFIED)


def _imports(ops: Iterable[Op]) -> Iterable[str]:
    for op in ops:
        if isinstance(op, Import):
            yield op.module
        elif isinstance(op, Branch):
            yield from _imports(op.body)
            yield from _imports(op.orelse)


class _Finder:
    """Dotted names as written in the project -> module names webwarden gave its files."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = set(names)

    def __call__(self, dotted: str) -> str | None:
        if dotted in self.names:
            return dotted
        # NOTE: a project under src/ or a repo root above the package gives modules a
        # different prefix than the dotted names the code uses.
        matches = [n for n in self.names if n.endswith("." + dotted) or dotted.endswith("." + n)]
        return min(matches, key=len) if len(matches) == 1 else None


def build_django(modules: dict[str, ModuleSummary]) -> DjangoProject | None:
    """The Django model of a project, or None when nothing of it looks like Django."""
    settings_facts: dict[str, SettingsFacts] = {}
    relpaths: dict[str, str] = {}
    roles: dict[str, Role] = {}
    entries: list[tuple[str, Location]] = []
    urls: dict[str, UrlFacts] = {}
    views: dict[str, ViewDef] = {}
    for summary in modules.values():
        facts = summary.facts
        if isinstance(found := facts.get(SETTINGS_FACTS), SettingsFacts):
            settings_facts[summary.module] = found
            relpaths[summary.module] = summary.relpath
            roles[summary.relpath] = role_of(summary.module, summary.is_test)
        if isinstance(entry := facts.get(ENTRY_FACTS), EntryFacts):
            entries.extend(entry.settings_modules)
        if isinstance(url := facts.get(URL_FACTS), UrlFacts):
            urls[summary.module] = url
        if isinstance(defined := facts.get(VIEW_FACTS), tuple):
            views.update((v.qualified, v) for v in defined if isinstance(v, ViewDef))
    if not (settings_facts or urls or entries):
        return None
    find_settings = _Finder(settings_facts)
    resolver = Resolver(settings_facts, relpaths, find_settings)
    django_modules = _django_modules(settings_facts, find_settings, entries)
    settings = {
        name: SettingsModule(
            name,
            relpaths[name],
            roles[relpaths[name]],
            resolver.resolve(name),
            resolver.chain(name),
        )
        for name in sorted(django_modules)
    }
    named = {m for dotted, _ in entries if (m := find_settings(dotted)) is not None}
    imported = {
        target
        for name in django_modules
        for dotted in _imports(settings_facts[name].ops)
        if (target := find_settings(dotted)) is not None and target != name
    }
    judged = [s for name, s in settings.items() if name not in imported or name in named]
    index = ViewIndex(views)
    project = DjangoProject(settings, judged, entries, roles=roles)
    project.views = {name: view for name in views if (view := index.view(name)) is not None}
    project.routes = _routes(urls, index, judged)
    return project


def _django_modules(
    facts: dict[str, SettingsFacts],
    find: _Finder,
    entries: list[tuple[str, Location]],
) -> set[str]:
    strong: dict[str, bool] = {}

    def is_strong(name: str, stack: frozenset[str]) -> bool:
        if name not in strong:
            if name in stack:
                return False
            strong[name] = facts[name].strong or any(
                is_strong(target, stack | {name})
                for dotted in _imports(facts[name].ops)
                if (target := find(dotted)) is not None
            )
        return strong[name]

    found = {name for name in facts if is_strong(name, frozenset())}
    found |= {m for dotted, _ in entries if (m := find(dotted)) is not None}
    return found


def _routes(
    urls: dict[str, UrlFacts], index: ViewIndex, judged: list[SettingsModule]
) -> list[Route]:
    find = _Finder(urls)
    builder = RouteBuilder(urls, find, index)
    roots: list[str] = []
    for module in judged:
        for possibility in module.get("ROOT_URLCONF"):
            value = shipped(possibility.value)
            if isinstance(value, str) and value not in roots:
                roots.append(value)
    if not roots:
        roots = [
            name for name, facts in urls.items() if facts.has_patterns and _is_root(name, urls)
        ]
    routes: dict[tuple[str, str, int], Route] = {}
    for root in roots:
        for route in builder.routes(root):
            routes.setdefault((route.pattern, route.location.path, route.location.line), route)
    return list(routes.values())


def _is_root(name: str, urls: dict[str, UrlFacts]) -> bool:
    """A URLconf no other URLconf includes (used when no ROOT_URLCONF is known)."""
    short = name.rpartition(".")[2]
    return short == "urls" and not any(
        entry.include is not None
        and entry.include.module is not None
        and (entry.include.module == name or name.endswith("." + entry.include.module))
        for facts in urls.values()
        for entry in facts.entries
    )
