"""The Django model of a project, built in the project step from per-file facts.

Which modules are Django settings modules: those named by a `DJANGO_SETTINGS_MODULE`
default (manage.py, wsgi.py, asgi.py), and settings-like modules that assign (or import
from a module that assigns) a setting only Django has (`INSTALLED_APPS`, `MIDDLEWARE`,
`ROOT_URLCONF`, `DATABASES`, ...), so a Flask `config.py` with a `SECRET_KEY` is not one.
The *judged* modules are the ends of the import chains (`dev.py`, `prod.py`, or the only
`settings.py`), those named by an entry point, and those whose name gives a role (a
`prod.py` that `local.py` imports): `base.py` is judged through the modules importing it,
and on its own when only development and test modules (`dev.py`, `test.py`) import it.
A module an entry point names that a production module is built on is judged through
that one, as a `base.py` is (see `defaults_under_production`); one that only `manage.py`
names, when `wsgi.py` names another, is the developer's (see `manage_default`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import partial

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import DeployTime
from webwarden.findings import Location
from webwarden.model.converters import CONVERTER_FACTS, ConverterFacts, registered_patterns
from webwarden.model.django.admin_urls import ADMIN_URL_FACTS, AdminUrl, AdminUrlFacts
from webwarden.model.django.app_configs import (
    APP_CONFIG_BASES,
    APP_CONFIG_FACTS,
    ConfigFacts,
    ConfigMap,
)
from webwarden.model.django.auth_backends import library_passwordless
from webwarden.model.django.caller_checks import LIBRARY_VERIFIERS
from webwarden.model.django.configurations import is_configuration
from webwarden.model.django.configure_call import CONFIGURE_FACTS, ConfigureFacts, apply_configure
from webwarden.model.django.debug_flags import debug_flags
from webwarden.model.django.defaults import (
    DROP_IN_MIDDLEWARE,
    LIBRARY_FRAME_GUARDS,
    NAMESAKE_MIDDLEWARE,
)
from webwarden.model.django.dynaconf import merged_over_other_settings
from webwarden.model.django.extract_urls import UrlEntry, UrlFacts
from webwarden.model.django.extract_views import ViewDef
from webwarden.model.django.facts import (
    Assign,
    Branch,
    EntryFacts,
    Import,
    Op,
    SettingsFacts,
)
from webwarden.model.django.host_urlconfs import HOSTCONF_FACTS, HostConf, host_urlconfs
from webwarden.model.django.inherited_roles import (
    configuration_role,
    defaults_under_production,
    inherit_roles,
    local_ancestors,
    renamed,
)
from webwarden.model.django.manage_default import run_by_manage_only
from webwarden.model.django.middleware_gates import served_under
from webwarden.model.django.old_middleware import middleware_read
from webwarden.model.django.pattern_constants import pattern_constant
from webwarden.model.django.routes import Route, RouteBuilder
from webwarden.model.django.runtime_settings import (
    RUNTIME_SETTINGS_FACTS,
    RuntimeSettingsFacts,
    runtime_settings,
)
from webwarden.model.django.setting_gates import switched_off_settings
from webwarden.model.django.settings import Resolver, SettingsModule, imported_settings
from webwarden.model.django.split_settings import includers
from webwarden.model.django.values import shipped
from webwarden.model.django.views import Definitions, View, ViewIndex, Views
from webwarden.model.imported import Constants, Modules, resolve_imported
from webwarden.model.module import identifier_words
from webwarden.model.project import ModuleSummary
from webwarden.model.roles import Role, role_of

SETTINGS_FACTS = "django.settings"
ENTRY_FACTS = "django.entry"
URL_FACTS = "django.urls"
VIEW_FACTS = "django.views"


@dataclass(slots=True)
class DjangoProject:
    """Settings modules, entry points, routes and views of a Django project."""

    settings: dict[str, SettingsModule]
    """Every Django settings module by relative path (resolved through its imports)."""
    judged: list[SettingsModule]
    """The settings modules rules judge: the ends of the import chains."""
    entry_points: list[tuple[str, Location]]
    """`DJANGO_SETTINGS_MODULE` defaults and where they are set."""
    routes: list[Route] = field(default_factory=list)
    views: Mapping[str, View] = field(default_factory=dict)
    """Every view of the project by qualified name (routed or not)."""
    roles: dict[str, Role] = field(default_factory=dict)
    """Role of every settings-like file, by relative path."""
    credential_paths: tuple[str, ...] = ()
    """Path prefixes (`api/`) under which a middleware every judged settings module lists
    refuses first each request without a header credential (`middleware_gates`)."""
    login_paths: tuple[str, ...] = ()
    """Path prefixes (`api/admin/`) under which a middleware every judged settings module
    lists turns away each anonymous request before its view runs (`path_logins`)."""

    login_middleware: bool = False
    """Some settings module lists a middleware of the project that turns away every
    anonymous request before its view runs (`login_gates`)."""
    switched_login_middleware: frozenset[str] = frozenset()
    """Entries of `MIDDLEWARE` naming a middleware of the project that tests for the
    anonymous only under a switch read at run time (`login_gates.switched_anonymous_test`):
    whatever its name, it requires no login while the switch is off."""
    proxy_login: bool = False
    """Every judged settings module lists a middleware of the project that refuses each
    request without the header a sign-on proxy in front sets (`login_gates`): the
    project's own logins are reached only by users the proxy logged in."""
    admin_urls: list[AdminUrl] = field(default_factory=list)
    """The views admin classes of the project add by overriding `get_urls()`, outside
    test code (`admin_urls`): routes under `admin.site.urls`, which `routes` lacks."""

    debug_flags: frozenset[str] = frozenset()
    """Settings every judged settings module sets only as `DEBUG` or `DEBUG and ...`
    (`USE_SILK = DEBUG and HAS_SILK`; see `debug_flags`), and those every judged one
    ships off (`SERVE_MEDIA = False`; see `switched_off_settings`): what is added under
    either is not served where the project is deployed as shipped."""

    def debug_only(self, entry: UrlEntry) -> bool:
        """Whether a URLconf entry is added only with `DEBUG` on: under `if
        settings.DEBUG:`, or under a test of a setting that is on only when it is, or
        that ships off."""
        return entry.only_with_debug(self.debug_flags)

    def debug_only_view(self, path: str, line: int) -> str:
        """The name of the view whose body holds this line when every route to it is
        added only with `DEBUG` on (`Route.debug_only`: `if settings.DEBUG: urlpatterns +=
        debug_urls.urlpatterns`); else "". A class defined beside it, or a view also
        routed without that test, is served where the project is deployed."""
        debug_only: dict[str, bool] = {}
        for route in self.routes:
            view = route.view
            where = view.location if view is not None else None
            if view is None or where is None or where.path != path:
                continue
            if where.line <= line <= where.last_line:
                debug_only[view.target] = debug_only.get(view.target, True) and route.debug_only
        return next((target.rpartition(".")[2] for target, only in debug_only.items() if only), "")

    def served_with_credential(self, route: Route) -> bool:
        """Whether every request to the route must prove a header credential first."""
        return any(served_under(route.pattern or "", p) for p in self.credential_paths)

    def served_with_login(self, route: Route) -> bool:
        """Whether a middleware turns away every anonymous request to the route first."""
        return any(served_under(route.pattern or "", p) for p in self.login_paths)

    def setting_values(self, name: str) -> tuple[object, ...] | None:
        """Every value `name` may have in the judged settings modules, whatever branch is
        taken (Django's default where a module leaves it unset); None when there is no
        judged module, or when a value is decided at deploy time or cannot be read."""
        values = tuple(p.value for settings in self.judged for p in settings.get(name))
        if not values or any(isinstance(v, DeployTime) or v is UNKNOWN for v in values):
            return None
        return values

    def role_of_path(self, relpath: str) -> Role:
        """The role of the settings file at `relpath` (unspecified if not one)."""
        return self.roles.get(relpath, Role.UNSPECIFIED)


