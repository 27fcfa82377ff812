"""The per-file step of the Flask model: one walk over a module, returning `FlaskFacts`.

Runs only on modules that import Flask, a Flask extension or WTForms, import an app factory, or
look like config modules (cheap checks on names), so most modules of a big project cost
nothing here. Config modules only `from_object` reaches are read in the project step.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from webwarden.analysis.constants import UNKNOWN
from webwarden.model.environment_sets import module_level_sets
from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.flask.admin_mounts import admin_mounts as admin_mounts_of
from webwarden.model.flask.app import gates_login, header_gate, header_only, verifies_jwt
from webwarden.model.flask.caller_checks import verifies_caller
from webwarden.model.flask.caller_predicates import proves_caller
from webwarden.model.flask.captcha import captcha_forms
from webwarden.model.flask.classful_facts import classful_view_facts, register_fact
from webwarden.model.flask.config_choices import config_choices
from webwarden.model.flask.config_gates import config_gate
from webwarden.model.flask.config_objects import made_config, replaced_config
from webwarden.model.flask.facts import (
    FALSY_USER,
    AliasFact,
    ApiFact,
    AppFact,
    AttributeFact,
    BlueprintFact,
    BodyFacts,
    CallFact,
    ClassfulRegisterFact,
    CollectionFact,
    ConfigOp,
    ExtensionFact,
    FlaskFacts,
    FunctionFact,
    HookFact,
    InitAppFact,
    NamespaceFact,
    Options,
    RegisterFact,
    RestyNaming,
    RouteCallFact,
    RouteFact,
    RunFact,
    SettingFact,
    TableRouteFact,
)
from webwarden.model.flask.frame_wrappers import policy_fact
from webwarden.model.flask.header_sessions import header_session_prefixes
from webwarden.model.flask.hook_passes import passes
from webwarden.model.flask.hooks import HookCall, called_hooks, hook_call_of, hooks_of
from webwarden.model.flask.interface_cookies import interface_cookie_flags
from webwarden.model.flask.method_checks import leading_check
from webwarden.model.flask.page_templates import module_renders_pages
from webwarden.model.flask.pluggy_hooks import hook_called, implements_hook
from webwarden.model.flask.references import Namer
from webwarden.model.flask.registers import collection_fact, looped_objects, register_facts
from webwarden.model.flask.request_names import reading_requests, request_candidates
from webwarden.model.flask.request_parsers import request_parsers
from webwarden.model.flask.resource_adders import resource_adders
from webwarden.model.flask.route_helpers import route_call_fact as helper_route_call
from webwarden.model.flask.session_scopes import yielded_session
from webwarden.model.flask.settings import (
    config_classes,
    config_maps,
    config_op,
    handed_config_ops,
    module_settings,
    settings_open,
)
from webwarden.model.flask.sign_in_forms import password_forms, sign_in_forms
from webwarden.model.flask.tables import resource_tables, table_calls, table_route
from webwarden.model.flask.token_compares import refuses_token_mismatch, self_calls
from webwarden.model.flask.token_wrappers import token_checked_forms
from webwarden.model.flask.unset_choices import unset_arguments
from webwarden.model.flask.upload_forms import form_fields
from webwarden.model.flask.view_body import (
    refuses_anonymous,
    runs_on_submit,
    validates_own_form,
    wraps_writing_nothing,
)
from webwarden.model.flask.view_modules import may_hold_views
from webwarden.model.flask.views import (
    add_resource_facts,
    add_url_rule_fact,
    added_namespaces,
    class_route_facts,
    exposed_view_fact,
    namespace_fact,
    route_call_fact,
    route_facts,
    view_class_fact,
)
from webwarden.model.flask.wrapped_views import wrapped_views
from webwarden.model.flask_apps import APP_CLASSES, named_flask_class
from webwarden.model.module import FileContext, identifier_words
from webwarden.model.sso_answers import checks_saml_answer
from webwarden.model.switches import DEBUG, under_switch
from webwarden.model.tree import super_method, walk

_RESTY_RESOLVERS = frozenset({"connexion.RestyResolver", "connexion.resolver.RestyResolver"})
WRAPPING_CLASSES = frozenset(
    {
        "connexion.App",
        "connexion.FlaskApp",
        "connexion.apps.flask.FlaskApp",
        "connexion.apps.flask_app.FlaskApp",
    }
)
"""Connexion's apps: an instance runs (`run(debug=...)`) and holds a Flask app as its
`.app`, which the project configures (`connexion_app.app.config["SECRET_KEY"]`)."""
_APP_LIBRARIES = ("flask", "apiflask", "flask_openapi3", "eve", "connexion")
BLUEPRINT_CLASSES = frozenset(
    {
        "flask.Blueprint",
        "flask.blueprints.Blueprint",
        "flask_smorest.Blueprint",
        "flask_smorest.blueprint.Blueprint",
        "apiflask.APIBlueprint",
        "apiflask.blueprint.APIBlueprint",
    }
)
"""Flask's blueprints and libraries' subclasses of them (flask-smorest, APIFlask)."""
_CONFIG_METHODS = frozenset(
    {
        "update",
        "from_mapping",
        "setdefault",
        "from_object",
        "from_pyfile",
        "from_file",
        "from_envvar",
        "from_prefixed_env",
    }
)
CONFIG_ATTRIBUTES = {
    "secret_key": "SECRET_KEY",
    "debug": "DEBUG",
    "testing": "TESTING",
    "permanent_session_lifetime": "PERMANENT_SESSION_LIFETIME",
    "session_cookie_name": "SESSION_COOKIE_NAME",
}
_ENGINES = frozenset(
    {
        "sqlalchemy.create_engine",
        "sqlalchemy.ext.asyncio.create_async_engine",
        "sqlalchemy.engine.create_engine",
    }
)
_FACTORY_NAMES = frozenset({"create_app", "make_app", "app", "application", "get_app"})
_CONFIG_FILE = re.compile(r"(^|/)[^/]*(config|settings|conf)[^/]*\.py(\.[\w-]+)?$")


@dataclass(slots=True)
class _Collected:
    apps: list[AppFact] = field(default_factory=list)
    blueprints: list[BlueprintFact] = field(default_factory=list)
    ops: list[ConfigOp] = field(default_factory=list)
    extensions: list[ExtensionFact] = field(default_factory=list)
    init_apps: list[InitAppFact] = field(default_factory=list)
    apis: list[ApiFact] = field(default_factory=list)
    attributes: list[AttributeFact] = field(default_factory=list)
    runs: list[RunFact] = field(default_factory=list)
    registers: list[RegisterFact] = field(default_factory=list)
    calls: list[CallFact] = field(default_factory=list)
    aliases: list[AliasFact] = field(default_factory=list)
    engines: list[SettingFact] = field(default_factory=list)
    hooks: list[HookFact] = field(default_factory=list)
    namespaces: list[NamespaceFact] = field(default_factory=list)
    table_routes: list[TableRouteFact] = field(default_factory=list)
    collections: list[CollectionFact] = field(default_factory=list)
    classful_registers: list[ClassfulRegisterFact] = field(default_factory=list)
    route_calls: list[RouteCallFact] = field(default_factory=list)
    same_objects: list[tuple[str, str]] = field(default_factory=list)
    socket_namespaces: list[tuple[str, str]] = field(default_factory=list)
    socket_handlers: list[str] = field(default_factory=list)


def imports_flask(ctx: FileContext) -> bool:
    """Whether the module imports Flask, a `flask_*` extension or a library whose app is
    a Flask app (APIFlask, Eve)."""
    return any(
        q.split(".", 1)[0] in _APP_LIBRARIES or q.startswith("flask_")
        for q in ctx.names.aliases.values()
    )


_FORM_LIBRARIES = frozenset({"wtforms", "baseframe"})
"""WTForms, and libraries whose forms module wraps it (hasgeek's baseframe: `forms.Form`)."""


def _imports_wtforms(ctx: FileContext) -> bool:
    """A forms module may import `FlaskForm` from the project's own module (a `compat.py`
    trying `FlaskForm`, then the old `Form`) and only WTForms' fields from a library, or
    import its forms from a library wrapping WTForms and nothing of Flask."""
    return any(q.split(".", 1)[0] in _FORM_LIBRARIES for q in ctx.names.aliases.values())


def names_an_app(name: str) -> bool:
    """`create_app`, `app`, or a name ending in the word app (`vuln_app`, `flask_app`):
    a module importing one may run or set up the app it names. A class (`App`, a Django
    model of installed integrations) is none: an app is an object or its factory."""
    if name in _FACTORY_NAMES:
        return True
    return name[:1].islower() and identifier_words(name)[-1:] in (["app"], ["application"])


_INIT_METHODS = frozenset({"init_app", "setup_app"})
"""An extension's method attaching it to an app: Flask's convention, and the name older
releases of extensions gave it (Flask-Login before 0.5's `login_manager.setup_app(app)`)."""
_SETUP_CALLS = (
    "register_blueprint",
    "init_app",
    "setup_app",
    "add_url_rule",
    "add_resource",
    "add_view",
)
"""Methods a module calls on an app, blueprint or API object it is handed."""


_ADD_VIEW = frozenset({"add_view"})


def _sets_up(ctx: FileContext) -> bool:
    """Whether the module may call a setup method (`_SETUP_CALLS`). `add_view` is also
    a method of Django's `ModelAdmin` that admin modules override and call on `super()`
    or `self`: only a call on another object (Flask-Admin's `admin.add_view(...)`) counts."""
    if any(ctx.mentions(word) for word in _SETUP_CALLS if word not in _ADD_VIEW):
        return True
    return ctx.mentions("add_view") and any(
        isinstance(call := ctx.parent(node), ast.Call)
        and call.func is node
        and not (isinstance(node.value, ast.Name) and node.value.id == "self")
        and not (isinstance(node.value, ast.Call) and ctx.call_name(node.value) == "super")
        for node in ctx.attributes(_ADD_VIEW)
    )


def _wanted(ctx: FileContext) -> bool:
    if imports_flask(ctx) or _imports_wtforms(ctx) or may_hold_views(ctx):
        return True
    if any(names_an_app(q.rsplit(".", 1)[-1]) for q in ctx.names.aliases.values()):
        return True
    if _sets_up(ctx):
        # NOTE: a package's `init_app(app)` that registers the blueprints and extensions
        # it imports from its own modules (PowerDNS-Admin's routes/__init__.py), or a
        # `configure_routes(app)` adding the views of its own modules by `add_url_rule`,
        # need not import Flask itself.
        return True
    if ctx.mentions(".run(") and _runs_own_object(ctx):
        return True
    if any(_binds_app_of_module(node) for node in ctx.nodes(ast.Assign)):
        # NOTE: `app = main.get_app()` in a `wsgi.py` that other modules import the app
        # from (and run it): the name stands for the app the factory returns.
        return True
    if any(_binds_own_class_instance(ctx, node) for node in ctx.nodes(ast.Assign)):
        # NOTE: `app = SiteApp("site")` in a factory that imports the project's own
        # subclass of Flask from another of its modules, not Flask itself.
        return True
    if (ctx.mentions("run_simple") or ctx.mentions("WSGIServer")) and any(
        q.startswith(("werkzeug", "gevent")) for q in ctx.names.aliases.values()
    ):
        # NOTE: a `wsgi.py` serving the project's apps with Werkzeug's `run_simple`
        # (or gevent's `WSGIServer`) imports their factories, not Flask.
        return True
    if ctx.mentions("contextmanager") and any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and yielded_session(ctx, node) is not None
        for node in ctx.tree.body
    ):
        # NOTE: a module of database helpers whose session scope the views use
        # (`with session_scope() as session:`), which need not import Flask.
        return True
    return ctx.is_settings_module or bool(_CONFIG_FILE.search(ctx.relpath))


