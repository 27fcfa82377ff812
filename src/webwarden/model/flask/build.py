"""The project step of the Flask model: link the facts of every module into apps."""

from __future__ import annotations

import ast
import dataclasses
import posixpath
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

from webwarden.analysis.constants import UNKNOWN
from webwarden.discover import SourceFile
from webwarden.findings import Location
from webwarden.model.converters import (
    CONVERTER_FACTS,
    ConverterFacts,
    registered_loaders,
    registered_patterns,
)
from webwarden.model.facts import Facts
from webwarden.model.flask.app import (
    CLASSFUL_CSRF_HOOK,
    EnvFile,
    Extension,
    FlaskApp,
    FlaskModel,
    Layer,
    Setting,
    extension_kind,
)
from webwarden.model.flask.classful import classful_routes
from webwarden.model.flask.cookie_authority import (
    authority_calls,
    body_acts_as_user,
    imports_g,
    names_identity,
)
from webwarden.model.flask.cookie_logins import keeps_login_in_cookie
from webwarden.model.flask.envfiles import ENV_FILE_NAMES, parse_env
from webwarden.model.flask.exposed import attach_exposed, nearest_apps
from webwarden.model.flask.extract import extract
from webwarden.model.flask.facts import (
    FALSY_USER,
    AppFact,
    AttributeFact,
    BodyFacts,
    ConfigOp,
    FlaskFacts,
    ResourceTableFact,
    TableHelper,
)
from webwarden.model.flask.frame_wrappers import frame_wrappers
from webwarden.model.flask.guard_functions import (
    MAX_FACTORY_DEPTH,
    basic_guard_functions,
    checking_methods,
    guard_functions,
    header_guard_functions,
    names_one_of,
    permission_calls,
    token_scoped_functions,
    wrapper_reads,
)
from webwarden.model.flask.hooks import registers_hook
from webwarden.model.flask.index import SERVER_SESSION_STORES, Index
from webwarden.model.flask.interface_cookies import EVERY_FLAG
from webwarden.model.flask.invenio import invenio_serving
from webwarden.model.flask.layers import LayerBuilder, located
from webwarden.model.flask.loopback_callers import loopback_callers, run_port
from webwarden.model.flask.named_extensions import imports_by_name, named_extensions
from webwarden.model.flask.read_only import read_only_helpers
from webwarden.model.flask.request_names import refuted_requests
from webwarden.model.flask.routes import attach_api_routes, attach_routes
from webwarden.model.flask.served_by import served_by_wsgi_server, started_by_hand
from webwarden.model.flask.tables import table_helper
from webwarden.model.flask.upload_forms import upload_forms
from webwarden.model.flask.worker_entries import worker_entries
from webwarden.model.imported import Modules
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.platform_redirects import is_platform_manifest, platform_redirects
from webwarden.model.project import ModuleSummary
from webwarden.model.server_headers import ServerHeader, server_config_text, server_headers
from webwarden.model.server_limits import limits_body_size
from webwarden.model.server_locations import ServerLocation, server_locations
from webwarden.model.server_redirects import redirects_to_https, serves_https_only
from webwarden.parse import ParsedPython, read_python, read_text

TALISMAN = "flask_talisman.Talisman"


class _Files:
    """Reads project files on demand (config files `from_pyfile`/`from_object` reach)."""

    def __init__(self, root: Path, files: Iterable[SourceFile], max_size: int) -> None:
        self.root = root
        self.max_size = max_size
        self.relpaths = {f.relpath for f in files}

    def read(self, relpath: str) -> str | None:
        if relpath not in self.relpaths:
            return None
        text = read_text(self.root / relpath, self.max_size)
        return text if isinstance(text, str) else None

    def parse(self, relpath: str) -> ParsedPython | None:
        if relpath not in self.relpaths:
            return None
        parsed = read_python(self.root / relpath, self.max_size)
        return parsed if isinstance(parsed, ParsedPython) else None


class _Loader:
    """Parses project Python files the index lacks (config modules `from_object` reaches,
    resource tables) and indexes their config; a `ModuleLoader`."""

    def __init__(self, index: Index, files: _Files) -> None:
        self.index = index
        self.files = files
        self.loaded: dict[str, tuple[str, FlaskFacts] | None] = {}
        self.helpers: dict[str, TableHelper | None] = {}

    def __call__(self, target: str) -> bool:
        return self.facts(target) is not None

    def facts(self, target: str) -> tuple[str, FlaskFacts] | None:
        """(relpath, facts) of a module (`pkg.settings`) or file (`config.py`)."""
        if target in self.loaded:
            return self.loaded[target]
        is_file = "/" in target or target.endswith((".py", ".cfg"))
        relpath = target if is_file else self.index.paths.get(target, "")
        parsed = self.files.parse(relpath) if relpath else None
        facts: FlaskFacts | None = None
        if parsed is not None:
            module = f"file:{relpath}" if is_file else target
            names = NameResolver(parsed.tree, module)
            ctx = FileContext(relpath, module, parsed.lines, parsed.tree, names)
            facts = extract(ctx, force=True)
        if facts is not None:
            self.index.add_config(relpath, facts)
        self.loaded[target] = None if facts is None else (relpath, facts)
        return self.loaded[target]

    def table(self, ref: str) -> tuple[ResourceTableFact, str] | None:
        """A resource table by reference, and the relpath of its module."""
        ref = self.index.canonical(ref)
        module = ref.rpartition(".")[0]
        found = next(((r, f) for r, f in self.index.facts if f.module == module), None)
        found = found or self.facts(module)
        if found is None:
            return None
        relpath, facts = found
        table = next((t for t in facts.resource_tables if t.ref == ref), None)
        return None if table is None else (table, relpath)

    def helper(self, ref: str) -> TableHelper | None:
        """Where a project function adding a table's entries takes the owner and table."""
        if ref not in self.helpers:
            module, _, name = self.index.canonical(ref).rpartition(".")
            parsed = self.files.parse(self.index.paths.get(module, ""))
            functions = [
                s
                for s in (parsed.tree.body if parsed is not None else ())
                if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) and s.name == name
            ]
            self.helpers[ref] = table_helper(functions[0]) if functions else None
        return self.helpers[ref]