def _required(
    facts: Mapping[str, SettingsFacts], chain: Iterable[str], resolver: Resolver
) -> frozenset[str]:
    """The variables the modules of a settings chain require (`SettingsFacts.required`,
    and the calls of imported readers that need their variable)."""
    found: set[str] = set()
    for relpath in chain:
        module = facts.get(relpath)
        if module is None:
            continue
        found.update(module.required)
        for call in module.required_calls:
            value = resolve_imported(call, resolver.constants, resolver.modules)
            if isinstance(value, DeployTime):
                found.update(value.required_variables)
    return frozenset(found)


def _module_imports(facts: SettingsFacts) -> Iterable[str]:
    """The modules a settings module imports from, its classes' bases included."""
    yield from _imports(facts.ops)
    for _, ops in facts.classes:
        yield from _imports(ops)


def _imports(ops: Iterable[Op]) -> Iterable[str]:
    for op in ops:
        if isinstance(op, Import):
            yield op.module
        elif isinstance(op, Branch):
            yield from _imports(op.body)
            yield from _imports(op.orelse)


class Finder:
    """Dotted names as written in the code -> relpaths of the project's modules.

    When several modules have the name (each example project of a tree has its own
    `mysite.settings`), the one closest to the file that names it wins.
    """

    def __init__(self, modules: dict[str, str]) -> None:
        self.by_name: dict[str, list[str]] = {}
        for relpath, name in modules.items():
            self.by_name.setdefault(name, []).append(relpath)

    def __call__(self, dotted: str, near: str = "") -> str | None:
        """The relpath of the module `dotted` names, seen from the file at `near`."""
        candidates = self.by_name.get(dotted)
        if candidates is None:
            # NOTE: a project under src/, or scanned from inside its package, gives
            # modules another prefix than the dotted names the code uses.
            candidates = [
                relpath
                for name, relpaths in self.by_name.items()
                if name.endswith("." + dotted) or dotted.endswith("." + name)
                for relpath in relpaths
                if name.endswith("." + dotted) or _reaches(relpath, name, dotted)
            ]
        if not candidates:
            return None
        return max(candidates, key=lambda relpath: (_shared(relpath, near), -len(relpath)))


