"""Every Flask fact of the project by reference, and how references lead to apps."""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field

from webwarden.model.flask.extract import BLUEPRINT_CLASSES, is_extension_class, names_an_app
from webwarden.model.flask.facts import (
    AdminMountFact,
    AppFact,
    BlueprintFact,
    CallFact,
    ClassfulRegisterFact,
    ClassfulViewFact,
    CollectionFact,
    ConfigClassFact,
    ConfigMapFact,
    ExposedViewFact,
    ExtensionFact,
    FlaskFacts,
    FunctionFact,
    SettingFact,
    ViewClassFact,
)
from webwarden.model.flask.named_extensions import imports_by_name
from webwarden.model.flask.pluggy_hooks import HOOK_CALL
from webwarden.model.flask_apps import APP_CLASSES, named_for_flask
from webwarden.model.project import ModuleSummary, module_files

_MAX_DEPTH = 6
REGISTRARS = frozenset({"flask_smorest.Api", "flask_smorest.api.Api"})
"""Extensions whose `register_blueprint` registers the blueprint on their app."""
_COOKIE_INTERFACE = "flask.sessions.SecureCookieSessionInterface"
_SESSION_INTERFACE = "flask.sessions.SessionInterface"
SERVER_SESSION_STORES = {"flask_session": "Flask-Session", "flask_kvsession": "Flask-KVSession"}
"""Package -> the name of the extension keeping sessions on the server."""
OWN_INTERFACE = "its own session interface"
"""How `server_store` names a project's own `SessionInterface` subclass."""