def _runs_own_object(ctx: FileContext) -> bool:
    """`app = WebApp(__name__)` then `app.run(debug=True)`: a module that runs an object
    it made of a class (a project's app class, defined in a module that imports Flask
    or a library app deriving from it, while this one imports neither), or an app it
    reaches through a module it imports (`wsgi.app.run(...)`, `app = main.get_app()`
    then `app.run(...)`: an app object or factory named as such, `names_an_app`)."""
    made = {
        target.id
        for node in ctx.nodes(ast.Assign)
        if isinstance(node, ast.Assign)
        and (_made_of_class(node.value) or _names_app_of_module(node.value))
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "run"
        and (
            (isinstance(node.func.value, ast.Name) and node.func.value.id in made)
            or _names_app_of_module(node.func.value)
        )
        for node in ctx.nodes(ast.Call)
    )


def _binds_app_of_module(node: ast.AST) -> bool:
    """`app = main.get_app()`: a name of an app bound to an app of another module."""
    return (
        isinstance(node, ast.Assign)
        and _names_app_of_module(node.value)
        and any(isinstance(t, ast.Name) and names_an_app(t.id) for t in node.targets)
    )


def _binds_own_class_instance(ctx: FileContext, node: ast.AST) -> bool:
    """`app = SiteApp("site")`: a name of an app bound to an instance of a class the
    module imports from its own project (the project step tells whether it is a Flask)."""
    if not (
        isinstance(node, ast.Assign)
        and _made_of_class(node.value)
        and any(isinstance(t, ast.Name) and names_an_app(t.id) for t in node.targets)
    ):
        return False
    assert isinstance(node.value, ast.Call)  # noqa: S101 - checked by _made_of_class
    made_of = ctx.names.qualified(node.value.func) or ""
    own = ctx.module.partition(".")[0]
    return bool(own) and made_of.partition(".")[0] == own


def _names_app_of_module(value: ast.expr) -> bool:
    """`wsgi.app` or `main.get_app()`: an attribute of a name, or a call of one, that
    names an app or its factory."""
    if isinstance(value, ast.Call):
        value = value.func
    return (
        isinstance(value, ast.Attribute)
        and isinstance(value.value, ast.Name)
        and names_an_app(value.attr)
    )


def _made_of_class(value: ast.expr) -> bool:
    """A call of a name spelt as a class's (`WebApp(...)`, `web.WebApp(...)`)."""
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    name = (
        func.id
        if isinstance(func, ast.Name)
        else func.attr
        if isinstance(func, ast.Attribute)
        else ""
    )
    return name[:1].isupper()