def _root_dir(index: Index, fact: AppFact, relpath: str) -> str:
    module_path = index.paths.get(fact.import_name, relpath)
    return posixpath.dirname(module_path)


def _instance_dir(index: Index, fact: AppFact, relpath: str) -> str:
    top = (fact.import_name or "").split(".")[0]
    path = index.paths.get(top, relpath)
    directory = posixpath.dirname(path)
    if path.endswith("__init__.py"):
        directory = posixpath.dirname(directory)
    return posixpath.join(directory, "instance") if directory else "instance"


def _extensions(index: Index, app: FlaskApp, builder: LayerBuilder) -> None:
    for relpath, facts in index.facts:
        for fact in (*facts.extensions, *index.subclass_extensions.get(relpath, ())):
            if app.ref in index.apps_of(fact.app):
                options = builder.spread_options(dict(fact.options))
                location = located(relpath, fact.location)
                keys = dict(fact.config_keys)
                app.extensions.append(
                    Extension(extension_kind(fact.kind), fact.ref, options, location, keys)
                )
                app.modules.add(relpath)
        for init in facts.init_apps:
            found = index.extensions.get(index.canonical(init.extension))
            if found is None:
                continue
            fact, fact_path = found
            if app.ref not in index.apps_of(init.app) and not _protection_near(
                index, app, fact.kind, init.app, relpath
            ):
                continue
            options = builder.spread_options({**dict(fact.options), **dict(init.options)})
            location = located(relpath, init.location)
            app.extensions.append(Extension(extension_kind(fact.kind), fact.ref, options, location))
            app.modules.update({relpath, fact_path})
    refs = {e.ref for e in app.extensions if e.ref}
    for relpath, facts in index.facts:
        for attribute in facts.attributes:
            target = index.canonical(attribute.target)
            if target in refs:
                location = located(relpath, attribute.location)
                app.attributes.setdefault(target, []).append(
                    (attribute.attribute, attribute.value, location)
                )
                if attribute.attribute == "anonymous_user" and attribute.callee:
                    app.anonymous_users.append((attribute.callee, location))
                if attribute.attribute == "anonymous_user" and attribute.value == FALSY_USER:
                    app.falsy_anonymous = True


_PROTECTIVE_KINDS = frozenset(
    {"flask_wtf.CSRFProtect", "flask_wtf.CsrfProtect", "flask_seasurf.SeaSurf", TALISMAN}
)
"""Extensions that only protect: given to an app the model cannot name, they are taken as
given to the nearest one (judging the app unprotected would report what they guard). Such
a call often takes its options from config (`talisman.init_app(self.superset_app,
**talisman_config)`): those are unknown then (`Extension.option`), never Talisman's
defaults, so the guess hides no finding its options could decide (Superset's own config
turns `force_https` and `session_cookie_secure` off)."""


def _protection_near(index: Index, app: FlaskApp, kind: str, target: str, relpath: str) -> bool:
    """`csrf.init_app(self.superset_app)`: protection given to an app the model cannot
    name (an attribute of the project's initialiser class) is the app's made nearest above
    that module (judging the app unprotected would report each of its views)."""
    if extension_kind(kind) not in _PROTECTIVE_KINDS or index.apps_of(target):
        return False
    return app.ref in nearest_apps([(ref, path) for ref, (_, path) in index.apps.items()], relpath)


def _dispatched(index: Index, app: FlaskApp) -> bool:
    """Whether a Werkzeug dispatcher is made the app's `wsgi_app` (`AttributeFact.callee`)."""
    return any(
        attribute.attribute == "wsgi_app"
        and bool(attribute.callee)
        and app.ref in index.apps_of(index.canonical(attribute.target))
        for _, facts in index.facts
        for attribute in facts.attributes
    )