@dataclass(slots=True)
class Index:
    """Facts of every non-test module, keyed for the project step."""

    facts: list[tuple[str, FlaskFacts]] = field(default_factory=list)
    """(relpath, facts) in path order."""
    apps: dict[str, tuple[AppFact, str]] = field(default_factory=dict)
    blueprints: dict[str, tuple[BlueprintFact, str]] = field(default_factory=dict)
    extensions: dict[str, tuple[ExtensionFact, str]] = field(default_factory=dict)
    functions: dict[str, FunctionFact] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    calls_to: dict[str, list[CallFact]] = field(default_factory=lambda: defaultdict(list))
    method_calls: dict[str, list[CallFact]] = field(default_factory=lambda: defaultdict(list))
    """`pkg.Manager.init_app` -> the calls of it on instances (`manager.init_app(app)`,
    `manager = Manager()`): their arguments start at the method's second parameter."""
    config_classes: dict[str, tuple[ConfigClassFact, str]] = field(default_factory=dict)
    config_maps: dict[str, ConfigMapFact] = field(default_factory=dict)
    module_settings: dict[str, tuple[tuple[SettingFact, ...], str]] = field(default_factory=dict)
    view_classes: dict[str, ViewClassFact] = field(default_factory=dict)
    exposed_views: dict[str, tuple[ExposedViewFact, str]] = field(default_factory=dict)
    """Flask-AppBuilder / Flask-Admin view classes (and any class with bases) -> relpath."""
    admin_mounts: dict[str, set[AdminMountFact]] = field(default_factory=lambda: defaultdict(set))
    """Flask-Admin view classes -> the endpoints and URLs `add_view` gives them ("" ->
    the views added that are not made in the call)."""
    classful_views: dict[str, tuple[ClassfulViewFact, str]] = field(default_factory=dict)
    """Classes of modules that may hold Flask-Classful views -> their facts and relpath."""
    classful_registers: list[tuple[ClassfulRegisterFact, str]] = field(default_factory=list)
    imports: dict[str, dict[str, str]] = field(default_factory=dict)
    """Module -> its import aliases (to follow re-exports like `from .app import app`)."""
    paths: dict[str, str] = field(default_factory=dict)
    """Module -> relpath."""
    app_holders: dict[str, str] = field(default_factory=dict)
    same_objects: dict[str, str] = field(default_factory=dict)
    """A further name one assignment binds to a call's object -> the first name, whose
    facts they are (`FlaskFacts.same_objects`)."""
    """A class attribute an app is stored in (`AppFact.kept_as`) -> the app."""
    beside: dict[str, str] = field(default_factory=dict)
    """A first name the project's modules import that names no module of the project
    but a module beside the importing one (`from init import App` in `pkg/app.py`, with
    `pkg/init.py`) -> that module (`pkg.init`): see `_modules_beside`."""
    bound_later: dict[str, str] = field(default_factory=dict)
    """`ext.init_app(app)`: extension reference (as written) -> the app given."""
    open_modules: set[str] = field(default_factory=set)
    """Modules whose body may set names webwarden cannot list (`FlaskFacts.settings_open`)."""
    launch_environment: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Environment variable -> the texts the project's modules set it to as they run
    (`FlaskFacts.launch_environment`)."""
    bases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Class reference -> the references of its bases, for every class of the project."""
    app_classes: dict[str, str] = field(default_factory=dict)
    """App reference -> the project class it is an instance of (a Flask subclass)."""
    collections: dict[str, list[CollectionFact]] = field(default_factory=lambda: defaultdict(list))
    """Reference -> the tuples, lists and sets of names assigned to it."""
    named: dict[str, list[FunctionFact]] | None = None
    """Last name -> the project's methods so named, built when first asked."""
    subclass_extensions: dict[str, list[ExtensionFact]] = field(
        default_factory=lambda: defaultdict(list)
    )
    """Relpath -> the extension objects its module makes of a project subclass of an
    extension class (`talisman = SiteTalisman()` with `class SiteTalisman(Talisman)`)."""

    @classmethod
    def build(cls, summaries: dict[str, ModuleSummary]) -> Index:
        """Index the `flask` facts of every non-test module."""
        index = cls()
        code = {relpath: summary for relpath, summary in summaries.items() if not summary.is_test}
        index.paths = module_files(code)
        exports: dict[str, frozenset[str]] = {}
        for relpath in sorted(code):
            summary = code[relpath]
            if index.paths[summary.module] == relpath:
                index.imports[summary.module] = summary.imports
                exports[summary.module] = frozenset(summary.exports) - summary.imports.keys()
            facts = summary.facts.get("flask")
            if isinstance(facts, FlaskFacts):
                index.add(relpath, facts)
        index.beside = _modules_beside(index.imports, index.paths, exports)
        index.add_subclass_apps()
        index.key_calls_by_canonical_callee()
        return index

    def key_calls_by_canonical_callee(self) -> None:
        """Key the calls by what they call once every module's imports are known: a helper
        a package re-exports (`from app.admin import init_admin`, which
        `app/admin/__init__.py` imports from `app/admin/index.py`) is called as itself."""
        keyed: dict[str, list[CallFact]] = defaultdict(list)
        for callee, calls in self.calls_to.items():
            keyed[self.canonical(callee)].extend(calls)
        self.calls_to = keyed
        for function in self.functions.values():
            if function.implements_hook:
                name = function.ref.rpartition(".")[2]
                keyed[function.ref].extend(keyed.get(HOOK_CALL + name, ()))
        # NOTE: after `add_subclass_apps`, which knows the classes' bases.
        for callee, calls in keyed.items():
            method = self._bound_method(callee)
            if method is not None:
                self.method_calls[method].extend(calls)

    def handler(self, callee: str) -> FunctionFact | None:
        """The project function or method `callee` calls: by its reference, as a method of
        an instance of a project class (`_bound_method`), or, called on a module's object
        whose class the project chooses at run time (`user_mod =
        make_authenticator()`), the one method of the project of that name (the view
        itself may share it: `def consume_saml_assertion(): return
        user_mod.consume_saml_assertion()`)."""
        ref = self.canonical(callee)
        function = self.functions.get(ref) or self.functions.get(self._bound_method(ref) or "")
        if function is not None or "." not in ref:
            return function
        if self.named is None:
            self.named = defaultdict(list)
            for known in self.functions.values():
                if known.params[:1] == ("self",):
                    self.named[known.ref.rpartition(".")[2]].append(known)
        same = self.named.get(ref.rpartition(".")[2], [])
        return same[0] if len(same) == 1 else None

    def _bound_method(self, callee: str) -> str | None:
        """The project method `obj.method` calls when `obj` is an instance of a project
        class (`manager = Manager()`, or a parameter given one), else None."""
        bound = self.bound_method(callee)
        return None if bound is None else bound[1]

    def bound_method(self, callee: str) -> tuple[str, str] | None:
        """The project class `obj` is an instance of and the method (its own or a base's)
        `obj.method` calls (`manager = Manager()`, a parameter given one, or the object a
        call builds: `Manager().method`), else None."""
        if callee in self.functions:
            return None
        owner, _, method = callee.rpartition(".")
        for made_of in self._classes_of(owner) if owner else ():
            for cls in (made_of, *self.ancestors(made_of)):
                if f"{cls}.{method}" in self.functions:
                    return made_of, f"{cls}.{method}"
        return None

    def method_of(self, cls: str, name: str) -> str | None:
        """The method `name` an instance of the project class `cls` runs: its own or that
        of the nearest base defining it."""
        return next(
            (f"{c}.{name}" for c in (cls, *self.ancestors(cls)) if f"{c}.{name}" in self.functions),
            None,
        )

    def _classes_of(self, ref: str, depth: int = 0) -> set[str]:
        """The project classes `ref` may be an instance of: what made it, or what the
        callers give a parameter."""
        if depth > _MAX_DEPTH:
            return set()
        made_by = ref[:-2] if ref.endswith("()") else self.aliases.get(self.canonical(ref))
        if made_by is not None:
            # NOTE: `self.bases` lists only the classes of Flask modules; the caller
            # checks the class defines the method.
            return {self.canonical(made_by)}
        found: set[str] = set()
        if ":" in ref:
            for given in self.argument_refs(ref, depth):
                found |= self._classes_of(given, depth + 1)
        return found

    def add_subclass_apps(self) -> None:
        """`app = PgAdmin(__name__)` with `class PgAdmin(Flask)` makes an app too.

        NOTE: the class may live in another module than the app made of it, so this
        waits for the facts of every module.
        """
        self.bases = {ref: bases for _, facts in self.facts for ref, bases in facts.form_classes}
        self._add_subclass_blueprints()
        self._add_subclass_extensions()
        app_classes: set[str] = set()
        named_classes: set[str] = set()
        for ref in self.bases:
            line = self.ancestors(ref)
            if not APP_CLASSES.isdisjoint(line):
                app_classes.add(ref)
            elif any(self._named_library_flask(base) for base in line):
                named_classes.add(ref)
        if not app_classes and not named_classes:
            return
        for relpath, facts in self.facts:
            for alias in facts.aliases:
                if alias.app is None or alias.ref in self.apps:
                    continue
                # NOTE: a class the factory defines (`class CustomFlask(Flask)` in
                # `create_app`) is read as a local (`create_app:CustomFlask`) and defined
                # as a nested name (`create_app.CustomFlask`).
                made_of = self.canonical(alias.callee).replace(":", ".")
                if _makes_app(made_of, alias.app, app_classes, named_classes):
                    self._add_subclass_app(alias.ref, alias.app, relpath, made_of)
        # NOTE: a class no name is bound an instance of (`return MoinApp(...)`) is the app
        # itself, where its `super().__init__()` makes it.
        instantiated = set(self.app_classes.values())
        for relpath, facts in self.facts:
            for app in facts.self_apps:
                if app.ref in instantiated:
                    continue
                if _makes_app(app.ref, app, app_classes, named_classes):
                    self._add_subclass_app(app.ref, app, relpath, app.ref)

    def _add_subclass_app(self, ref: str, app: AppFact, relpath: str, made_of: str) -> None:
        self.apps[ref] = (app, relpath)
        self.app_classes[ref] = made_of

    def _named_library_flask(self, class_ref: str) -> bool:
        """Whether `class_ref` is a library class named as a kind of Flask (`SiteFlask` in
        `from sitekit.web import SiteFlask`) that `APP_CLASSES` does not list: the library
        is not scanned, so a project class's line cannot be followed through it to
        `Flask`."""
        return class_ref not in self.bases and "." in class_ref and named_for_flask(class_ref)

    def _add_subclass_blueprints(self) -> None:
        """`bp = I18nBlueprint("oauth", __name__)` with `class I18nBlueprint(Blueprint)`
        makes a blueprint too; so does `blueprint = get_blueprint("posts", __name__)` with
        a project function that returns a new one (`return Blueprint(name, import_name,
        template_folder=...)`): each call makes its own, so the name bound is that
        blueprint, as the routes its module adds to it say."""
        classes = {r for r in self.bases if BLUEPRINT_CLASSES & set(self.ancestors(r))}
        makers = classes | BLUEPRINT_CLASSES
        factories = {
            ref
            for ref, function in self.functions.items()
            if any(r.endswith("()") and self.canonical(r[:-2]) in makers for r in function.returns)
        }
        made_by = classes | factories
        for relpath, facts in self.facts if made_by else ():
            for alias in facts.aliases:
                made_of = self.canonical(alias.callee)
                if alias.blueprint is not None and made_of in made_by:
                    self.blueprints.setdefault(alias.ref, (alias.blueprint, relpath))

    def _add_subclass_extensions(self) -> None:
        """`talisman = SiteTalisman()` with `class SiteTalisman(Talisman)` (which overrides
        a method) makes a Talisman as `Talisman()` does: the extension is the nearest
        library class of the `flask_*` packages the class descends from, with the options
        of the call (a later `talisman.init_app(app, ...)` adds its own)."""
        kinds = {}
        for ref in self.bases:
            kind = next((a for a in self.ancestors(ref) if is_extension_class(a)), None)
            if kind is not None:
                kinds[ref] = kind
        for relpath, facts in self.facts if kinds else ():
            for alias in facts.aliases:
                kind = kinds.get(self.canonical(alias.callee).replace(":", "."))
                if kind is None or alias.ref in self.extensions:
                    continue
                fact = ExtensionFact(alias.ref, kind, alias.argument, alias.options, alias.location)
                self.extensions[alias.ref] = (fact, relpath)
                self.subclass_extensions[relpath].append(fact)

    def ancestors(self, class_ref: str) -> list[str]:
        """The base classes of a project class, theirs and so on (qualified names; those of
        library classes end the line)."""
        found: list[str] = []
        todo = [self.canonical(b) for b in self.bases.get(class_ref, ())]
        while todo:
            base = todo.pop(0)
            if base and base not in found:
                found.append(base)
                todo += [self.canonical(b) for b in self.bases.get(base, ())]
        return found

    def imports_any(self, targets: frozenset[str]) -> bool:
        """Whether some module of the project imports one of `targets` (qualified)."""
        return any(not targets.isdisjoint(names.values()) for names in self.imports.values())

    def sets_own_cookie(self, session_interface: str) -> bool:
        """Whether a session interface made by `session_interface` (a class or factory)
        may write the session cookie without Flask's `SESSION_COOKIE_*` settings: not
        Flask's own cookie interface, a subclass of it, nor Flask-Session's."""
        made_by = self.canonical(session_interface) if session_interface else ""
        return not any(
            ref == _COOKIE_INTERFACE or ref.startswith("flask_session.")
            for ref in (made_by, *self.ancestors(made_by))
        )

    def interface_cookie_flags(self, session_interface: str) -> frozenset[str]:
        """The flags (`secure`, `samesite`) the project's session interface made by
        `session_interface` gives every cookie it writes, from the nearest class of its
        line defining `save_session` (`interface_cookies.interface_cookie_flags`)."""
        made_by = self.canonical(session_interface) if session_interface else ""
        written = {ref: flags for _, facts in self.facts for ref, flags in facts.interface_cookies}
        for ref in (made_by, *self.ancestors(made_by)):
            if ref in written:
                return written[ref]
        return frozenset()

    def server_store(self, session_interface: str) -> str:
        """What keeps the sessions of an interface made by `session_interface` on the
        server, by an id the cookie carries: Flask-Session's or Flask-KVSession's
        interfaces (and subclasses), or a project's own `SessionInterface` subclass that is
        not Flask's cookie interface; "" for a cookie interface or a factory webwarden
        cannot see into."""
        made_by = self.canonical(session_interface) if session_interface else ""
        chain = (made_by, *self.ancestors(made_by))
        if _COOKIE_INTERFACE in chain:
            return ""
        for ref in chain:
            package = ref.split(".", 1)[0]
            if package in SERVER_SESSION_STORES:
                return SERVER_SESSION_STORES[package]
        if _SESSION_INTERFACE in chain:
            return f"{OWN_INTERFACE} `{made_by.rsplit('.', 1)[-1]}`"
        return ""

    def add(self, relpath: str, facts: FlaskFacts) -> None:
        """Index one module's facts."""
        self.facts.append((relpath, facts))
        for app in facts.apps:
            self.apps[app.ref] = (app, relpath)
            for kept in app.kept_as:
                self.app_holders[kept] = app.ref
        for blueprint in facts.blueprints:
            self.blueprints[blueprint.ref] = (blueprint, relpath)
        self.same_objects.update(facts.same_objects)
        for extension in facts.extensions:
            if extension.ref:
                self.extensions[extension.ref] = (extension, relpath)
        for init in facts.init_apps:
            self.bound_later[init.extension] = init.app
        for function in facts.functions:
            self.functions[function.ref] = function
        for call in facts.calls:
            self.calls_to[call.callee].append(call)
        for variable, text in facts.launch_environment:
            self.launch_environment[variable].add(text)
        self.add_config(relpath, facts)
        for view in facts.view_classes:
            self.view_classes[view.ref] = view
        for exposed in facts.exposed_views:
            self.exposed_views[exposed.ref] = (exposed, relpath)
        for mount in facts.admin_mounts:
            self.admin_mounts[mount.view].add(mount)
        for classful in facts.classful_views:
            self.classful_views[classful.ref] = (classful, relpath)
        self.classful_registers += [(r, relpath) for r in facts.classful_registers]
        for collection in facts.collections:
            self.collections[collection.ref].append(collection)

    def add_config(self, relpath: str, facts: FlaskFacts) -> None:
        """Index the config classes, mappings, module settings and names bound to calls
        (`Config = ServerConfig()`, which `from_object` may be given) of a module."""
        for alias in facts.aliases:
            self.aliases[alias.ref] = alias.callee
        for config_class in facts.config_classes:
            self.config_classes[config_class.ref] = (config_class, relpath)
        for mapping in facts.config_maps:
            self.config_maps[mapping.ref] = mapping
        self.module_settings[facts.module] = (facts.module_settings, relpath)
        if facts.settings_open:
            self.open_modules.add(facts.module)

    def _known(self, ref: str) -> bool:
        return ref in self.module_settings or self._known_object(ref)

    def _known_object(self, ref: str) -> bool:
        return any(
            ref in table
            for table in (
                self.apps,
                self.blueprints,
                self.extensions,
                self.functions,
                self.config_classes,
                self.config_maps,
                self.view_classes,
                self.collections,
            )
        )

    def _bound_over_module(self, ref: str) -> bool:
        """Whether `ref` is known only as a module (`pkg.views.do`, holding settings) whose
        package binds the same name to another object (`from .do import do` in
        `pkg/views/__init__.py`): importing the submodule sets the package's attribute to
        the module, then the binding replaces it, so `from pkg.views import do` (or
        werkzeug's `import_string`) gets the object."""
        if ref not in self.module_settings or self._known_object(ref):
            return False
        package, _, name = ref.rpartition(".")
        bound = self.imports.get(package, {}).get(name)
        return bound is not None and bound != ref

    def canonical(self, ref: str) -> str:
        """Follow re-exports: `pkg.app` -> `pkg.app_module.app` when `pkg` imports it."""
        for _ in range(_MAX_DEPTH):
            if self._known(ref) and not self._bound_over_module(ref):
                return ref
            if ref in self.same_objects:
                ref = self.same_objects[ref]
                continue
            first, dot, rest = ref.partition(".")
            if first in self.beside:
                ref = f"{self.beside[first]}{dot}{rest}"
                continue
            parts = ref.split(".")
            for split in range(len(parts) - 1, 0, -1):
                module, name = ".".join(parts[:split]), parts[split]
                if split + 1 < len(parts) and f"{module}.{name}" in self.imports:
                    # NOTE: a path through a submodule (`CTFd.api.v1.users.ns`) is that
                    # module's, even where the package imports a like-named object
                    # (`from CTFd.api import api`, the blueprint): imports find modules.
                    return ref
                target = self.imports.get(module, {}).get(name)
                if target is not None and target != ref:
                    ref = ".".join([target, *parts[split + 1 :]])
                    break
            else:
                return ref
        return ref

    def argument_refs(self, ref: str, depth: int = 0) -> list[str]:
        """What a parameter reference `pkg.func:param` is given by the callers of `func`."""
        if depth > _MAX_DEPTH:
            return []
        param = ref.partition(":")[2]
        found = []
        for call, at in self._callers(ref):
            given = dict(call.keywords).get(param)
            if given is None and at < len(call.args):
                given = call.args[at]
            if given is not None:
                found.append(given)
        return found

    def unset_arguments(self, ref: str) -> list[tuple[str, str]]:
        """(variable, text) for each caller handing the parameter `pkg.func:param` a value
        read from the environment that is that text while the variable is unset."""
        param = ref.partition(":")[2]
        found = []
        for call, at in self._callers(ref):
            places = {param, str(at)}
            found += [(variable, text) for place, variable, text in call.unset if place in places]
        return found

    def _callers(self, ref: str) -> list[tuple[CallFact, int]]:
        """The calls of the function of a parameter reference, each with the position
        the parameter takes among that call's arguments."""
        function_ref, _, param = ref.partition(":")
        function = self.functions.get(function_ref)
        if function is None or param not in function.params:
            return []
        position = function.params.index(param)
        callers = [(call, position) for call in self.calls_to.get(function_ref, ())]
        if position > 0:
            callers += [(call, position - 1) for call in self.method_calls.get(function_ref, ())]
        owner, _, name = function_ref.rpartition(".")
        if name == "init_app" and position > 0:
            # NOTE: Flask's extension convention: `Session(app, config)` hands the app to
            # `init_app(self, app, config)` (SecureDrop's session extension).
            callers += [(call, position - 1) for call in self.calls_to.get(owner, ())]
        return callers

    def apps_of(self, ref: str | None, depth: int = 0) -> set[str]:
        """The app references `ref` may stand for."""
        if ref is None or depth > _MAX_DEPTH:
            return set()
        found: set[str] = set()
        made_by = ref[:-2] if ref.endswith("()") else None  # NOTE: a factory's result
        if made_by is not None and self.canonical(made_by) in self.apps:
            return {self.canonical(made_by)}  # NOTE: `MoinApp()`, a class that is an app
        ref = self.canonical(ref)
        if ref in self.apps:
            return {ref}
        if ref in self.app_holders:
            return {self.app_holders[ref]}
        if ref.endswith(".app"):
            wrapper = self.canonical(ref[:-4])
            if wrapper in self.apps and self.apps[wrapper][0].wrapped:
                return {wrapper}
        registrar = self.extensions.get(ref)
        if registrar is not None and registrar[0].kind in REGISTRARS:
            # NOTE: flask-smorest's `Api(app).register_blueprint(bp)` registers on the app.
            return self.apps_of(registrar[0].app or self._bound_app(ref), depth + 1)
        found |= self._instances_of_self(ref)
        found |= self._kept_on_self(ref)
        callee = made_by if made_by is not None else self.aliases.get(ref)
        if callee is not None:
            function = self.functions.get(self.canonical(callee))
            for returned in function.returns if function else ():
                found |= self.apps_of(returned, depth + 1)
        if ":" in ref:
            given_refs = self.argument_refs(ref, depth)
            for given in given_refs:
                found |= self.apps_of(given, depth + 1)
            if not given_refs:
                found |= self._only_app_for_uncalled(ref)
        return found

    def _only_app_for_uncalled(self, ref: str) -> set[str]:
        """`pkg.views.configure:app`: the project's only app, for a parameter named as an
        app (`names_an_app`) of a function no code of the project calls, in a project
        that imports objects by their dotted names (`imports_by_name`). Such a set-up
        function (`def configure(app): @app.route(...)`) is called by a loader that
        imports it by the name a setting lists: the app it is handed is the one the
        project makes. Not when the project makes several apps, which one is not known,
        nor in a project importing nothing by name, where no code calls the function."""
        function_ref, _, param = ref.partition(":")
        function = self.functions.get(function_ref)
        if (
            len(self.apps) != 1
            or function is None
            or param not in function.params
            or not names_an_app(param)
            or self._callers(ref)
            or not self._imports_by_name()
        ):
            return set()
        return set(self.apps)

    def _imports_by_name(self) -> bool:
        return imports_by_name(t for names in self.imports.values() for t in names.values())

    def _bound_app(self, extension: str) -> str | None:
        for written, app in self.bound_later.items():
            if self.canonical(written) == extension:
                return app
        return None

    def _instances_of_self(self, ref: str) -> set[str]:
        """`pkg.MoinApp.register:self`: the apps made of the Flask subclass (or of a
        subclass of it) whose method reads `self`."""
        function_ref, _, param = ref.partition(":")
        if param != "self":
            return set()
        owner = function_ref.rpartition(".")[0]
        return {
            app
            for app, made_of in self.app_classes.items()
            if made_of == owner or owner in self.ancestors(made_of)
        }

    def _kept_on_self(self, ref: str) -> set[str]:
        """`pkg.Web.define_routes:self.app`: the app another method of the class, or of a
        class it inherits from, keeps on the same attribute (`self.app = Flask(__name__)`
        in `__init__`): every method of an instance reads the one object."""
        function_ref, _, path = ref.partition(":")
        if not path.startswith("self.") or "." in path[5:]:
            return set()
        owner = function_ref.rpartition(".")[0]
        if owner not in self.bases:
            return set()
        classes = {owner, *self.ancestors(owner)}
        found = set()
        for app in self.apps:
            made_in, _, kept_as = app.partition(":")
            if kept_as == path and made_in.rpartition(".")[0] in classes:
                found.add(app)
        return found

    def members(self, ref: str, depth: int = 0, seen: set[str] | None = None) -> list[str]:
        """What a loop over `ref` goes over (`for bp in BLUEPRINTS`): the members assigned
        to it, those of the collections among them, and those of the collections a
        parameter is given (`configure_blueprints(app, blueprints)`); `ref` itself when
        it holds no collection."""
        seen = set() if seen is None else seen
        canonical = self.canonical(ref)
        if canonical in seen or depth > _MAX_DEPTH:
            return []
        parts = [m for c in self.collections.get(canonical, ()) for m in c.members]
        parts += self.argument_refs(canonical, depth) if ":" in canonical else []
        if not parts:
            return [ref]
        seen.add(canonical)
        return [m for part in parts for m in self.members(part, depth + 1, seen)]

    def blueprint_of(self, ref: str | None, depth: int = 0) -> str | None:
        """The blueprint reference `ref` stands for, if any."""
        if ref is None or depth > _MAX_DEPTH:
            return None
        if ref.endswith("()"):
            return self._returned_blueprint(ref[:-2], depth)
        ref = self.canonical(ref)
        if ref in self.blueprints:
            return ref
        callee = self.aliases.get(ref)
        if callee is not None:
            found = self._returned_blueprint(callee, depth)
            if found is not None:
                return found
        if ":" in ref:
            for given in self.argument_refs(ref, depth):
                found = self.blueprint_of(given, depth + 1)
                if found is not None:
                    return found
        return None

    def made_by(self, ref: str) -> str:
        """The callee whose call made a value: `pkg.Form()` (a returned call, as facts
        write it), or a name bound to a call (`form = Form()`, an extension object
        `auth = HTTPTokenAuth()`); "" for neither."""
        if ref.endswith("()"):
            return self.canonical(ref[:-2])
        callee = self.aliases.get(ref)
        if callee is None and ref in self.extensions:
            # NOTE: an extension object is kept apart from other names bound to calls
            # (`auth = HTTPTokenAuth(scheme="Bearer")`), its class beside it.
            callee = self.extensions[ref][0].kind
        return self.canonical(callee) if callee is not None else ""

    def _returned_blueprint(self, function_ref: str, depth: int) -> str | None:
        """The blueprint a factory returns (`bp = Blueprint(...)`; `return bp`)."""
        function = self.functions.get(self.canonical(function_ref))
        for returned in function.returns if function else ():
            found = self.blueprint_of(returned, depth + 1)
            if found is not None:
                return found
        return None

    def defaults_of(self, ref: str) -> list[str]:
        """`pkg.create_app:config_class` -> its default and what non-test callers pass."""
        function_ref, _, param = ref.partition(":")
        function = self.functions.get(function_ref)
        found = [r for name, r in function.defaults if name == param] if function else []
        return found + self.argument_refs(ref)