def _reaches(relpath: str, name: str, dotted: str) -> bool:
    """Whether the module at `relpath`, named `name`, may be the one `dotted` (longer)
    names: its folders spell the rest of `dotted` (`backend/config/settings.py`, named
    `config.settings` where `backend` is no package, for `backend.config.settings`), or
    its name spells its whole path, the rest lying above the folder scanned. Not a
    module of a folder the name leaves out that spells something else (`docker/local.py`,
    named `local`, for `mysite.settings.local`): another module of the same last name."""
    path = relpath.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    return path in (name, dotted) or path.endswith("." + dotted)


def _called_entries(facts: Mapping[str, EntryFacts]) -> Iterator[tuple[str, Location]]:
    """The settings module each function of the project an entry file calls sets
    DJANGO_SETTINGS_MODULE to (`setup_env()` in `manage.py` and `wsgi.py`), where it is
    called: the default of the process the entry file starts."""
    setters: dict[str, list[str]] = {}
    for module, entry in facts.items():
        for function, dotted in entry.setters:
            setters.setdefault(f"{module}.{function}", []).append(dotted)
    for entry in facts.values():
        for name, where in entry.calls:
            yield from ((dotted, where) for dotted in setters.get(name, ()))


def _shared(first: str, second: str) -> int:
    count = 0
    for a, b in zip(first.split("/")[:-1], second.split("/")[:-1], strict=False):
        if a != b:
            break
        count += 1
    return count