def _session_interface(index: Index, app: FlaskApp) -> None:
    """Where the app is given a session interface that writes its own cookie:
    `app.session_interface = ...`, or a class attribute of the app's Flask subclass; and
    whether its sessions are kept on the server (`Session(app)` of Flask-Session too)."""
    for kind in _SERVER_SESSION_EXTENSIONS:
        if app.extension(kind):
            app.server_sessions = SERVER_SESSION_STORES[kind.partition(".")[0]]
    for relpath, facts in index.facts:
        for attribute in facts.attributes:
            if attribute.attribute == "session_interface" and app.ref in index.apps_of(
                index.canonical(attribute.target)
            ):
                _given_interface(index, app, located(relpath, attribute.location), attribute)
    made_of = index.app_classes.get(app.ref)
    if made_of is None or app.session_interface is not None:
        return
    # NOTE: `class PortalFlask(Flask): session_interface = RedisSessions()`.
    classes = {made_of, *index.ancestors(made_of)}
    for relpath, facts in index.facts:
        for attribute in facts.class_attributes:
            if attribute.target in classes:
                _given_interface(index, app, located(relpath, attribute.location), attribute)


_SERVER_SESSION_EXTENSIONS = ("flask_session.Session", "flask_kvsession.KVSessionExtension")


def _given_interface(index: Index, app: FlaskApp, where: Location, given: AttributeFact) -> None:
    flags = index.interface_cookie_flags(given.callee)
    # NOTE: a subclass of Flask's cookie interface that writes no cookie
    # (`should_set_cookie` always False) leaves the cookie settings nothing to decide.
    if index.sets_own_cookie(given.callee) or flags == EVERY_FLAG:
        app.session_interface = where
        app.session_interface_flags = flags
        # NOTE: which of the project's interfaces the app is given may be made where
        # webwarden cannot follow (a factory method): any of them that reads a header.
        app.header_sessions = tuple(
            prefix for _, facts in index.facts for prefix in facts.header_sessions
        )
    app.server_sessions = index.server_store(given.callee) or app.server_sessions


def _extension_layers(app: FlaskApp) -> None:
    """Talisman writes `SESSION_COOKIE_SAMESITE` and `SESSION_COOKIE_HTTPONLY` at init."""
    for talisman in app.extension(TALISMAN):
        settings = {
            "SESSION_COOKIE_SAMESITE": Setting(
                "SESSION_COOKIE_SAMESITE",
                talisman.option("session_cookie_samesite", "Lax"),
                talisman.location,
                "Talisman",
            )
        }
        http_only = talisman.option("session_cookie_http_only", True)
        if http_only or http_only is UNKNOWN:
            # NOTE: options it cannot read leave the key unknown: Talisman sets it to
            # True, or leaves the app's own value.
            settings["SESSION_COOKIE_HTTPONLY"] = Setting(
                "SESSION_COOKIE_HTTPONLY",
                True if http_only else UNKNOWN,
                talisman.location,
                "Talisman",
            )
        app.layers.append(Layer(settings))


def _config(index: Index, app: FlaskApp, builder: LayerBuilder) -> None:
    ops = [
        (relpath != app.location.path, relpath, op)
        for relpath, facts in index.facts
        for op in facts.config_ops
        if (not op.loader or _loads_out_of_sight(index, builder, op))
        and app.ref in index.apps_of(op.target)
    ]
    # NOTE: what a config manager sets on its own `self.config` before copying it onto
    # the app's (Mailu's `ConfigManager.init_app`).
    holders = {op.references[0] for _, _, op in ops if op.kind == "copy"}
    ops += [
        (relpath != app.location.path, relpath, op)
        for relpath, facts in (index.facts if holders else ())
        for op in facts.config_ops
        if op.target in holders
    ]
    ops.sort(key=lambda item: (item[0], item[1], item[2].location.line, item[2].location.column))
    for _, relpath, op in _replaced_in_place(index, ops):
        app.layers.extend(builder.layers(op, relpath, app.variants))
        app.modules.add(relpath)


def _replaced_in_place(
    index: Index, ops: list[tuple[bool, str, ConfigOp]]
) -> list[tuple[bool, str, ConfigOp]]:
    """`ops`, each `app.config = holder` followed by the config ops of the object it hands
    the app (a `flask.config.Config` the project filled, see `config_objects`), in their
    own order: the app's config from there on, before what the app sets on it later."""
    placed: list[tuple[bool, str, ConfigOp]] = []
    for item in ops:
        placed.append(item)
        op = item[2]
        if op.kind != "replace":
            continue
        refs = {op.references[0], *_returned_by_maker(index, op.references[0])}
        held = [
            (True, relpath, other)
            for relpath, facts in index.facts
            for other in facts.config_ops
            if other.target in refs
        ]
        held.sort(key=lambda i: (i[1], i[2].location.line, i[2].location.column))
        placed.extend(held)
    return placed


def _returned_by_maker(index: Index, holder: str) -> tuple[str, ...]:
    """`pkg.config.config`, bound at the top of its module to what a loader of the project
    returns (`config = load_config()`): the loader's returned locals (`load_config:config`,
    a `flask.config.Config` it filled), whose config ops are the holder's."""
    callee = index.aliases.get(index.canonical(holder))
    function = index.functions.get(index.canonical(callee)) if callee is not None else None
    return function.returns if function is not None else ()