def extract(
    ctx: FileContext, *, force: bool = False, refuted: frozenset[str] = frozenset()
) -> FlaskFacts | None:
    """The Flask facts of one module, or None when it has nothing to do with Flask.

    `force` extracts from any module (the project step reading a config file). Test code
    has none otherwise: the Flask model is built from application modules only (see
    `Index.build`). The names the module imports that may be Flask's request are read as
    it, but those `refuted` (`request_names`).
    """
    if not force and (ctx.is_test_file or not _wanted(ctx)):
        return None
    candidates = {
        local: qualified
        for local, qualified in request_candidates(ctx).items()
        if qualified not in refuted
    }
    ctx = reading_requests(ctx, candidates)
    namer = Namer(ctx)
    found = _Collected()
    routes: list[RouteFact] = []
    view_classes = []
    exposed_views = []
    admin_mounts = []
    defined: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
    class_nodes: list[ast.ClassDef] = []
    returned: dict[int, list[ast.Name | ast.Call | ast.Attribute]] = {}
    hook_calls: list[HookCall] = []
    enclosing = ctx.scopes.enclosing_function
    session = any(q == "flask.session" for q in ctx.names.aliases.values())
    remembers = False
    forwarders = _resource_forwarders(ctx)
    for node in walk(ctx.tree):
        if not session and isinstance(node, ast.Attribute) and node.attr == "session":
            session = ctx.qualified(node) == "flask.session"  # NOTE: `flask.session[...]`
        if isinstance(node, ast.Assign | ast.AnnAssign):
            _assignment(namer, node, found)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            _extension(namer, node.value, "", found)
        elif isinstance(node, ast.Return) and isinstance(
            node.value, ast.Name | ast.Call | ast.Attribute
        ):
            returned.setdefault(id(enclosing(node)), []).append(_uncast(ctx, node.value))
        if isinstance(node, ast.Call):
            _call(namer, node, found, routes, forwarders)
            remembers = remembers or _remembers_login(ctx, node)
            if (hook_call := hook_call_of(ctx, node)) is not None:
                hook_calls.append(hook_call)
            admin_mounts += admin_mounts_of(namer, node)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            defined.append(node)
            routes.extend(route_facts(namer, node))
            found.hooks.extend(hooks_of(namer, node))
        elif isinstance(node, ast.For) and (wrapping := wrapped_views(namer, node)) is not None:
            found.hooks.append(wrapping)
        elif isinstance(node, ast.ClassDef):
            class_nodes.append(node)
            routes.extend(class_route_facts(namer, node))
            view = view_class_fact(namer, node)
            if view is not None:
                view_classes.append(view)
            exposed = exposed_view_fact(namer, node)
            if exposed is not None:
                exposed_views.append(exposed)
    # NOTE: one walk finds every function's own `return name`s (a walk of each function
    # would visit nested functions again and again).
    flask = imports_flask(ctx)
    views = flask or may_hold_views(ctx)
    tables = resource_tables(namer)
    bodies = {id(f): namer.body(f) for f in defined}
    functions = [
        _function(namer, f, bodies[id(f)], returned.get(id(f), ()), views) for f in defined
    ]
    registers = tuple(found.classful_registers)
    found.hooks.extend(called_hooks(namer, hook_calls, defined))
    classes = tuple(
        (namer.function_ref(c), tuple(namer.ref(b) or "" for b in c.bases)) for c in class_nodes
    )
    return FlaskFacts(
        module=ctx.module,
        imports_flask=flask,
        apps=tuple(found.apps),
        blueprints=tuple(found.blueprints),
        config_ops=tuple(sorted(found.ops, key=lambda op: (op.location.line, op.location.column))),
        config_classes=config_classes(namer),
        config_maps=config_maps(namer) + config_choices(namer),
        module_settings=module_settings(namer),
        settings_open=settings_open(ctx.tree),
        extensions=tuple(found.extensions),
        init_apps=tuple(found.init_apps),
        attributes=tuple(found.attributes),
        routes=tuple(routes),
        view_classes=tuple(view_classes),
        exposed_views=tuple(exposed_views),
        admin_mounts=tuple(admin_mounts),
        classful_views=classful_view_facts(namer, class_nodes, bodies, registers, flask),
        classful_registers=registers,
        hooks=tuple(found.hooks),
        runs=tuple(found.runs),
        launch_environment=module_level_sets(ctx),
        apis=tuple(found.apis),
        registers=tuple(found.registers),
        calls=tuple(found.calls),
        aliases=tuple(found.aliases),
        namespaces=tuple(found.namespaces),
        socket_namespaces=tuple(found.socket_namespaces),
        socket_handlers=tuple(found.socket_handlers + _socket_events(namer, defined)),
        resource_tables=tuple(tables),
        table_calls=tuple(table_calls(namer, tables)),
        table_routes=tuple(found.table_routes),
        route_calls=tuple(found.route_calls),
        same_objects=tuple(found.same_objects),
        collections=tuple(found.collections),
        functions=tuple(functions),
        resource_adders=resource_adders(namer, class_nodes, BLUEPRINT_CLASSES) if flask else (),
        request_parsers=request_parsers(namer) if flask else (),
        form_classes=classes if flask or _imports_wtforms(ctx) else (),
        form_csrf=tuple(_form_csrf(namer, class_nodes)) if flask or _imports_wtforms(ctx) else (),
        sign_in_forms=tuple(sign_in_forms(namer, class_nodes)) if _imports_wtforms(ctx) else (),
        password_forms=tuple(password_forms(namer, class_nodes)) if _imports_wtforms(ctx) else (),
        captcha_forms=tuple(captcha_forms(namer, class_nodes)) if _imports_wtforms(ctx) else (),
        form_fields=tuple(form_fields(namer, class_nodes)) if _imports_wtforms(ctx) else (),
        class_attributes=_class_attributes(namer, class_nodes) if flask else (),
        self_apps=tuple(_self_apps(namer, class_nodes)) if flask else (),
        engine_urls=tuple(found.engines),
        header_sessions=tuple(header_session_prefixes(ctx, class_nodes)) if flask else (),
        interface_cookies=tuple(interface_cookie_flags(namer, class_nodes)) if flask else (),
        uses_session=flask and session,
        renders_html=flask and module_renders_pages(ctx),
        remembers_logins=remembers,
        request_candidates=tuple(sorted(set(candidates.values()))),
    )


_LOGIN_USER = ("flask_login.", "flask_security.")


def _form_csrf(namer: Namer, classes: list[ast.ClassDef]) -> Iterator[tuple[str, bool]]:
    """(class reference, its `Meta.csrf`) of the classes whose nested `class Meta` sets
    `csrf` to a constant: WTForms reads it, and Flask-WTF's `FlaskForm` checks no token
    when it is False."""
    for node in classes:
        for meta in node.body:
            if not (isinstance(meta, ast.ClassDef) and meta.name == "Meta"):
                continue
            for statement in meta.body:
                if (
                    isinstance(statement, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "csrf" for t in statement.targets)
                    and isinstance(statement.value, ast.Constant)
                ):
                    yield namer.function_ref(node), bool(statement.value.value)


def _remembers_login(ctx: FileContext, call: ast.Call) -> bool:
    """`login_user(user, remember=...)` (Flask-Login's, or Flask-Security's) with a
    `remember` that is not the constant False (Flask-Login's default)."""
    name = ctx.qualified(call.func) or ""
    if not (name.startswith(_LOGIN_USER) and name.endswith(".login_user")):
        return False
    given = [k.value for k in call.keywords if k.arg in {"remember", None}] + call.args[1:2]
    if any(isinstance(a, ast.Starred) for a in call.args):
        return True
    return any(not (isinstance(g, ast.Constant) and not g.value) for g in given)


def _blueprint(namer: Namer, call: ast.Call, ref: str) -> BlueprintFact:
    ctx = namer.ctx
    name = ctx.evaluate(ctx.argument(call, 0, "name"))
    prefix = ctx.evaluate(ctx.keyword(call, "url_prefix"))
    return BlueprintFact(
        ref,
        name if isinstance(name, str) else "",
        prefix if isinstance(prefix, str) else None,
        ctx.location(call),
    )


def _factory(namer: Namer, node: ast.AST) -> str:
    function = namer.ctx.scopes.enclosing_function(node)
    return "" if function is None else namer.function_ref(function)