def build_django(
    modules: dict[str, ModuleSummary],
    constants: Constants | None = None,
    parsed: Modules | None = None,
    built: Callable[[Collection[str]], frozenset[str]] | None = None,
) -> DjangoProject | None:
    """The Django model of a project, or None when nothing of it looks like Django.

    `constants`: the constants of the project's modules, read for settings that import
    one (none are read without it); `parsed`: the project's modules, whose functions
    settings may call (`DEBUG = get_env_bool("DEBUG", False)`); `built`: which of the
    settings modules it is given the project's scripts load only to build files
    (`build_commands`)."""
    settings_facts: dict[str, SettingsFacts] = {}
    names: dict[str, str] = {}
    roles: dict[str, Role] = {}
    entries: list[tuple[str, Location]] = []
    selected: set[str] = set()
    urls: dict[str, UrlFacts] = {}
    url_names: dict[str, str] = {}
    hostconfs: dict[str, HostConf] = {}
    hostconf_names: dict[str, str] = {}
    views: list[tuple[str, Callable[[], object]]] = []
    admin_urls: list[AdminUrl] = []
    configs: list[ConfigFacts] = []
    configured: list[tuple[str, ModuleSummary, ConfigureFacts]] = []
    entry_facts: dict[str, EntryFacts] = {}
    stores: list[RuntimeSettingsFacts] = []
    for relpath, summary in modules.items():
        facts = summary.facts
        if not summary.is_test and isinstance(
            runtime := facts.get(RUNTIME_SETTINGS_FACTS), RuntimeSettingsFacts
        ):
            stores.append(runtime)
        if not summary.is_test and isinstance(given := facts.get(CONFIGURE_FACTS), ConfigureFacts):
            configured.append((relpath, summary, given))
        if isinstance(found := facts.get(SETTINGS_FACTS), SettingsFacts):
            settings_facts[relpath] = found
            names[relpath] = summary.module
            roles[relpath] = role_of(summary.module, summary.is_test, relpath)
            if roles[relpath] is Role.UNSPECIFIED:
                roles[relpath] = found.described
        if isinstance(entry := facts.get(ENTRY_FACTS), EntryFacts):
            entries.extend(entry.settings_modules)
            selected.update(entry.configurations)
            entry_facts[summary.module] = entry
        if isinstance(url := facts.get(URL_FACTS), UrlFacts):
            urls[relpath] = url
            url_names[relpath] = summary.module
        if isinstance(hostconf := facts.get(HOSTCONF_FACTS), HostConf):
            hostconfs[relpath] = hostconf
            hostconf_names[relpath] = summary.module
        if not summary.is_test and isinstance(found_configs := facts.get(APP_CONFIG_FACTS), tuple):
            configs.extend(c for c in found_configs if isinstance(c, ConfigFacts))
        if not summary.is_test and isinstance(added := facts.get(ADMIN_URL_FACTS), AdminUrlFacts):
            admin_urls.extend(added.urls)
        if VIEW_FACTS in facts:
            # NOTE: read when a route leads to the module (see `Definitions`).
            views.append((summary.module, partial(facts.get, VIEW_FACTS)))
    entries.extend(_called_entries(entry_facts))
    if not (settings_facts or urls or entries):
        return None
    if _another_framework(modules) and not any(map(_names_django, settings_facts.values())):
        return None
    find = Finder(names)
    own_roles, roles = roles, inherit_roles(roles, settings_facts, find)
    if built is not None:
        _mark_built(roles, own_roles, names, built, {m for m, _ in entries})
    resolver = Resolver(settings_facts, find, files=frozenset(modules))
    if constants is not None:
        resolver.constants = constants
    resolver.modules = parsed
    named = {m for dotted, where in entries if (m := find(dotted, where.path)) is not None}
    included = includers(settings_facts)
    django_modules = _django_modules(settings_facts, find, included, named) | named
    set_at_runtime = runtime_settings(stores)
    settings = {
        relpath: SettingsModule(
            names[relpath],
            relpath,
            roles[relpath],
            resolver.resolve(relpath),
            resolver.chain(relpath),
            required=_required(settings_facts, resolver.chain(relpath), resolver),
            set_at_runtime=set_at_runtime,
        )
        for relpath in sorted(django_modules)
    }
    given_to: dict[str, list[ConfigureFacts]] = {}
    for relpath, summary, given in configured:
        for dotted in set(summary.imports.values()):
            if (target := find(dotted, relpath)) in settings and target != relpath:
                given_to.setdefault(target, []).append(given)
    for target, given_list in sorted(given_to.items()):
        apply_configure(settings[target], given_list)
    for relpath, module in settings.items():
        if roles[relpath] is not own_roles[relpath] and not _keeps_debug_on(module):
            module.role = roles[relpath] = own_roles[relpath]
    for relpath in run_by_manage_only(entries, find, settings):
        settings[relpath].role = roles[relpath] = Role.DEVELOPMENT
    for relpath, module in settings.items():
        # NOTE: not in a module named as DJANGO_SETTINGS_MODULE: Django loads it alone.
        borrowed = frozenset() if relpath in named else _borrowed(settings_facts[relpath].ops)
        if _partial(module, resolver, borrowed):
            module.complete = False
            module.laid_over = _laid_over(module, resolver)
    importers: dict[str, set[str]] = {}
    for fragment, including in included.items():
        importers.setdefault(fragment, set()).update(including)
    for relpath in django_modules:
        for dotted in _module_imports(settings_facts[relpath]):
            target = imported_settings(find, dotted, relpath)
            if target is not None and target != relpath:
                importers.setdefault(target, set()).add(relpath)
    # NOTE: `prod.py` stays judged even when `local.py` imports it; `base.py` does not,
    # unless only development and test modules import it: then it is what production runs.
    # A file `include()` runs is a fragment of its includer's namespace, never run alone.
    run_by_default = named - defaults_under_production(named, roles, settings_facts, find)
    judged = [
        s
        for relpath, s in settings.items()
        if relpath in run_by_default
        or (
            relpath not in included
            and (
                relpath not in importers
                or role_of(s.module, is_test=False, relpath=relpath) is not Role.UNSPECIFIED
                or _production_by_elimination(s, [settings[i] for i in importers[relpath]])
            )
        )
    ]
    if _runs_absent_module(entries, find):
        for module in judged:
            shared = module.relpath in importers or _named_as_shared(module)
            if shared and module.relpath not in named:
                named_role = role_of(module.module, is_test=False, relpath=module.relpath)
                module.complete = module.complete and named_role is not Role.UNSPECIFIED
    judged = [c for s in judged for c in _configured(s, settings_facts, find, resolver, selected)]
    imports = {summary.module: summary.imports for summary in modules.values()}
    index = ViewIndex(Definitions(views, imports), _library_verifiers(judged))
    for module in {id(m): m for m in [*settings.values(), *judged]}.values():
        if (read := middleware_read(module.values)) is not None:
            # NOTE: Django before 1.10 reads its middleware from `MIDDLEWARE_CLASSES`
            # (openREM 0.10), also in the branch for such releases of a module setting
            # either list by the release installed.
            module.values["MIDDLEWARE"] = read
        _add_django_middleware(module, index)
        module.header_logins = _header_logins(module, index)
        module.frame_guards = _frame_guards(module, index)
        module.passwordless_backends = _passwordless_backends(module, index)
    project = DjangoProject(settings, judged, entries, roles=roles)
    project.credential_paths = _credential_paths(judged, index)
    project.login_paths = _login_paths(judged, index)
    project.login_middleware = _lists_login_gate(settings.values(), index)
    project.switched_login_middleware = frozenset(
        entry
        for module in settings.values()
        for entry in _middleware_entries(module)
        if _ancestry_has(entry, index, lambda definition: definition.switched_login)
    )
    project.proxy_login = bool(judged) and all(
        any(
            _ancestry_has(entry, index, lambda definition: definition.proxy_login)
            for entry in _middleware_entries(module)
        )
        for module in judged
    )
    project.views = Views(index)
    converters = registered_patterns(
        (
            found
            for s in modules.values()
            if isinstance(found := s.facts.get(CONVERTER_FACTS), ConverterFacts)
        ),
        "django",
    )
    constant = partial(pattern_constant, parsed) if parsed is not None else None
    config_map = ConfigMap(
        configs,
        partial(_loaded, Finder({r: s.module for r, s in modules.items()}), modules),
        partial(_derives_from, index, APP_CONFIG_BASES),
    )
    project.debug_flags = debug_flags(judged, settings_facts.values()) | switched_off_settings(
        judged
    )
    per_host = partial(host_urlconfs, hostconfs=hostconfs, find=Finder(hostconf_names))
    project.routes = _routes(
        urls,
        url_names,
        index,
        judged,
        converters,
        constant,
        config_map,
        project.debug_flags,
        per_host,
    )
    project.admin_urls = admin_urls
    return project