def _loads_out_of_sight(index: Index, builder: LayerBuilder, op: ConfigOp) -> bool:
    """A config handed with the app to a function outside the project
    (`handed_config_ops`): the project's own functions are read, so their `from_object`
    is seen where it is (or is not) called."""
    loader = index.canonical(op.loader)
    parts = loader.split(".")
    modules = (".".join(parts[:end]) for end in range(1, len(parts)))
    if loader in index.functions or any(module in index.paths for module in modules):
        return False
    return builder.loads_flask_config(op)


def _env_files(files: _Files, sources: Iterable[SourceFile]) -> list[EnvFile]:
    found = []
    for source in sources:
        if source.name in ENV_FILE_NAMES:
            text = files.read(source.relpath)
            if text is not None:
                found.append(EnvFile(source.relpath, parse_env(text)))
    return found


def _server_configs(
    files: _Files, sources: Iterable[SourceFile]
) -> tuple[list[ServerHeader], list[ServerLocation], bool, bool]:
    """The headers and the `location` blocks of the web server configurations, whether
    one of them, or a platform manifest (`platform_redirects`), redirects HTTP to HTTPS,
    and whether one limits the size of a request body (`limits_body_size`)."""
    headers: list[ServerHeader] = []
    locations: list[ServerLocation] = []
    redirects = limited = False
    for source in sources:
        if is_platform_manifest(source.relpath):
            text = files.read(source.relpath)
            redirects = redirects or (text is not None and platform_redirects(source.relpath, text))
            continue
        text = server_config_text(source.relpath, partial(files.read, source.relpath))
        if text is not None:
            headers += server_headers(source.relpath, text)
            locations += server_locations(text)
            redirects = redirects or redirects_to_https(text) or serves_https_only(text)
            limited = limited or limits_body_size(text)
    return headers, locations, redirects, limited


def _extracted_again(
    summaries: dict[str, ModuleSummary],
    refuted: dict[str, frozenset[str]],
    parsed: Modules | None,
) -> dict[str, ModuleSummary]:
    """`summaries`, the Flask facts of the modules whose request candidates the project
    refutes extracted again without them (`request_names`); a module that cannot be
    read again keeps none."""
    again = dict(summaries)
    for relpath, names in refuted.items():
        summary = summaries[relpath]
        ctx = parsed(summary.module) if parsed is not None else None
        facts = extract(ctx, refuted=names) if ctx is not None else None
        kept = {k: v for k, v in summary.facts.items() if k != "flask"}
        if facts is not None:
            kept["flask"] = facts
        again[relpath] = dataclasses.replace(summary, facts=Facts(kept))
    return again


def build_flask(
    root: Path,
    summaries: dict[str, ModuleSummary],
    sources: list[SourceFile],
    max_size: int,
    parsed: Modules | None = None,
) -> FlaskModel | None:
    """The Flask model of the project, or None when it makes no Flask app. `parsed`: the
    project's modules, whose functions config values may call."""
    index = Index.build(summaries)
    if not index.apps:
        return None
    refuted = refuted_requests(summaries, parsed)
    if refuted:
        index = Index.build(_extracted_again(summaries, refuted, parsed))
    files = _Files(root, sources, max_size)
    converter_facts = [
        found
        for summary in summaries.values()
        if isinstance(found := summary.facts.get(CONVERTER_FACTS), ConverterFacts)
    ]
    headers, locations, redirects, limited = _server_configs(files, sources)
    model = FlaskModel(
        env_files=_env_files(files, sources),
        server_headers=headers,
        server_locations=locations,
        server_redirects=redirects,
        server_limits_body=limited,
        converters=registered_patterns(converter_facts, "flask"),
        loading_converters=registered_loaders(converter_facts, "flask"),
    )
    model.invenio = invenio_serving(summaries.values())
    if any(f.relpath.rsplit("/", 1)[-1] == ".flaskenv" for f in model.env_files):
        model.served_by_wsgi_server = served_by_wsgi_server(root, sources, max_size)
    load = _Loader(index, files)
    classful = classful_routes(index)
    model.engine_urls = [
        Setting(fact.key, fact.value, located(relpath, fact.location), "create_engine")
        for relpath, facts in index.facts
        for fact in facts.engine_urls
    ]
    workers = worker_entries(
        root,
        sources,
        max_size,
        {
            relpath: summaries[relpath].module
            for _, relpath in index.apps.values()
            if relpath in summaries
        },
        summaries,
    )
    wrappers = frame_wrappers(index)
    imported = (target for names in index.imports.values() for target in names.values())
    by_name = list(named_extensions(sources, files.read)) if imports_by_name(imported) else []
    for ref, (fact, relpath) in index.apps.items():
        app = FlaskApp(
            ref,
            located(relpath, fact.location),
            fact.import_name,
            fact.factory,
            _root_dir(index, fact, relpath),
            modules={relpath},
            dropped=fact.script or _dropped(index, ref, fact.factory),
            worker_entry=relpath in workers,
        )
        builder = LayerBuilder(
            index,
            files.read,
            load,
            model.env_files,
            app.root_dir,
            _instance_dir(index, fact, relpath),
            fact.instance_relative,
            parsed,
        )
        _config(index, app, builder)
        _extensions(index, app, builder)
        app.extensions += by_name
        app.frame_wrappers = wrappers
        _session_interface(index, app)
        app.dispatched = _dispatched(index, app)
        app.security_decorators = index.imports_any(SECURITY_DECORATORS)
        _extension_layers(app)
        attach_routes(index, app, fact, load.table, load.helper, classful)
        if fact.wrapped:
            attach_api_routes(index, app, fact, files.read)
        model.apps.append(app)
    attach_exposed(index, model.apps)
    for app in model.apps:
        _flags(index, app)
    debug_runs = {
        where.path for app in model.apps for options, where in app.runs if options.get("debug")
    }
    if debug_runs:
        model.started_by_hand = started_by_hand(root, sources, debug_runs, max_size)
    ports = frozenset(
        port
        for app in model.apps
        for options, _ in app.runs
        if (port := run_port(options)) is not None
    )
    if ports:
        model.loopback_callers = loopback_callers(sources, files.read, ports)
    return model