def _assignment(namer: Namer, node: ast.Assign | ast.AnnAssign, found: _Collected) -> None:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    value = node.value
    for target in targets:
        if isinstance(target, ast.Subscript) and (
            _is_config(target.value) or made_config(namer, target.value)
        ):
            key = namer.ctx.evaluate(target.slice)
            owner = _config_owner(namer, target.value)
            if isinstance(key, str) and owner is not None and value is not None:
                if _own_key(namer, owner, value, key):
                    continue
                location = namer.ctx.location(target)
                setting = SettingFact(key, namer.setting_value(value), location)
                kind = "setdefault" if _unless_set(namer, node, target.value, key) else "set"
                found.ops.append(ConfigOp(owner, kind, setting.location, (setting,)))
        elif isinstance(target, ast.Attribute) and value is not None:
            if (replaced := replaced_config(namer, target, value)) is not None:
                found.ops.append(replaced)
            _attribute(namer, target, value, found)
    if len(targets) == 1 and isinstance(targets[0], ast.Name) and value is not None:
        _collection(namer, targets[0], value, found)
        found.same_objects += _wrapped_app_alias(namer, targets[0], value)
    if not isinstance(value, ast.Call) or not _one_object(targets):
        return
    ref = namer.ref(targets[0])
    if ref is None:
        return
    callee = namer.ctx.call_name(value) or ""
    ctx = namer.ctx
    if len(targets) > 1:
        found.same_objects += [(other, ref) for other in _also_named(namer, targets)]
    if callee in APP_CLASSES or _names_flask(ctx, value.func) or named_flask_class(callee, value):
        app = _app(namer, value, _made_here(namer, targets[0], ref), _factory(namer, node))
        found.apps.append(replace(app, kept_as=_kept_on_class(namer, node, targets[0])))
    elif callee in WRAPPING_CLASSES:
        folder = namer.ctx.evaluate(namer.ctx.keyword(value, "specification_dir"))
        app = replace(_app(namer, value, ref, _factory(namer, node)), wrapped=True)
        found.apps.append(
            replace(
                app,
                specification_dir=folder if isinstance(folder, str) else "",
                resolver=_resty_naming(ctx, ctx.keyword(value, "resolver")),
            )
        )
    elif callee in BLUEPRINT_CLASSES:
        found.blueprints.append(_blueprint(namer, value, ref))
    elif (namespace := namespace_fact(namer, ref, value)) is not None:
        found.namespaces.append(namespace)
    elif not _extension(namer, value, _made_here(namer, targets[0], ref), found) and isinstance(
        targets[0], ast.Name
    ):
        callee_ref = namer.ref(value.func)
        if callee_ref is not None:
            # NOTE: what the app would be, should the callee turn out to subclass Flask.
            app = _app(namer, value, ref, _factory(namer, node))
            given = namer.ref(value.args[0]) if value.args else None
            blueprint = _blueprint(namer, value, ref)
            found.aliases.append(
                AliasFact(
                    ref,
                    callee_ref,
                    ctx.location(value),
                    app,
                    given,
                    blueprint if blueprint.name else None,
                    namer.options(value) if callee_ref.rpartition(".")[2][:1].isupper() else (),
                )
            )


def _one_object(targets: Sequence[ast.expr]) -> bool:
    """One name bound to the call's object, or several (`app = flask_app =
    CKANFlask(__name__)`): each names the same object."""
    return len(targets) == 1 or all(isinstance(t, ast.Name) for t in targets)


def _wrapped_app_alias(namer: Namer, target: ast.Name, value: ast.expr) -> list[tuple[str, str]]:
    """(name, `wrapper.app`) for a name given the Flask app a wrapper holds
    (`flask_app = connexion_app.app`): the hooks, routes and config set on the name
    (`@flask_app.after_request`) are the wrapped app's (`apps_of` follows `.app` to a
    wrapping app)."""
    if not (
        isinstance(value, ast.Attribute)
        and value.attr == "app"
        and isinstance(value.value, ast.Name)
    ):
        return []
    ref, owner = namer.ref(target), namer.ref(value.value)
    return [] if ref is None or owner is None or ref == f"{owner}.app" else [(ref, f"{owner}.app")]


def _also_named(namer: Namer, targets: Sequence[ast.expr]) -> tuple[str, ...]:
    """The references of the names after the first that one assignment binds to the
    same object (`flask_app` in `app = flask_app = CKANFlask(__name__)`): the fact made
    is the first name's, and the project reaches its object through the others too
    (`login_manager.init_app(flask_app)`, `return flask_app`)."""
    refs = (namer.ref(target) for target in targets[1:])
    return tuple(ref for ref in refs if ref is not None)


def _kept_on_class(
    namer: Namer, node: ast.Assign | ast.AnnAssign, target: ast.expr
) -> tuple[str, ...]:
    """The class attributes and module names the function making an app into the local
    `target` then stores it in: `App.app_instance = app` (a class named in the module),
    `cls.app = app` (in a classmethod), `APP = app` (a name it declares `global`): a
    holder whose `get_app()` returns the attribute or the name."""
    function = namer.ctx.scopes.enclosing_function(node)
    if function is None or not isinstance(target, ast.Name):
        return ()
    kept: list[str] = []
    for statement in ast.walk(function):
        if not (
            isinstance(statement, ast.Assign)
            and isinstance(statement.value, ast.Name)
            and statement.value.id == target.id
        ):
            continue
        for stored in statement.targets:
            if isinstance(stored, ast.Name):
                # NOTE: a module's name the function declares `global` (`APP = app`,
                # then `return APP`): a singleton factory's app; a local's ref has a ":".
                ref = namer.ref(stored)
                if ref is not None and ":" not in ref:
                    kept.append(ref)
                continue
            if not (isinstance(stored, ast.Attribute) and isinstance(stored.value, ast.Name)):
                continue
            owner = stored.value.id
            if owner == "cls" and function.args.args and function.args.args[0].arg == "cls":
                holder = namer.ctx.parent(function)
                ref = (
                    f"{namer.function_ref(holder)}.{stored.attr}"
                    if isinstance(holder, ast.ClassDef)
                    else None
                )
            elif owner == "self":
                continue  # NOTE: an instance's attribute: `Index._kept_on_self`
            else:
                ref = namer.ref(stored)
            if ref is not None and ":" not in ref:
                kept.append(ref)
    return tuple(kept)


def _collection(namer: Namer, target: ast.Name, value: ast.expr, found: _Collected) -> None:
    ref = namer.ref(target)
    collection = collection_fact(namer, ref, value) if ref is not None else None
    if collection is not None:
        found.collections.append(collection)


def _resty_naming(ctx: FileContext, resolver: ast.expr | None) -> RestyNaming | None:
    """`RestyResolver("api")`: views named after the path of operations with no
    `operationId` (`GET /pets` -> `api.pets.search`)."""
    if not isinstance(resolver, ast.Call) or ctx.call_name(resolver) not in _RESTY_RESOLVERS:
        return None
    module = ctx.evaluate(ctx.argument(resolver, 0, "default_module_name"))
    collection = ctx.evaluate(ctx.keyword(resolver, "collection_endpoint_name"))
    if not isinstance(module, str):
        return None
    return module, collection if isinstance(collection, str) else "search"


def _made_here(namer: Namer, target: ast.expr, ref: str) -> str:
    """The reference of an app a module makes at its top level under a name it also
    imports (`try: from app import app` / `except ImportError: app = Flask(__name__)` in a
    maintenance script): the app made is this module's, not the imported one, which
    another module of the project may define and run. So too an extension object made
    under its class's name (`from flask_fas_openid import FAS` then `FAS = FAS(APP)`):
    other modules import the object (`from pkgdb2 import FAS`)."""
    if (
        isinstance(target, ast.Name)
        and target.id in namer.aliases
        and namer.ctx.scopes.enclosing_function(target) is None
        and namer.module
    ):
        return f"{namer.module}.{target.id}"
    return ref


def _names_flask(ctx: FileContext, func: ast.expr) -> bool:
    """A name bound to Flask's class in one branch and to what the deployment chooses in
    another (`app_wrapper_class = Flask`, else `getattr(module, class_name)`, a subclass
    named by the environment): the app it makes is a Flask app either way."""
    if not isinstance(func, ast.Name):
        return False
    values = ctx.scopes.values_of(func) or []
    return any(
        isinstance(bound, ast.Name | ast.Attribute) and ctx.qualified(bound) in APP_CLASSES
        for bound in values
    )