def _mark_built(
    roles: dict[str, Role],
    own_roles: dict[str, Role],
    names: dict[str, str],
    built: Callable[[Collection[str]], frozenset[str]],
    entry_points: set[str],
) -> None:
    """Give the test role (as to a `build.py`'s) to each settings module whose name
    says nothing, that no entry point names by default, and that the project's scripts
    load only to build files (`DJANGO_SETTINGS_MODULE=site.settings.static python
    manage.py collectstatic` in a Dockerfile)."""
    candidates = {
        relpath: module
        for relpath, module in names.items()
        if roles[relpath] is Role.UNSPECIFIED and module not in entry_points
    }
    found = built(set(candidates.values())) if candidates else frozenset()
    for relpath, module in candidates.items():
        if module in found:
            roles[relpath] = own_roles[relpath] = Role.TEST


def _library_verifiers(judged: list[SettingsModule]) -> frozenset[str]:
    """The library decorators checking a provider's signature whose check no judged
    settings module switches off (`DJANGO_TWILIO_FORGERY_PROTECTION = False`)."""
    return frozenset(
        decorator
        for decorator, switch in LIBRARY_VERIFIERS.items()
        if not any(p.shipped is False for module in judged for p in module.get(switch))
    )


def _configured(
    module: SettingsModule,
    facts: dict[str, SettingsFacts],
    find: Finder,
    resolver: Resolver,
    selected: Collection[str] = (),
) -> list[SettingsModule]:
    """The settings modules a judged module stands for: itself, or each of its
    django-configurations classes that some deployment runs (named by its class, a
    development one by `Dev`, a test one by the test configuration it derives from,
    `ContinuousIntegration(Test)`; the module's own name decides otherwise): each that no
    other class derives from, and each an entry point `selected` by name, though others
    derive from it (`wsgi.py` setting `DJANGO_CONFIGURATION` to `Production`, which
    `ProductionReadOnly` extends). One that only renames another of its kind (`class
    Staging(Production): pass`) is judged as that one (see `renamed`)."""
    classes = {c.name: c for c in facts[module.relpath].configurations}
    leaves = list(
        dict.fromkeys(
            renamed(module.module, classes, c.name)
            for c in facts[module.relpath].configurations
            if (c.leaf or c.name in selected)
            and is_configuration(facts, find, module.relpath, c.name)
        )
    )
    if not leaves:
        return [module]
    found = []
    for name in leaves:
        where = classes[name].location
        values, chain = resolver.resolve_class(module.relpath, name)
        role, inherited = configuration_role(module.module, classes, name)
        configured = SettingsModule(
            module.module,
            module.relpath,
            role if role is not Role.UNSPECIFIED else module.role,
            values,
            chain,
            configuration=name,
            anchor=where,
            derives_from=local_ancestors(classes, name),
            required=_required(facts, chain, resolver),
        )
        if inherited and not _keeps_debug_on(configured):
            configured.role = module.role
        configured.complete = not _partial(configured, resolver)
        found.append(configured)
    return found


def _partial(
    module: SettingsModule, resolver: Resolver, borrowed: frozenset[str] = frozenset()
) -> bool:
    """Whether settings may be set that the module does not show: its chain star-imports
    a module the tree lacks, it sets none of the settings a site needs but those it
    `borrowed` from the module it imports, or it is a part laid over other settings."""
    return (
        module.relpath in resolver.incomplete
        or not any(module.is_set(name) and name not in borrowed for name in _SITE_SETTINGS)
        or merged_over_other_settings(module.values)
    )


def _laid_over(module: SettingsModule, resolver: Resolver) -> bool:
    """Whether a partial module is only a part laid over other settings: it reads no other
    module (nor one the tree lacks) and sets none of the settings a site needs."""
    return (
        module.chain == (module.relpath,)
        and module.relpath not in resolver.incomplete
        and not any(module.is_set(name) for name in _SITE_SETTINGS)
    )


def _keeps_debug_on(module: SettingsModule) -> bool:
    """Whether a module built on a development one (see `inherit_roles`) keeps `DEBUG` on
    as that one has it: the same machine's set-up run another way (djangoproject.com's
    `settings/docker.py` for Docker Compose). One turning `DEBUG` off, or reading it from
    the environment, may be what a deployment runs, and keeps its own role. A test
    module's variant is one whatever its `DEBUG` (Django's test runner turns it off)."""
    if module.role is not Role.DEVELOPMENT:
        return True
    debug = module.values.get("DEBUG", ())
    return bool(debug) and all(p.value is True for p in debug)


def _production_by_elimination(module: SettingsModule, importers: list[SettingsModule]) -> bool:
    """A `base.py` that only `dev.py` and `test.py` import: production runs it as it is
    (Baby Buddy deploys `settings.base`), so it is judged on its own. Not a
    `settings_example.py`, which production copies and edits (Weblate's), nor a module
    without `ROOT_URLCONF`, which serves no page as it is: the defaults a reusable app
    ships for a project's settings to import (Misago's `misago.settings`, whose only
    importers are its development project's)."""
    if module.role.is_development or _EXAMPLE & set(identifier_words(module.module)):
        return False
    if not module.is_set("ROOT_URLCONF"):
        return False
    return all(importer.role.is_development for importer in importers)