SECURITY_DECORATORS = frozenset(
    f"flask_security{module}.{name}"
    for module in ("", ".decorators")
    for name in ("auth_required", "auth_token_required", "http_auth_required")
)


def _dropped(index: Index, ref: str, factory: str) -> bool:
    """Whether the factory keeps the app in a local name and returns something else."""
    function = index.functions.get(factory) if factory else None
    if function is None or not ref.startswith(f"{factory}:"):
        return False
    return not any(ref in index.apps_of(returned) for returned in function.returns)


_TOKEN_FORMS = frozenset(
    {"flask_wtf.FlaskForm", "flask_wtf.Form", "flask_wtf.form.FlaskForm"}
    | {"flask_admin.form.SecureForm"}
    | {"baseframe.forms.Form", "baseframe.forms.form.Form"}
)
"""Form classes whose `validate()` checks a CSRF token kept in the session: Flask-WTF's,
Flask-Admin's `SecureForm` (`Meta.csrf` with WTForms' `SessionCSRF`), and hasgeek
baseframe's `Form` (a `FlaskForm` subclass: src/baseframe/forms/form.py)."""


_LIBRARY_FORMS = _TOKEN_FORMS | {"wtforms.Form", "wtforms.form.Form"}
"""The libraries' form classes a project's form derives from, which have no fields."""


def _asks_no_password(
    index: Index, ref: str, bases: dict[str, tuple[str, ...]], asking: set[str]
) -> bool:
    """Whether the project's form class `ref` and every class it derives from are the
    project's classes, none with an attribute that may ask for a password, or the
    libraries' bare form classes (`_LIBRARY_FORMS`): a base from elsewhere (a library's
    `LoginForm`) may add a password field."""
    stack, seen = [ref], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        if current in asking:
            return False
        for base in bases.get(current, ()):
            made_of = index.canonical(base)
            if made_of in _LIBRARY_FORMS:
                continue
            if made_of not in bases:
                return False
            stack.append(made_of)
    return True


_LIMITER = "flask_limiter.Limiter"
_LIMITS = ("limit", "shared_limit", "exempt")
"""Flask-Limiter's decorators of a view: a rate limit of its own, one shared with other
views, or none."""