def _makes_app(made_of: str, app: AppFact, app_classes: set[str], named_classes: set[str]) -> bool:
    """Whether an instance of the project class `made_of`, made as `app` says, is a Flask
    app: the class descends from a Flask class `APP_CLASSES` lists, or from a library
    class named for Flask and the instance is given the import name Flask's constructor
    takes first (`Portal(__name__)`), as `named_flask_class` asks of a call of such a
    class itself."""
    return made_of in app_classes or (made_of in named_classes and bool(app.import_name))


def _modules_beside(
    imports: dict[str, dict[str, str]], paths: dict[str, str], exports: dict[str, frozenset[str]]
) -> dict[str, str]:
    """First names imported as top-level modules (`from init import App`) that no module
    of the project nor of the standard library has, but a module beside the importing one
    does (`pkg/init.py` for `pkg/app.py`) and defines every name taken from it: Python 2
    imported it so (an implicit relative import), and Python 3 does when the app runs
    from that folder (`sys.path[0]`) or puts it on `sys.path`. Not a library the project
    does not ship that a package of it shares a name with (`from flask import Flask`
    beside `pkg/flask/`, which defines no `Flask`): one name taken from it that the
    module beside does not define (or only imports), a bare `import first`, or two
    packages that would differ leave the name alone."""
    tops = {module.partition(".")[0] for module in paths}
    found: dict[str, str] = {}
    clashes: set[str] = set()
    for module, aliases in imports.items():
        package = module.rpartition(".")[0]
        if not package:
            continue
        for target in aliases.values():
            first, _, rest = target.partition(".")
            if not first or first in tops or first in sys.stdlib_module_names:
                continue
            beside = f"{package}.{first}"
            if beside == module or beside not in paths:
                continue
            name = rest.partition(".")[0]
            defined = name in exports.get(beside, ()) or f"{beside}.{name}" in paths
            if not defined or found.setdefault(first, beside) != beside:
                clashes.add(first)
    return {first: beside for first, beside in found.items() if first not in clashes}