_EXAMPLE = frozenset({"example", "examples", "sample", "template", "dist"})
_SHARED = frozenset({"common", "base", "shared", "defaults"})


def _named_as_shared(module: SettingsModule) -> bool:
    """A module named as the part other settings modules share (`settings_common.py`,
    `settings/base.py`): when the module an entry point runs is absent, that one is
    written from a template at deploy time (`settings.py.prod`, copied to
    `settings.py`), which imports this one and may set what it leaves out, though no
    module of the tree imports it."""
    return bool(_SHARED & set(identifier_words(module.module.rpartition(".")[2])))


def _runs_absent_module(entries: list[tuple[str, Location]], find: Finder) -> bool:
    """Whether an entry point runs a settings module the tree lacks, named for no
    development or test use (`wsgi.py` setting `DJANGO_SETTINGS_MODULE` to `site_conf`,
    which an install script or the Dockerfile writes from a template): production runs
    that module, built on the base that only development modules import here, so the
    base may leave out what it sets."""
    return any(
        find(dotted, where.path) is None and not role_of(dotted).is_development
        for dotted, where in entries
    )


def _add_django_middleware(module: SettingsModule, index: ViewIndex) -> None:
    """Add to `MIDDLEWARE` the Django middleware that the project's own entries derive from
    (`class CsrfViewMiddleware(django.middleware.csrf.CsrfViewMiddleware)`), or that a
    package's entry stands in for (`DROP_IN_MIDDLEWARE`, or a class of a package outside
    the tree named as Django's: `NAMESAKE_MIDDLEWARE`), so that the rules asking for
    Django's see it; a project class merely named as Django's is not one."""
    found = module.values.get("MIDDLEWARE")
    if not found:
        return
    expanded = []
    for possibility in found:
        value = possibility.value
        if isinstance(value, list | tuple):
            bases = {
                base: entry
                for entry in value
                if isinstance(entry, str) and not entry.startswith("django.")
                for base in index.ancestry(entry)[1:]
                if isinstance(base, str)
                and base.startswith("django.")
                and base.endswith("Middleware")
                and base not in value
            }
            bases.update(
                (DROP_IN_MIDDLEWARE[entry], entry)
                for entry in value
                if isinstance(entry, str)
                and entry in DROP_IN_MIDDLEWARE
                and DROP_IN_MIDDLEWARE[entry] not in value
            )
            bases.update(
                (namesake, entry)
                for entry in value
                if isinstance(entry, str)
                and (namesake := _package_namesake(entry, index))
                and namesake not in value
                and namesake not in bases
            )
            if bases:
                module.subclassed.update(bases)
                possibility = replace(possibility, value=type(value)([*value, *bases]))
        expanded.append(possibility)
    module.values["MIDDLEWARE"] = tuple(expanded)


def _package_namesake(entry: str, index: ViewIndex) -> str | None:
    """The Django middleware a class of a package outside the tree stands in for, named
    as it is (`NAMESAKE_MIDDLEWARE`); None for Django's own, a drop-in, or a class the
    tree defines (judged by its bases instead)."""
    if entry.startswith("django.") or entry in DROP_IN_MIDDLEWARE or "." not in entry:
        return None
    module = entry.rpartition(".")[0]
    held = isinstance(index.definitions, Definitions) and index.definitions.holds_module(module)
    if held or index.ancestry(entry) != [entry]:
        return None
    return NAMESAKE_MIDDLEWARE.get(entry.rpartition(".")[2])


def _header_logins(module: SettingsModule, index: ViewIndex) -> frozenset[str]:
    """The `MIDDLEWARE` entries of `module` that are project classes logging the request in
    from a header alone, none of their ancestors Django's own (a subclass of
    `AuthenticationMiddleware` keeps its session login)."""
    found: set[str] = set()
    for possibility in module.values.get("MIDDLEWARE") or ():
        value = possibility.value
        for entry in value if isinstance(value, list | tuple) else ():
            ancestry = index.ancestry(entry) if isinstance(entry, str) else []
            first = ancestry[0] if ancestry else None
            if (
                isinstance(entry, str)
                and isinstance(first, ViewDef)
                and first.header_login
                and not any(isinstance(a, str) and a.startswith(_DJANGO_LOGINS) for a in ancestry)
            ):
                found.add(entry)
    return frozenset(found)


_DJANGO_LOGINS = ("django.contrib.auth.", "django.contrib.sessions.")