def _flags(index: Index, app: FlaskApp) -> None:
    forms = set(_TOKEN_FORMS)
    tokenless: set[str] = set()
    bases = {ref: classes for _, facts in index.facts for ref, classes in facts.form_classes}
    csrf = {ref: on for _, facts in index.facts for ref, on in facts.form_csrf}
    changed = True
    while changed:
        changed = False
        for ref, classes in bases.items():
            made_of = {index.canonical(b) for b in classes}
            if ref in forms or ref in tokenless or not made_of & (forms | tokenless):
                continue
            # NOTE: `class Meta: csrf = False` turns the token check off, for the class
            # and the subclasses that do not turn it on again.
            own = csrf.get(ref)
            if own is False or (own is None and not made_of & forms):
                tokenless.add(ref)
            else:
                forms.add(ref)
            changed = True
    for _ in range(MAX_FACTORY_DEPTH):
        # NOTE: `form = get_project_form()`, a helper returning `ProjectForm()`.
        factories = {
            ref
            for ref, function in index.functions.items()
            if ref not in forms and any(index.made_by(r) in forms for r in function.returns)
        }
        if not factories:
            break
        forms |= factories
    forms |= _factory_methods(index, forms)
    app.helper_calls = _helper_calls(index, app)
    app.read_only_helpers = read_only_helpers(
        index, {call for route in app.routes for call in route.body.writes_through}
    )
    # NOTE: a request hook's helpers too: `check_auth` may read the token header through
    # `get_token_from_headers()`.
    reached = {**_calls_reached(index, _hook_calls(app)), **app.helper_calls}
    route_calls = _route_calls(app)
    app.helper_reads = {
        call: reads
        for call in reached.keys() | route_calls | _hook_calls(app)
        if (reads := _helper_reads(index, call, reached.get(call, frozenset())))
    }
    app.helper_reads.update(_parser_reads(index, route_calls))
    app.helper_denials = frozenset(
        call
        for call in _hook_calls(app)
        if _helper_denies(index, call, reached.get(call, frozenset()))
    )
    # NOTE: a view may name a form through a package that re-exports it (Funnel's
    # `from ..forms import LogoutForm`, defined in `forms/login.py`).
    called = {call for route in app.routes for call in route.body.calls | route.class_calls}
    called |= {call for calls in app.helper_calls.values() for call in calls}
    forms |= {call for call in called - forms if index.canonical(call) in forms}
    app.form_classes = frozenset(forms)
    app.form_validations = frozenset(
        "." + ref.rpartition(".")[2]
        for ref, function in index.functions.items()
        if function.validates_self and ref.rpartition(".")[0] in forms
    )
    app.tokenless_forms = frozenset(
        tokenless | {call for call in called if index.canonical(call) in tokenless}
    )
    fields = [pair for _, facts in index.facts for pair in facts.form_fields]
    uploads = upload_forms(fields, bases, forms | tokenless | _LIBRARY_FORMS, index.canonical)
    app.upload_forms = frozenset(call for call in called if index.canonical(call) in uploads)
    sign_in = {ref for _, facts in index.facts for ref in facts.sign_in_forms}
    app.sign_in_forms = frozenset(call for call in called if index.canonical(call) in sign_in)
    captcha = {ref for _, facts in index.facts for ref in facts.captcha_forms}
    app.captcha_forms = frozenset(call for call in called if index.canonical(call) in captcha)
    asking = {ref for _, facts in index.facts for ref in facts.password_forms}
    app.passwordless_forms = frozenset(
        call
        for call in called
        if (ref := index.canonical(call)) in bases
        and ref in forms | tokenless
        and _asks_no_password(index, ref, bases, asking)
    )
    guards = guard_functions(index, falsy_user=app.falsy_anonymous)
    decorators = {d.name for route in app.routes for d in route.decorators} | {
        d.name for _, hook, _ in app.hooks for d in hook.decorators
    }
    app.guard_decorators = frozenset(d for d in decorators if names_one_of(index, d, guards))
    inert = {ref for ref, function in index.functions.items() if function.wraps_inertly}
    gates = {ref for ref, function in index.functions.items() if function.config_gate}
    app.config_gates = frozenset(d for d in decorators if index.canonical(d) in gates)
    # NOTE: Flask-Limiter's `@limiter.limit("5/minute")` only counts a client's requests
    # and answers 429 past the limit: it keeps no data of the app.
    counters = {f"{e.ref}.{m}" for e in app.extension(_LIMITER) if e.ref for m in _LIMITS}
    app.inert_decorators = frozenset(
        d
        for d in decorators
        if index.canonical(d) in inert
        or d in counters
        or index.canonical(d) in counters
        or d == CLASSFUL_CSRF_HOOK
    )
    app.called_guards = frozenset(
        name
        for route in app.routes
        for d in route.decorators
        if (name := d.name) and index.canonical(name) in index.functions and app.guards_access(d)
    ) | frozenset(permission_calls(index, (c for route in app.routes for c in route.body.calls)))
    app.called_guards |= checking_methods(
        index,
        (c for route in app.routes for c in route.body.calls),
        lambda d: app.guards_access(d) or names_one_of(index, d.name, guards),
    )
    submitting = {ref for ref, function in index.functions.items() if function.submits}
    app.submit_decorators = frozenset(d for d in decorators if index.canonical(d) in submitting)
    app.token_decorators = frozenset(
        d
        for d in decorators
        if _checks_token(index, index.canonical(d), forms)
        or _compares_token(index, index.canonical(d))
    )
    by_header = header_guard_functions(index)
    # NOTE: a library's token check (`@oauth.require_oauth()`) is not counted among the
    # login guards: WW721 would then judge APIs known by tokens alone, whose sign-up and
    # device routes it cannot tell from forgotten ones.
    app.header_guards = frozenset(d for d in decorators if names_one_of(index, d, by_header))
    scoped = token_scoped_functions(index)
    app.token_scoped = frozenset(d for d in decorators if names_one_of(index, d, scoped))
    by_basic = basic_guard_functions(index)
    app.basic_guards = frozenset(d for d in decorators if names_one_of(index, d, by_basic))
    reading = {ref: f.wrapper_reads for ref, f in index.functions.items() if f.wrapper_reads}
    app.decorator_reads = {
        d: reads for d in decorators if (reads := wrapper_reads(index, d, reading))
    }
    by_jwt = {ref for ref, function in index.functions.items() if function.checks_jwt}
    app.jwt_guards = frozenset(d for d in app.guard_decorators if index.canonical(d) in by_jwt)
    # NOTE: any module may log users in for the app (a blueprint's or a helper's).
    app.remembers_logins = any(facts.remembers_logins for _, facts in index.facts)
    for relpath, facts in index.facts:
        if relpath in app.modules:
            app.uses_session = app.uses_session or facts.uses_session
            app.renders_html = app.renders_html or facts.renders_html
    for route in app.routes:
        app.uses_session = app.uses_session or route.body.uses_session
        app.renders_html = app.renders_html or route.body.renders_html
    app.sockets_use_session = _sockets_use_session(index, app)
    app.sockets_act_as_no_one = _sockets_act_as_no_one(index, app)
    app.keeps_login_in_cookie = keeps_login_in_cookie(index, app)
    inherited = {call for route in app.routes for call in route.class_calls}
    app.authority_calls = authority_calls(index, route_calls | inherited, app.helper_calls)
    app.g_modules = frozenset(
        index.paths[module] for module in index.imports if imports_g(index, module)
    )
    app.cookie_hooks = _cookie_hooks(index, app)
    app.extension_decorators = frozenset(
        d for d in decorators if _extension_decorator(index, index.canonical(d))
    )