def _app(namer: Namer, value: ast.Call, ref: str, factory: str) -> AppFact:
    """The app `ref = Flask(__name__, ...)` makes."""
    ctx = namer.ctx
    first = ctx.argument(value, 0, "import_name")
    import_name = ctx.evaluate(first) if first is not None else None
    if isinstance(first, ast.Name) and first.id == "__name__":
        import_name = ctx.module
    relative = ctx.evaluate(ctx.keyword(value, "instance_relative_config"))
    static = ctx.keyword(value, "static_folder")
    return AppFact(
        ref,
        ctx.location(value),
        import_name if isinstance(import_name, str) else "",
        factory,
        relative is True,
        "static" if static is None else ctx.evaluate(static),
        script=not factory and ctx.is_script,
    )


def _self_apps(namer: Namer, classes: list[ast.ClassDef]) -> Iterator[AppFact]:
    """`super().__init__("moin")` in a class's `__init__`, or a base's own
    `Flask.__init__(self, __name__)`: the class makes itself an app, should it subclass
    Flask; its methods set it up through `self`."""
    for node in classes:
        init = next(
            (f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"),
            None,
        )
        call = (
            next((c for c in walk(init) if super_method(c) == "__init__"), None) if init else None
        )
        if isinstance(call, ast.Call):
            yield _app(namer, call, namer.function_ref(node), "")
            continue
        bases = {ast.unparse(base) for base in node.bases}
        call = next((c for c in walk(init) if _base_init(c, bases)), None) if init else None
        if isinstance(call, ast.Call):
            # NOTE: `Flask.__init__(self, __name__, ...)` is `super().__init__(__name__,
            # ...)` with the instance given first: read the arguments after it.
            given = ast.copy_location(ast.Call(call.func, call.args[1:], call.keywords), call)
            yield _app(namer, given, namer.function_ref(node), "")


def _base_init(node: ast.AST, bases: set[str]) -> bool:
    """`Flask.__init__(self, ...)`: a base class's `__init__` called on `self`."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "__init__"
        and ast.unparse(node.func.value) in bases
        and bool(node.args)
        and isinstance(node.args[0], ast.Name)
        and node.args[0].id == "self"
    )


def _is_config(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "config"


def _config_owner(namer: Namer, node: ast.expr) -> str | None:
    """What `node` is the config of: the app of `app.config`, or the `flask.config.Config`
    object a name holds (`config` of `config.from_object(...)`, see `made_config`)."""
    return namer.ref(node.value) if isinstance(node, ast.Attribute) else namer.ref(node)


def _unless_set(namer: Namer, node: ast.stmt, config: ast.expr, key: str) -> bool:
    """`if "CORS_ORIGINS" not in app.config: app.config["CORS_ORIGINS"] = "*"`: the value
    is a default, as `app.config.setdefault(key, value)` sets one, that config loaded
    before (from a file or object the source does not show) replaces."""
    parent = namer.ctx.parent(node)
    if not isinstance(parent, ast.If) or not any(s is node for s in parent.body):
        return False
    test = parent.test
    return (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.NotIn)
        and namer.ctx.evaluate(test.left) == key
        and ast.unparse(test.comparators[0]) == ast.unparse(config)
    )


def _own_key(namer: Namer, owner: str, value: ast.expr, key: str) -> bool:
    """Whether `value` reads `key` from the same app's config (`app.config["SECRET_KEY"]`,
    `app.config.get("SECRET_KEY")`): given to `app.secret_key` (Flask's
    `ConfigAttribute("SECRET_KEY")`) or to that key, it stores the value the key holds
    already, and sets nothing."""
    match value:
        case ast.Subscript(value=config, slice=read):
            pass
        case ast.Call(func=ast.Attribute(value=config, attr="get"), args=[read]):
            pass
        case _:
            return False
    return (
        _is_config(config)
        and namer.ref(config.value) == owner  # type: ignore[attr-defined]
        and namer.ctx.evaluate(read) == key
    )


def _attribute(namer: Namer, target: ast.Attribute, value: ast.expr, found: _Collected) -> None:
    owner = namer.ref(target.value)
    if owner is None:
        return
    location = namer.ctx.location(target)
    evaluated = FALSY_USER if _falsy_user_factory(target.attr, value) else namer.value(value)
    key = CONFIG_ATTRIBUTES.get(target.attr)
    if key is not None and not _own_key(namer, owner, value, key):
        given = namer.setting_value(value)
        if key == "DEBUG" and given is True and under_switch(namer.ctx, target, DEBUG):
            given = UNKNOWN
        setting = SettingFact(key, given, location)
        found.ops.append(ConfigOp(owner, "attribute", location, (setting,)))
    callee = (
        _session_interface(namer, target.attr, value)
        or _anonymous_user_class(namer, target.attr, value)
        or _dispatcher(namer, target.attr, value)
    )
    found.attributes.append(AttributeFact(owner, target.attr, evaluated, location, callee))


def _falsy_user_factory(attribute: str, value: ast.expr) -> bool:
    """Flask-Login's `anonymous_user` given a function returning a false constant
    (`login_manager.anonymous_user = lambda: None`): `current_user` is then false for
    every visitor who has not logged in."""
    match value:
        case ast.Lambda(body=ast.Constant(value=returned)):
            return attribute == "anonymous_user" and not returned
    return False


def _anonymous_user_class(namer: Namer, attribute: str, value: ast.expr) -> str:
    """The class given as Flask-Login's `anonymous_user` (`login_manager.anonymous_user =
    Guest`), which `current_user` is an instance of for a visitor not logged in."""
    if attribute != "anonymous_user" or not isinstance(value, ast.Name | ast.Attribute):
        return ""
    return namer.ref(value) or ""


def _dispatcher(namer: Namer, attribute: str, value: ast.expr) -> str:
    """Werkzeug's `DispatcherMiddleware` made the app's whole `wsgi_app` (`app.wsgi_app =
    DispatcherMiddleware(frame, {"/cves": cves_app})`): it routes every request."""
    if attribute != "wsgi_app" or not isinstance(value, ast.Call):
        return ""
    callee = namer.ctx.call_name(value) or ""
    return callee if callee in _DISPATCHERS else ""


def _session_interface(namer: Namer, attribute: str, value: ast.expr) -> str:
    """What makes the value of a `session_interface` attribute (`RedisSessions()`)."""
    if attribute != "session_interface" or not isinstance(value, ast.Call):
        return ""
    return namer.ref(value.func) or ""


def _class_attributes(namer: Namer, classes: list[ast.ClassDef]) -> tuple[AttributeFact, ...]:
    """`session_interface = ...` in the body of a class (`class PortalFlask(Flask)`)."""
    found = []
    for node in classes:
        for statement in node.body:
            if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
                continue
            target = statement.targets[0]
            if isinstance(target, ast.Name) and target.id == "session_interface":
                callee = _session_interface(namer, target.id, statement.value)
                location = namer.ctx.location(target)
                ref = namer.function_ref(node)
                found.append(AttributeFact(ref, target.id, UNKNOWN, location, callee))
    return tuple(found)


_APP_POSITION = {"flask_kvsession.KVSessionExtension": 1}
"""Extensions taking the app after another argument (`KVSessionExtension(store, app)`)."""


def is_extension_class(qualified: str) -> bool:
    """Whether a qualified name is a class of a Flask extension package (`flask_*`)."""
    module, _, name = qualified.rpartition(".")
    return module.startswith("flask_") and name[:1].isupper()


def _extension(namer: Namer, call: ast.Call, ref: str, found: _Collected) -> bool:
    """Record `Ext(app, ...)` for any `flask_*` class; True when it was one."""
    callee = namer.ctx.call_name(call) or ""
    if not is_extension_class(callee):
        return False
    app = namer.ref(namer.ctx.argument(call, _APP_POSITION.get(callee, 0), "app"))
    location = namer.ctx.location(call)
    options = namer.options(call)
    found.extensions.append(
        ExtensionFact(ref, callee, app, options, location, config_keys(call, options))
    )
    return True


def _unkept_extension(namer: Namer, call: ast.Call, made: ast.Call, found: _Collected) -> None:
    """Record `LoginManager().init_app(app)`: an extension made and given its app in one
    statement, kept in no name, with the options of both calls (`CSRFProtect().init_app(
    app)` protects the app as `CSRFProtect(app)` does)."""
    callee = namer.ctx.call_name(made) or ""
    app = namer.ref(namer.ctx.argument(call, 0, "app"))
    if not is_extension_class(callee) or app is None:
        return
    options = (*namer.options(made), *namer.options(call))
    found.extensions.append(
        ExtensionFact(
            "", callee, app, options, namer.ctx.location(made), config_keys(made, options)
        )
    )


def config_keys(call: ast.Call, options: Options) -> tuple[tuple[str, str], ...]:
    """(option, config key) for each keyword left unknown that reads a config value by a
    key written out: `app.config["CSP"]`, `current_app.config.get("CSP")`."""
    unknown = {name for name, value in options if value is UNKNOWN}
    return tuple(
        (keyword.arg, key)
        for keyword in call.keywords
        if keyword.arg in unknown and (key := _config_read(keyword.value)) is not None
    )


def _config_read(node: ast.expr) -> str | None:
    """`KEY` of `<app>.config["KEY"]` or `<app>.config.get("KEY")`."""
    if isinstance(node, ast.Subscript):
        holder, key = node.value, node.slice
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and len(node.args) in (1, 2)
        and not node.keywords
    ):
        holder, key = node.func.value, node.args[0]
    else:
        return None
    if not (isinstance(holder, ast.Attribute) and holder.attr == "config"):
        return None
    return key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None


def _resource_forwarders(ctx: FileContext) -> frozenset[str]:
    """Methods of the module's classes that hand their first argument on to
    `self.add_resource` (`def add_org_resource(self, resource, *urls)` on an `Api`
    subclass): calling one adds a resource as `add_resource` does."""
    names = set()
    functions = [n for n in ctx.nodes(ast.FunctionDef) if isinstance(n, ast.FunctionDef)]
    for node in functions:
        params = node.args.args
        if len(params) < 2 or params[0].arg != "self":
            continue
        for call in walk(node):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "add_resource"
                and isinstance(call.func.value, ast.Name)
                and call.func.value.id == "self"
                and call.args
                and isinstance(call.args[0], ast.Name)
                and call.args[0].id == params[1].arg
            ):
                names.add(node.name)
    return frozenset(names)


def _call(
    namer: Namer,
    call: ast.Call,
    found: _Collected,
    routes: list[RouteFact],
    forwarders: frozenset[str],
) -> None:
    func = call.func
    ctx = namer.ctx
    callee = ctx.call_name(call) or ""
    if callee in _ENGINES:
        url = ctx.argument(call, 0, "url")
        found.engines.append(SettingFact(callee, namer.value(url), ctx.location(call)))
    if callee in {"werkzeug.serving.run_simple", "werkzeug.run_simple"}:
        options = _run_options(namer, call, _RUN_SIMPLE_POSITIONS)
        _server_runs(namer, call, callee, options, ctx.argument(call, 2, "application"), found)
    if callee in _GEVENT_SERVERS:
        options = _gevent_options(namer, call)
        _server_runs(namer, call, callee, options, ctx.argument(call, 1, "application"), found)
    if isinstance(func, ast.Attribute):
        _method_call(namer, call, func, found)
        owner = namer.ref(func.value)
        if func.attr == "add_url_rule" and owner is not None:
            route = add_url_rule_fact(namer, call, owner)
            if route is not None:
                routes.append(route)
        elif (func.attr == "add_resource" or func.attr in forwarders) and owner is not None:
            routes.extend(add_resource_facts(namer, call, owner))
            if (table := table_route(namer, call, owner)) is not None:
                found.table_routes.append(table)
        elif func.attr == "add_namespace":
            found.namespaces.extend(added_namespaces(namer, call, func))
        elif func.attr == "on_namespace" and owner is not None:
            found.socket_namespaces.extend(_socket_namespace(namer, call, owner))
        elif func.attr in _SOCKET_HANDLER_CALLS and owner is not None:
            found.socket_handlers.append(owner)
        elif (registered := register_fact(namer, call, func)) is not None:
            found.classful_registers.append(registered)
    elif (called_route := route_call_fact(namer, call)) is not None:
        routes.append(called_route)
    if (helper_call := helper_route_call(namer, call)) is not None:
        found.route_calls.append(helper_call)
    found.ops.extend(handed_config_ops(namer, call))
    environment = ctx.mentions("environ") or ctx.mentions("getenv")
    unset = unset_arguments(namer, call) if environment else ()
    if (
        any(isinstance(a, ast.Name | ast.Tuple | ast.List) for a in call.args)
        or call.keywords
        or unset
    ):
        callee_ref = hook_called(func) or namer.ref(func)
        if callee_ref is not None:
            found.calls.append(
                CallFact(
                    namer.scope_ref(call),
                    callee_ref,
                    tuple(_given(namer, a, found) for a in call.args),
                    tuple((k.arg, _given(namer, k.value, found)) for k in call.keywords if k.arg),
                    unset,
                )
            )


def _socket_namespace(namer: Namer, call: ast.Call, owner: str) -> Iterator[tuple[str, str]]:
    """(the Flask-SocketIO object, the class) of `socketio.on_namespace(Chat("/chat"))`,
    whose instance handles that namespace's events (also through a local bound to it)."""
    handler = namer.ctx.argument(call, 0, "namespace_handler")
    if isinstance(handler, ast.Name):
        handler = namer.ctx.lookup(handler)
    if isinstance(handler, ast.Call) and (cls := namer.ref(handler.func)) is not None:
        yield owner, cls


_SOCKET_HANDLER_CALLS = frozenset({"on", "on_event"})
"""Flask-SocketIO's ways of giving a function an event: `@socketio.on("chat")`,
`socketio.on_event("chat", handle)` (any object's `on(...)` is noted: only those of the
app's Flask-SocketIO objects are asked about)."""


def _socket_events(
    namer: Namer, defined: list[ast.FunctionDef | ast.AsyncFunctionDef]
) -> list[str]:
    """The objects whose `event` decorates a function (`@socketio.event`): Flask-SocketIO
    names the event after it."""
    if not namer.ctx.mentions("flask_socketio"):
        return []
    return [
        owner
        for function in defined
        for decorator in function.decorator_list
        if isinstance(decorator, ast.Attribute) and decorator.attr == "event"
        if (owner := namer.ref(decorator.value)) is not None
    ]


def _given(namer: Namer, node: ast.expr, found: _Collected) -> str | None:
    """What a call argument refers to: a name, or a literal tuple or list of names
    (`register_all(app, (users, auth))`), recorded as a collection named for its place."""
    if isinstance(node, ast.Name):
        return namer.ref(node)
    if not isinstance(node, ast.Tuple | ast.List):
        return None
    location = namer.ctx.location(node)
    ref = f"{namer.scope_ref(node)}:{location.line}:{location.column}"
    collection = collection_fact(namer, ref, node)
    if collection is None:
        return None
    found.collections.append(collection)
    return ref


def _method_call(namer: Namer, call: ast.Call, func: ast.Attribute, found: _Collected) -> None:
    ctx = namer.ctx
    location = ctx.location(call)
    if func.attr in _CONFIG_METHODS and (_is_config(func.value) or made_config(namer, func.value)):
        owner = _config_owner(namer, func.value)
        op = config_op(namer, owner, func.attr, call) if owner is not None else None
        if op is not None:
            found.ops.append(op)
        return
    owner = namer.ref(func.value)
    if owner is None and func.attr == "run" and isinstance(func.value, ast.Call):
        # NOTE: `create_app().run(debug=True)`: the app the factory returns is started.
        made_by = namer.ref(func.value.func)
        if made_by is not None:
            owner = made_by + "()"
    if owner is None and func.attr in _INIT_METHODS and isinstance(func.value, ast.Call):
        _unkept_extension(namer, call, func.value, found)
        return
    if owner is None:
        return
    if func.attr in _INIT_METHODS:
        app = namer.ref(ctx.argument(call, 0, "app"))
        if app is not None:
            for extension in looped_objects(namer, call, func.value) or [owner]:
                found.init_apps.append(InitAppFact(extension, app, namer.options(call), location))
    elif func.attr == "register_blueprint":
        found.registers.extend(register_facts(namer, call, owner))
    elif (policy := policy_fact(namer, call, owner)) is not None:
        found.attributes.append(policy)
    elif func.attr == "add_api":
        specification = ctx.evaluate(ctx.argument(call, 0, "specification"))
        base_path = ctx.evaluate(ctx.keyword(call, "base_path"))
        if isinstance(specification, str):
            given = base_path if isinstance(base_path, str) else None
            resolver = _resty_naming(ctx, ctx.keyword(call, "resolver"))
            found.apis.append(ApiFact(owner, specification, given, location, resolver))
    elif func.attr == "run":
        app = _socketio_app(namer, call, func)
        if app is not None:
            options = _run_options(namer, call, _SOCKETIO_RUN_POSITIONS)
            found.runs.append(RunFact(app, owner + ".run", options, location))
        else:
            options = _run_options(namer, call)
            set_at = None if "debug" in dict(options) else _debug_set_before(ctx, call, func.value)
            if set_at is not None:
                options = (*options, ("debug", True), (DEBUG_ATTRIBUTE, set_at))
            found.runs.append(RunFact(owner, owner + ".run", options, location))


DEBUG_ATTRIBUTE = "<debug attribute>"
"""The run option that says its `debug=True` is an `app.debug = True` made just before:
the line of that assignment."""


def _debug_set_before(ctx: FileContext, call: ast.Call, app: ast.expr) -> int | None:
    """The line of `app.debug = True` earlier in the block that then calls `app.run()`
    (`app = create_app(config)` in a command that serves it): that run serves debug
    mode, as `app.run(debug=True)` does, whichever app the setting is layered on in the
    model (another command's `app.debug = True` on the factory's app may win there)."""
    if not isinstance(app, ast.Name) or under_switch(ctx, call, DEBUG):
        return None
    child: ast.AST = call
    for holder in ctx.ancestors(call):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(holder, name, None)
            if isinstance(block, list) and child in block:  # NOTE: AST nodes compare by identity
                return _last_debug(block[: block.index(child)], app.id)
        if isinstance(holder, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            return None
        child = holder
    return None


def _last_debug(statements: list[ast.stmt], name: str) -> int | None:
    """The line of the last of `statements` that sets `name.debug`, when it sets True."""
    for statement in reversed(statements):
        if not isinstance(statement, ast.Assign):
            continue
        for target in statement.targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr == "debug"
                and isinstance(target.value, ast.Name)
                and target.value.id == name
            ):
                value = statement.value
                set_true = isinstance(value, ast.Constant) and value.value is True
                return statement.lineno if set_true else None
    return None


_APP_RUN_POSITIONS = ("host", "port", "debug", "load_dotenv")
_RUN_SIMPLE_POSITIONS = ("host", "port", "application", "use_reloader", "use_debugger")
_DISPATCHERS = frozenset(
    {"werkzeug.wsgi.DispatcherMiddleware", "werkzeug.middleware.dispatcher.DispatcherMiddleware"}
)


def _served(namer: Namer, application: ast.expr | None) -> list[str]:
    """The references of the apps `run_simple` serves: its `application` (an app, a
    factory's result `create_app()`, or a name assigned one), or each app a Werkzeug
    `DispatcherMiddleware(app, {"/api": api_app})` mounts."""
    if isinstance(application, ast.Name):
        value = namer.ctx.scopes.single_value(application)
        if isinstance(value, ast.Call) and namer.ctx.call_name(value) in APP_CLASSES:
            # NOTE: `app = Flask(__name__)`, then `WSGIServer(listener, app)`: the name is
            # the app (the call's reference would be Flask's class).
            ref = namer.ref(application)
            return [ref] if ref else []
        application = value or application
    if not isinstance(application, ast.Call):
        ref = namer.ref(application)
        return [ref] if ref else []
    if namer.ctx.call_name(application) not in _DISPATCHERS:
        ref = namer.ref(application.func)
        return [ref + "()"] if ref else []
    mounted: list[ast.expr | None] = [namer.ctx.argument(application, 0, "app")]
    mounts = namer.ctx.argument(application, 1, "mounts")
    if isinstance(mounts, ast.Dict):
        mounted.extend(mounts.values)
    return [ref for node in mounted for ref in _served(namer, node)]


_GEVENT_SERVERS = frozenset({"gevent.pywsgi.WSGIServer", "gevent.wsgi.WSGIServer"})
_GEVENT_POSITIONS = ("listener", "application")


def _gevent_options(namer: Namer, call: ast.Call) -> tuple[tuple[str, object], ...]:
    """The options of gevent's `WSGIServer(listener, app, certfile=..., keyfile=...)`: a
    server serving the app, over TLS when given a certificate or an `ssl_context`."""
    options = dict(_run_options(namer, call, _GEVENT_POSITIONS))
    options["ssl_context"] = options.get("ssl_context", options.get("certfile"))
    return tuple(options.items())


def _server_runs(
    namer: Namer,
    call: ast.Call,
    callee: str,
    options: tuple[tuple[str, object], ...],
    application: ast.expr | None,
    found: _Collected,
) -> None:
    """Record `call` of a server (`run_simple`, gevent's `WSGIServer`) as a run of each
    app its `application` serves (neither reads `DEBUG`)."""
    for target in _served(namer, application) or [""]:
        found.runs.append(RunFact(target, callee, options, namer.ctx.location(call)))


_SOCKETIO_RUN_POSITIONS = ("app", "host", "port")


def _socketio_app(namer: Namer, call: ast.Call, func: ast.Attribute) -> str | None:
    """The app of Flask-SocketIO's `socketio.run(app, host=..., debug=...)`, which starts
    the app's development server in place of `app.run()` (and, under eventlet or gevent,
    wraps it in Werkzeug's debugger when `debug` is on)."""
    origin = namer.ctx.origin(func.value)
    receiver = func.value
    word = receiver.id if isinstance(receiver, ast.Name) else getattr(receiver, "attr", "")
    named = "socketio" in word.lower()
    if origin != "flask_socketio.SocketIO" and not (origin is None and named):
        return None
    app = namer.ctx.argument(call, 0, "app")
    if isinstance(app, ast.Call):
        made_by = namer.ref(app.func)  # NOTE: `socketio.run(create_app())`
        return None if made_by is None else made_by + "()"
    return namer.ref(app)


def _run_options(
    namer: Namer, call: ast.Call, positions: tuple[str, ...] = _APP_RUN_POSITIONS
) -> tuple[tuple[str, object], ...]:
    options = dict(namer.options(call))
    for position, name in enumerate(positions):
        if position < len(call.args) and name not in options:
            options[name] = namer.value(call.args[position])
    options.pop("app", None)
    for name in ("debug", "use_debugger"):
        if options.get(name) is True and under_switch(namer.ctx, call, DEBUG):
            options[name] = UNKNOWN
    return tuple(options.items())


def _uses_sockets(namer: Namer) -> bool:
    return namer.ctx.mentions("flask_socketio")


def _function(
    namer: Namer,
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    body: BodyFacts,
    returned: Sequence[ast.Name | ast.Call | ast.Attribute],
    views: bool,
) -> FunctionFact:
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    defaults: list[tuple[str, str]] = []
    for arg, default in zip(
        positional[len(positional) - len(args.defaults) :], args.defaults, strict=True
    ):
        ref = _default_ref(namer, default)
        if ref is not None:
            defaults.append((arg.arg, ref))
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        ref = _default_ref(namer, kw_default)
        if ref is not None:
            defaults.append((arg.arg, ref))
    returns = tuple(ref for value in returned if (ref := _returned_ref(namer, value)) is not None)
    decorates = _decorates(node, returned)
    # NOTE: a wrapper whose first act refuses a request without a token signed with the
    # app's key, read from a header (`jwt.decode(request.headers["x-access-token"], key)`
    # in a `try` whose handlers leave), whatever status its refusal answers with.
    token_checked = decorates and header_only(body) and _wrapper_verifies(namer, node, returned)
    parent = namer.ctx.parent(node)
    view = views and isinstance(parent, ast.Module)
    method = views and isinstance(parent, ast.ClassDef)
    # NOTE: a static method is called as a function of its class
    # (`SecurityHeaders.set_response_headers(response)` in an `after_request` hook): what
    # its body does to the response is read as a module function's is.
    static = method and _static(node)
    # NOTE: a module's session scope (`database.session_scope`, in a module that needs
    # no Flask) is read as a view's helper is: the views calling it judge their own body.
    scope = isinstance(parent, ast.Module) and yielded_session(namer.ctx, node) is not None
    refuses_first, first_calls = leading_check(namer, node) if method else (False, ())
    return FunctionFact(
        namer.function_ref(node),
        tuple(a.arg for a in (*positional, *args.kwonlyargs)),
        tuple(defaults),
        returns,
        guards=decorates and (gates_login(body) or token_checked),
        wraps_inertly=(decorates and wraps_writing_nothing(namer.ctx, node))
        or _hands_back_argument(node),
        config_gate=decorates and config_gate(namer.ctx, node),
        guards_falsy_user=decorates
        and body.reads_user
        and _wrapper_refuses_falsy_user(namer, node, returned),
        by_header=decorates and (header_gate(body) or token_checked),
        checks_jwt=decorates and verifies_jwt(body),
        submits=decorates and runs_on_submit(node),
        token_forms=token_checked_forms(namer.ref, node) if decorates else (),
        refuses_token_mismatch=refuses_token_mismatch(namer.ctx, node),
        self_calls=self_calls(node) if _in_class(namer, node) else (),
        wrapper_reads=body.request_reads if decorates else frozenset(),
        # NOTE: a module-level function of a Flask module may be a view another module
        # gives to `add_url_rule`.
        decorators=tuple(namer.decorator(d) for d in node.decorator_list) if view else (),
        # NOTE: and a method of a module using Flask-SocketIO, which may handle the events
        # of a namespace (`build.socket_handlers`).
        body=body if view or static or scope or (method and _uses_sockets(namer)) else None,
        passes=passes(namer.ctx, node) if view else (),
        validates_self=validates_own_form(node),
        proves_caller=proves_caller(namer.ctx, node),
        takes_sso_answer=checks_saml_answer(namer.ctx, node),
        implements_hook=implements_hook(namer.ctx, node),
        method_stores_through=_stores_through(body) if method else None,
        refuses_first=refuses_first,
        first_calls=first_calls,
        method_decorators=(
            tuple(namer.decorator(d) for d in node.decorator_list) if method else ()
        ),
    )


def _in_class(namer: Namer, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the function is a method, or nested in one (a decorator class's wrapper)."""
    return any(isinstance(holder, ast.ClassDef) for holder in namer.ctx.ancestors(node))


def _stores_through(body: BodyFacts) -> frozenset[str] | None:
    """None when the body may store, else the imported calls that alone keep it from
    provably storing nothing (none when it stores nothing)."""
    if body.writes_nothing:
        return frozenset()
    return body.writes_through or None


_DOTTED_PATH = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")


def _default_ref(namer: Namer, node: ast.expr | None) -> str | None:
    """What a parameter's default refers to: a name read around the function (a
    parameter may share the default's name: `def create_app(config=config.Base)`), or
    an import path written as a string (`def create_app(config="pkg.settings.Defaults")`,
    which `from_object` imports)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if _DOTTED_PATH.fullmatch(node.value) else None
    return namer.ref(node)


def _uncast(
    ctx: FileContext, value: ast.Name | ast.Call | ast.Attribute
) -> ast.Name | ast.Call | ast.Attribute:
    """What a returned value is at run time: `typing.cast(RouteT, decorated)` hands back
    `decorated` (a typed decorator's wrapper)."""
    if (
        isinstance(value, ast.Call)
        and len(value.args) == 2
        and isinstance(value.args[1], ast.Name | ast.Call | ast.Attribute)
        and ctx.call_name(value) == "typing.cast"
    ):
        return value.args[1]
    return value


def _decorates(
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    returned: Sequence[ast.Name | ast.Call | ast.Attribute],
) -> bool:
    """Whether the function returns a function it defines: a decorator (`return wrapper`)
    or a decorator factory (`return decorator`, which returns its own wrapper)."""
    nested = {s.name for s in node.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)}
    return any(isinstance(value, ast.Name) and value.id in nested for value in returned)


def _hands_back_argument(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the function takes one function and returns it unchanged, rebinding it
    nowhere (`sitemap_include(view)` noting the view's name in a list, then `return
    view`): as a decorator it runs once, when the module is imported, and the view it
    hands back runs alone at each request."""
    params = [*node.args.posonlyargs, *node.args.args]
    if len(params) != 1 or node.args.vararg or node.args.kwarg or node.args.kwonlyargs:
        return False
    name = params[0].arg
    returns: list[ast.Return] = []
    for statement in node.body:
        for child in ast.walk(statement):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                return False  # NOTE: a function it defines may be what it wraps the view in
            if (
                isinstance(child, ast.Name)
                and child.id == name
                and isinstance(child.ctx, ast.Store | ast.Del)
            ):
                return False
            if isinstance(child, ast.Return):
                returns.append(child)
    return bool(returns) and all(
        isinstance(r.value, ast.Name) and r.value.id == name for r in returns
    )


def _wrapper_verifies(
    namer: Namer,
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    returned: Sequence[ast.Name | ast.Call | ast.Attribute],
) -> bool:
    """Whether the wrapper a decorator returns turns away first every request that proves
    no credential of its caller (`caller_checks.verifies_caller`)."""
    names = {value.id for value in returned if isinstance(value, ast.Name)}
    return any(
        isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
        and s.name in names
        and verifies_caller(namer.ctx, s)
        for s in node.body
    )


def _wrapper_refuses_falsy_user(
    namer: Namer,
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    returned: Sequence[ast.Name | ast.Call | ast.Attribute],
) -> bool:
    """Whether the wrapper a decorator returns turns away first a visitor whose
    `current_user` is false (`view_body.refuses_anonymous` with `falsy_user`)."""
    names = {value.id for value in returned if isinstance(value, ast.Name)}
    return any(
        isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
        and s.name in names
        and refuses_anonymous(namer.ctx, s, falsy_user=True)
        for s in node.body
    )


def _returned_ref(namer: Namer, value: ast.Name | ast.Call | ast.Attribute) -> str | None:
    """`return bp`: what the name refers to; `return App.app_instance`: that attribute;
    `return ProjectForm()`: the callee, marked as called (`pkg.forms.ProjectForm()`)."""
    if isinstance(value, ast.Name | ast.Attribute):
        return namer.ref(value)
    callee = namer.ref(value.func)
    return None if callee is None else f"{callee}()"


EXTRACTORS.append(FactExtractor("flask", extract, in_tests=False))


def _static(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a method is declared `@staticmethod`."""
    return any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list)