def _passwordless_backends(module: SettingsModule, index: ViewIndex) -> bool:
    """Whether every possible value of the module's `AUTHENTICATION_BACKENDS`, written in
    its settings, lists backends none of which checks a password: Django's
    `RemoteUserBackend`s, an identity provider's (`auth_backends.LIBRARY_PASSWORDLESS`),
    or project classes whose own `authenticate`, or the nearest one they inherit, checks
    none (`_checks_no_password`). No password then logs anyone in, whatever form
    or view takes one: `authenticate()` returns None for it."""
    found = module.values.get("AUTHENTICATION_BACKENDS")
    if not found:
        return False
    for possibility in found:
        value = possibility.value
        if possibility.location is None or not isinstance(value, list | tuple) or not value:
            return False
        if not all(isinstance(entry, str) and _checks_no_password(entry, index) for entry in value):
            return False
    return True


def _checks_no_password(backend: str, index: ViewIndex) -> bool:
    """Whether the `authenticate` a backend runs checks no password: that of the nearest
    class of its ancestry defining one, as Python resolves the method. A project class
    is judged by its own method (`auth_backends.checks_no_password`), a library's by its
    name (`auth_backends.library_passwordless`): a project subclass of an identity
    provider's backend overriding only how claims map to users (`filter_users_by_claims`,
    `create_user`) runs the library's `authenticate`."""
    for ancestor in index.ancestry(backend):
        if isinstance(ancestor, str):
            return library_passwordless(ancestor)
        if any(method.name == "authenticate" for method in ancestor.methods):
            return ancestor.passwordless_backend
    return False


def _frame_guards(module: SettingsModule, index: ViewIndex) -> frozenset[str]:
    """The `MIDDLEWARE` entries of `module` that are project classes, or subclasses of
    one, setting a header that denies framing on every response, and the project's
    subclasses of a library's middleware that does (`LIBRARY_FRAME_GUARDS`)."""
    return frozenset(
        entry
        for entry in _middleware_entries(module)
        if _ancestry_has(entry, index, lambda definition: definition.frames_denied)
        or any(base in LIBRARY_FRAME_GUARDS for base in index.ancestry(entry)[1:])
    )


def _middleware_entries(module: SettingsModule) -> Iterator[str]:
    """The dotted paths any possible value of the module's `MIDDLEWARE` lists."""
    for possibility in module.values.get("MIDDLEWARE") or ():
        value = possibility.value
        for entry in value if isinstance(value, list | tuple) else ():
            if isinstance(entry, str):
                yield entry


def _ancestry_has(entry: str, index: ViewIndex, test: Callable[[ViewDef], bool]) -> bool:
    """Whether the class at `entry`, or a project class it derives from, passes `test`."""
    return any(isinstance(d, ViewDef) and test(d) for d in index.ancestry(entry))


def _credential_paths(judged: list[SettingsModule], index: ViewIndex) -> tuple[str, ...]:
    """The prefixes a header-checking middleware guards in every judged settings module."""
    return _common_paths(judged, index, lambda d: (d.credential_path,) if d.credential_path else ())


def _login_paths(judged: list[SettingsModule], index: ViewIndex) -> tuple[str, ...]:
    """The prefixes a middleware turning away the anonymous under them guards in every
    judged settings module (`path_logins`)."""
    return _common_paths(judged, index, lambda definition: definition.login_paths)


def _common_paths(
    judged: list[SettingsModule],
    index: ViewIndex,
    paths: Callable[[ViewDef], Iterable[str]],
) -> tuple[str, ...]:
    """The prefixes `paths` gives of a middleware class that every judged settings
    module lists."""
    common: set[str] | None = None
    for module in judged:
        for possibility in module.values.get("MIDDLEWARE") or ():
            value = possibility.value
            entries = value if isinstance(value, list | tuple) else ()
            found = {
                prefix
                for entry in entries
                if isinstance(entry, str)
                for definition in index.ancestry(entry)[:1]
                if isinstance(definition, ViewDef)
                for prefix in paths(definition)
            }
            common = found if common is None else common & found
    return tuple(sorted(common or ()))


def _lists_login_gate(modules: Iterable[SettingsModule], index: ViewIndex) -> bool:
    """Whether a settings module lists a middleware that turns away the anonymous, or a
    subclass of one."""
    return any(
        _ancestry_has(entry, index, lambda definition: definition.login_gate)
        for module in modules
        for entry in _middleware_entries(module)
    )


_SITE_SETTINGS = ("INSTALLED_APPS", "MIDDLEWARE", "MIDDLEWARE_CLASSES", "ROOT_URLCONF")
"""Settings a module that runs a site sets (no page is served without `ROOT_URLCONF`): a
module that sets none of them is a part laid over other settings (`settings_local.py`,
a Docker overlay, an app's own `settings.py` importing two names from the project's), so
what it leaves unset is decided elsewhere, not by Django's defaults."""


def _borrowed(ops: tuple[Op, ...]) -> frozenset[str]:
    """The settings a module that star-imports no other only imports by name and never
    assigns (`from .base import INSTALLED_APPS` to loop over it): read from the module
    that sets them, as a part laid over the settings does (a `test.py` that the package's
    `__init__` star-imports when testing), not set for a site of its own."""
    named: set[str] = set()
    assigned: set[str] = set()
    pending = list(ops)
    while pending:
        op = pending.pop()
        if isinstance(op, Import):
            if op.names is None or op.of_class:
                return frozenset()
            named.update(op.names)
        elif isinstance(op, Assign):
            assigned.add(op.name)
        elif isinstance(op, Branch):
            pending.extend((*op.body, *op.orelse))
    return frozenset(named - assigned)