def _route_calls(app: FlaskApp) -> set[str]:
    """The calls the app's views make, but their decorators."""
    return {
        call
        for route in app.routes
        for call in route.body.calls - {d.name for d in route.decorators}
    }


def _hook_calls(app: FlaskApp) -> set[str]:
    """The calls the app's request hooks make."""
    return {call for _, hook, _ in app.hooks for call in hook.body.calls}


def _helper_reads(index: Index, call: str, reached: frozenset[str]) -> frozenset[str]:
    """What of the request a project function the views call reads, itself or through
    the project functions it calls (`reached`): `authenticate()` reading
    `request.get_json()` for a login view."""
    return frozenset(
        read for body in _helper_bodies(index, call, reached) for read in body.request_reads
    )


def _parser_reads(index: Index, calls: set[str]) -> dict[str, frozenset[str]]:
    """What of the request each `parse_args()` of a project's request parser the views
    call reads (`login_req.parse_args()`, its arguments located in the JSON body)."""
    parsing = [call for call in calls if call.endswith(".parse_args")]
    if not parsing:
        return {}  # NOTE: most apps call none: the parsers of every module go unread
    parsers = {
        index.canonical(ref): reads for _, f in index.facts for ref, reads in f.request_parsers
    }
    found = {}
    for call in parsing:
        if reads := parsers.get(index.canonical(call.rpartition(".")[0])):
            found[call] = reads
    return found


def _helper_denies(index: Index, call: str, reached: frozenset[str]) -> bool:
    """Whether a project function a request hook calls refuses the request as
    unauthorised, itself or through the project functions it calls (`reached`)."""
    return any(body.denies for body in _helper_bodies(index, call, reached))


def _helper_bodies(index: Index, call: str, reached: frozenset[str]) -> Iterator[BodyFacts]:
    """The bodies of the project function `call` names and of those it calls (`reached`)."""
    for ref in {index.canonical(call), *map(index.canonical, reached)}:
        function = index.functions.get(ref)
        if function is not None and function.body is not None:
            yield function.body


def _factory_methods(index: Index, forms: set[str]) -> set[str]:
    """`.form` for `form = campaign.form()`: a method of a project class that returns a
    form of such a class, called on an object whose class the view does not name (a row a
    decorator loaded), known by its name when no other function of the project has it."""
    named: dict[str, list[str]] = {}
    for ref in index.functions:
        named.setdefault(ref.rpartition(".")[2], []).append(ref)
    return {
        "." + name
        for name, refs in named.items()
        if len(refs) == 1
        and refs[0] in forms
        and index.functions[refs[0]].params[:1] in (("self",), ("cls",))
    }


def _helper_calls(index: Index, app: FlaskApp) -> dict[str, frozenset[str]]:
    """A call of the app's views that names a function of the project -> the calls that
    function makes, and those of the project functions it calls in turn: a view may hand
    its form to a helper that validates it (`return _change_password(PasswordForm())`)."""
    # NOTE: a decorator's call is no helper: what its wrapper validates is judged by
    # `submit_decorators`, which knows whether the view runs only then.
    called = {
        call
        for route in app.routes
        for call in route.body.calls - {d.name for d in route.decorators}
    }
    return _calls_reached(index, called)


def _calls_reached(index: Index, calls: Iterable[str]) -> dict[str, frozenset[str]]:
    """A call of a project function -> the calls that function makes, and those of the
    project functions it calls in turn."""
    found: dict[str, frozenset[str]] = {}
    for call in calls:
        reached: set[str] = set()
        seen: set[str] = set()
        todo = {call}
        for _ in range(MAX_FACTORY_DEPTH):
            functions = [
                (ref, function)
                for ref in map(index.canonical, todo)
                if ref not in seen and (function := index.functions.get(ref)) is not None
            ]
            seen.update(ref for ref, _ in functions)
            todo = {c for _, f in functions if f.body is not None for c in f.body.calls}
            reached |= todo
        if reached:
            found[call] = frozenset(reached)
    return found


def _extension_decorator(index: Index, ref: str) -> bool:
    """`@talisman(...)`, `@limiter.limit("5/minute")`: the call of an extension object
    (or of its method) of a library that knows no user (`cookie_authority.names_identity`):
    it sets the view's headers, limits or caches it, and reads no cookie to act as one."""
    for owner in (ref, ref.rpartition(".")[0]):
        extension = index.extensions.get(owner)
        if extension is not None:
            return not names_identity(extension[0].kind)
    return False