def _another_framework(modules: dict[str, ModuleSummary]) -> bool:
    """A Flask project that never imports Django: unless its settings name Django's parts,
    its `settings.py` is Flask's or Eve's, whatever names it uses (Superdesk's
    `INSTALLED_APPS`). A tree of settings modules alone is still read as Django's."""
    frameworks: set[str] = set()
    for summary in modules.values():
        frameworks |= summary.frameworks
    return "flask" in frameworks and "django" not in frameworks


def _names_django(facts: SettingsFacts) -> bool:
    """Settings naming Django's own parts (`"django.contrib.auth"` in `INSTALLED_APPS`, a
    `django.db.backends` engine): Django's, though nothing imports it."""
    return "'django." in repr((facts.ops, facts.classes))


def _django_modules(
    facts: dict[str, SettingsFacts],
    find: Finder,
    included: Mapping[str, set[str]],
    named: Collection[str] = (),
) -> set[str]:
    """The settings-like modules that are Django's: those setting what only Django's
    settings set, those a module named as DJANGO_SETTINGS_MODULE builds on (a thin
    `base.py` over a library's settings, `from framework.conf.base import *`, that adds
    apps and middleware), and those building on either."""
    strong: dict[str, bool] = {}
    stack = [relpath for relpath in named if relpath in facts]
    while stack:
        importer = stack.pop()
        for dotted in _module_imports(facts[importer]):
            target = find(dotted, importer)
            if target is not None and target in facts and target not in strong:
                strong[target] = True
                stack.append(target)

    def is_strong(relpath: str, stack: frozenset[str]) -> bool:
        if relpath not in strong:
            if relpath in stack:
                return False
            targets = [find(dotted, relpath) for dotted in _module_imports(facts[relpath])]
            targets += [target for target, by in included.items() if relpath in by]
            strong[relpath] = facts[relpath].strong or any(
                is_strong(target, stack | {relpath}) for target in targets if target is not None
            )
        return strong[relpath]

    return {relpath for relpath in facts if is_strong(relpath, frozenset())}


def _routes(
    urls: dict[str, UrlFacts],
    url_names: dict[str, str],
    index: ViewIndex,
    judged: list[SettingsModule],
    converters: Mapping[str, str],
    constant: Callable[[str], str | None] | None = None,
    configs: ConfigMap | None = None,
    flags: frozenset[str] = frozenset(),
    per_host: Callable[[SettingsModule], Iterable[str]] | None = None,
) -> list[Route]:
    builder = RouteBuilder(
        urls,
        url_names,
        Finder(url_names),
        index,
        partial(_text, judged),
        converters,
        constant,
        configs,
    )
    builder.debug_flags = flags
    roots: list[tuple[str, str]] = []
    for module in judged:
        for possibility in module.get("ROOT_URLCONF"):
            value = shipped(possibility.value)
            if isinstance(value, str) and (value, module.relpath) not in roots:
                roots.append((value, module.relpath))
        for urlconf in per_host(module) if per_host is not None else ():
            if (urlconf, module.relpath) not in roots:
                roots.append((urlconf, module.relpath))
    if not roots:
        roots = [
            (url_names[relpath], relpath)
            for relpath, facts in urls.items()
            if facts.has_patterns and _is_root(url_names[relpath], urls)
        ]
    routes: dict[tuple[str, str, int], Route] = {}
    for root, near in roots:
        for route in builder.routes(root, near):
            routes.setdefault((route.pattern, route.location.path, route.location.line), route)
    for config in configs.roots() if configs is not None else ():
        # NOTE: an app config no URLconf includes, as a project made of such configs
        # serves it (`include(apps.get_app_config("shop").urls[0])` in its own URLconf).
        if config not in builder.walked:
            for route in builder.config_routes(config):
                routes.setdefault((route.pattern, route.location.path, route.location.line), route)
    return list(routes.values())


def _loaded(find: Finder, modules: Mapping[str, ModuleSummary], named: str) -> str | None:
    """The qualified name of the class `get_class(module_label, name)` loads: `name` of
    the project module whose dotted name ends with the label (`catalogue.views`)."""
    label, _, name = named.rpartition(".")
    relpath = find(label)
    return None if relpath is None else f"{modules[relpath].module}.{name}"


def _derives_from(index: ViewIndex, bases: frozenset[str], qualified: str) -> bool:
    """Whether the class or one of its ancestors is named in `bases`."""
    return any(
        (ancestor if isinstance(ancestor, str) else ancestor.qualified) in bases
        for ancestor in index.ancestry(qualified)
    )


def _text(judged: list[SettingsModule], name: str) -> str | None:
    """The text every judged settings module that sets `name` gives it, else None."""
    values = [
        shipped(p.value) for module in judged if module.is_set(name) for p in module.get(name)
    ]
    if not values or not all(isinstance(value, str) for value in values):
        return None
    texts = set(map(str, values))
    return texts.pop() if len(texts) == 1 else None


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