def _cookie_hooks(index: Index, app: FlaskApp) -> frozenset[str]:
    """The functions of the app's `before_request` hooks that may act as the user its
    cookies name: decorated ones, those of a module importing `g`, and those reading the
    session, the user or what the browser adds by itself, themselves or through the
    project functions they call. A hook knowing the caller by a token header only
    (`request.authz = from_token(request.headers["Authorization"])`) is none."""
    hooks = [hook for _, hook, _ in app.hooks if hook.kind.startswith("before")]
    # NOTE: a decorator other than the hook's registration may read the cookies itself.
    calls = {call for hook in hooks for call in hook.body.calls}
    acting = authority_calls(index, calls, _calls_reached(index, calls))
    return frozenset(
        hook.function
        for hook in hooks
        if not all(registers_hook(d.name) for d in hook.decorators)
        or hook.location.path in app.g_modules
        or body_acts_as_user(hook.body)
        or hook.body.calls & acting
    )


def _sockets_use_session(index: Index, app: FlaskApp) -> bool:
    """Whether a class handling a namespace of one of the app's Flask-SocketIO objects
    (`socketio.on_namespace(Chat("/chat"))`), or one of its bases, is defined in a
    module using Flask's session: its handlers know the user by the session cookie."""
    sockets = {index.canonical(e.ref) for e in app.extension(_SOCKETIO)}
    if not sockets:
        return False
    by_module = {facts.module: facts for _, facts in index.facts}
    for _, facts in index.facts:
        for owner, cls in facts.socket_namespaces:
            if index.canonical(owner) not in sockets:
                continue
            canonical = index.canonical(cls)
            for ref in (canonical, *index.ancestors(canonical)):
                found = by_module.get(ref.rpartition(".")[0])
                if found is not None and found.uses_session:
                    return True
    return False


def _sockets_act_as_no_one(index: Index, app: FlaskApp) -> bool:
    """Whether every event of the app's Flask-SocketIO objects is handled by a class given
    to `on_namespace` (none by `@socketio.on`, `@socketio.event` or `on_event`) and no
    method of those classes or of their project bases reads the session, the user or
    the cookies, itself or through the project functions it calls (each method's body
    known: one of a module using Flask-SocketIO): a socket another site opens with the
    user's cookies then acts as no one (handlers that check a token sent in the event)."""
    sockets = {index.canonical(e.ref) for e in app.extension(_SOCKETIO)}
    classes: set[str] = set()
    for _, facts in index.facts:
        if any(index.canonical(owner) in sockets for owner in facts.socket_handlers):
            return False
        for owner, cls in facts.socket_namespaces:
            if index.canonical(owner) in sockets:
                canonical = index.canonical(cls)
                classes.update((canonical, *index.ancestors(canonical)))
    prefixes = tuple(f"{cls}." for cls in classes)
    methods = [f for ref, f in index.functions.items() if prefixes and ref.startswith(prefixes)]
    bodies = [f.body for f in methods if f.body is not None]
    if not bodies or len(bodies) < len(methods):
        return False
    calls = {call for body in bodies for call in body.calls}
    acting = authority_calls(index, calls, _calls_reached(index, calls))
    return not any(body_acts_as_user(body) or body.calls & acting for body in bodies)


_SOCKETIO = "flask_socketio.SocketIO"


def _compares_token(index: Index, ref: str) -> bool:
    """Whether the project's decorator `ref` refuses a request whose CSRF token does not
    match (`FunctionFact.refuses_token_mismatch`): in its wrapper, or, for a class whose
    instance decorates (`@api_login(...)`, the class's `__call__` returning the wrapper),
    in a method of the class or of its bases the wrapper calls on `self`, through at most
    `_MAX_SELF_CALLS` such calls (`self.get_logged_in_user()` calling the
    `self.extra_session_checks(session)` the decorator's class overrides)."""
    classes = [ref, *index.ancestors(ref)]
    entry = next((f"{c}.__call__" for c in classes if f"{c}.__call__" in index.functions), ref)
    if entry == ref:
        classes = []
    pending = [r for r in index.functions if r == entry or r.startswith(entry + ".")]
    seen: set[str] = set()
    for _ in range(_MAX_SELF_CALLS + 1):
        called: list[str] = []
        for function_ref in pending:
            function = index.functions.get(function_ref)
            if function is None or function_ref in seen:
                continue
            seen.add(function_ref)
            if function.refuses_token_mismatch:
                return True
            for name in function.self_calls:
                method = next(
                    (f"{c}.{name}" for c in classes if f"{c}.{name}" in index.functions), None
                )
                if method is not None:
                    called.append(method)
        pending = called
    return False


_MAX_SELF_CALLS = 3


def _checks_token(index: Index, ref: str, forms: set[str]) -> bool:
    """Whether the project's decorator `ref` refuses, before it calls the view, a request
    whose form fails validation, every such form checking a token (Flask-WTF's
    `FlaskForm`, or a project class deriving from it and keeping its check on)."""
    function = index.functions.get(ref)
    if function is None or not function.token_forms:
        return False
    return all(index.canonical(form) in forms for form in function.token_forms)
