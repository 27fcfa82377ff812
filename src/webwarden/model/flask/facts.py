"""What one module tells the Flask model: small, picklable facts (never AST nodes).

Objects are named by *references*: `pkg.mod.name` for a module-level name, and
`pkg.mod.func:name` for a name local to a function (an app made in a factory, or a
parameter a helper receives). The project step links references across modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from webwarden.findings import Location
from webwarden.pickling import fast_pickling

Options = tuple[tuple[str, object], ...]
"""Keyword arguments as (name, value); a value is a constant, a `DeployTime` or `UNKNOWN`."""


@dataclass(frozen=True, slots=True)
class SettingFact:
    """One config key given one value somewhere."""

    key: str
    value: object
    """A constant, a `DeployTime`, a `datetime.timedelta`, an `ImportedValue` or `UNKNOWN`."""
    location: Location


RestyNaming = tuple[str, str]
"""Connexion's `RestyResolver(module, collection_endpoint_name=...)`: (module, name of a
collection's GET view)."""


@dataclass(frozen=True, slots=True)
class AppFact:
    """`Flask(__name__, ...)` assigned to a name (module level or in a factory)."""

    ref: str
    location: Location
    import_name: str
    factory: str
    """The qualified factory function that makes and returns it, or ""."""
    instance_relative: bool = False
    static_folder: object = "static"
    wrapped: bool = False
    """A Connexion app: the Flask app is its `.app` (`ref.app` stands for it too)."""
    specification_dir: str = ""
    """A Connexion app's folder of API specifications, relative to its module's."""
    resolver: RestyNaming | None = None
    """The `resolver=RestyResolver(...)` a Connexion app gives every `add_api` by default."""
    kept_as: tuple[str, ...] = ()
    """Class attributes the function making the app stores it in (`App.app_instance =
    app` in a holder class's `init`): reading one (`return App.app_instance` in its
    `get_app`) reads the app."""
    script: bool = False
    """Made at the top level of a command-line script (`FileContext.is_script`: a
    migration or password-hashing tool reading `sys.argv`), for its config and database
    access: run from a shell, it serves no request unless it runs the app itself."""


@dataclass(frozen=True, slots=True)
class BlueprintFact:
    """`Blueprint("name", __name__, url_prefix=...)` assigned to a name."""

    ref: str
    name: str
    url_prefix: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class ConfigOp:
    """Something that sets config keys on an app, in source order."""

    target: str
    kind: str
    """`set`, `attribute`, `update`, `from_mapping`, `setdefault`, `from_object`,
    `from_pyfile`, `from_file`, `from_envvar`, `from_prefixed_env`, `copy`
    (`app.config.update(self.config)`: the config ops of `references[0]` are the app's),
    or `replace` (`app.config = config`: the app's config is the object `references[0]`
    holds, whose config ops follow in its place)."""
    location: Location
    settings: tuple[SettingFact, ...] = ()
    references: tuple[str, ...] = ()
    """`from_object`: candidate references (`pkg.mod.Class`, `pkg.mod`, `pkg.mod.MAP[]`);
    `from_pyfile`/`from_file`: the file name."""
    opaque: bool = False
    """The keys set cannot be known from the source (an env-chosen file, a computed object)."""
    loader: str = ""
    """`from_object` done out of sight: the function outside the project that was handed the
    app and the config object (`init_app(app, configs[name])`, see `handed_config_ops`)."""
    path_from: str = ""
    """`from_pyfile`/`from_file`: "" for a file name relative to the app's folder,
    "project" for a path in the project the source built from `__file__`, "constant" for
    the qualified name of a module constant holding such a path, "module" for a path
    built from `__file__` of another module (see `config_files`)."""
    choices: tuple[tuple[str, str], ...] = ()
    """`from_pyfile`/`from_file` of a name bound several ways: (`path_from`, reference)
    of each file it may name, a choice among them (`opaque` when some binding is known
    only at run time)."""
    unset_keys: tuple[tuple[str, str], ...] = ()
    """`from_object(configs[key])` with a key read from the environment: (variable, the
    mapping key loaded while it is unset), as in `configs[os.getenv("FLASK_CONFIG") or
    "default"]`, or a local assigned so before the call."""
    key_parameter: str = ""
    """`from_object(configs[name])` with `name` a parameter of the function: its reference
    (`pkg.create_app:name`), whose callers may pass such a key (`CallFact.unset`)."""
    variables: tuple[str, ...] = ()
    """`from_object(os.getenv("APP_SETTINGS", "app.config.DevelopmentConfig"))`: the
    variables whose value names the object, which a launcher of the project may set
    (`FlaskFacts.launch_environment`)."""


@dataclass(frozen=True, slots=True)
class ConfigClassFact:
    """A class whose UPPERCASE attributes `from_object` would copy."""

    ref: str
    bases: tuple[str, ...]
    settings: tuple[SettingFact, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class ConfigMapFact:
    """`config = {"development": DevConfig, ...}`: a name -> config class mapping."""

    ref: str
    entries: tuple[tuple[str, str], ...]
    """(key, reference) pairs."""
    instances: bool = False
    """Some entries are instances (`{"dev": DevConfig()}`): code elsewhere may give them
    attributes webwarden does not see."""
    chosen: bool = False
    """Not a mapping but a name that conditional imports bind to one of the entries
    (`case "dev": from config.dev import DevConfig as Config`): the name itself loads
    any of them."""


@dataclass(frozen=True, slots=True)
class ExtensionFact:
    """An extension object: `csrf = CSRFProtect(app)` or `Talisman(app, ...)`."""

    ref: str
    """The name holding it ("" when not kept)."""
    kind: str
    """Its qualified class, e.g. `flask_talisman.Talisman`."""
    app: str | None
    options: Options
    location: Location
    config_keys: tuple[tuple[str, str], ...] = ()
    """(option, config key) for each option given what the app's config holds under a
    key written out (`content_security_policy=app.config["CSP"]`): `options` leaves it
    unknown, and the app's config layers give it."""


@dataclass(frozen=True, slots=True)
class InitAppFact:
    """`ext.init_app(app, ...)`."""

    extension: str
    app: str
    options: Options
    location: Location


FALSY_USER = "<a function returning no user>"
"""The value recorded for Flask-Login's `anonymous_user` given a function returning a
false constant (`login_manager.anonymous_user = lambda: None`)."""


@dataclass(frozen=True, slots=True)
class AttributeFact:
    """`login_manager.session_protection = None`: an attribute set on an object."""

    target: str
    attribute: str
    value: object
    location: Location
    callee: str = ""
    """For `session_interface`, the reference of what made the value (`RedisSessions()`);
    for `anonymous_user`, of the class given (`Guest`); for `wsgi_app`, Werkzeug's
    `DispatcherMiddleware` when it is what the value is made of."""


@dataclass(frozen=True, slots=True)
class DecoratorFact:
    """A decorator on a view: its qualified name and constant arguments."""

    name: str
    args: tuple[object, ...] = ()
    options: Options = ()


@dataclass(frozen=True, slots=True)
class BodyFacts:
    """What a view function's body does that rules care about when a request runs it; its
    decorators, parameter defaults and annotations are no part of it (`body_nodes`): the
    decorators are read apart, as `DecoratorFact`s."""

    request_reads: frozenset[str] = frozenset()
    """`request.<attribute>` read: form, files, cookies, json, args, headers, ... (a
    `get_json(force=True)` is recorded as `data`: it parses any body)."""
    calls: frozenset[str] = frozenset()
    """Qualified names (and `.method` tails) of the calls it makes."""
    uses_session: bool = False
    checks_login: bool = False
    """Reads `current_user.is_authenticated` (or `is_anonymous`) itself."""
    renders_html: bool = False
    headers_set: tuple[tuple[str, object], ...] = ()
    """Response headers given constant names: (lower-case name, value)."""
    denies: bool = False
    """Turns the request away as unauthorised itself: `abort(403)`, `raise Forbidden()`,
    `return body, 403`, or returns a response whose status it set (`response.status_code
    = 401`)."""
    refuses_anonymous: bool = False
    """Its first statements turn away a visitor the session does not name: `if "user_id"
    not in session: return redirect(...)` (`view_body.refuses_anonymous`)."""
    writes_nothing: bool = False
    """Provably changes no state: calls Flask's response builders and request reads only
    (`view_body.writes_nothing`)."""
    verifies_caller: bool = False
    """Turns away first every request that proves no credential of its caller: a secret
    sent in a header, a signature, a signed token (`caller_checks.verifies_caller`)."""
    tokenless_forms: frozenset[str] = frozenset()
    """Calls that build a form with its CSRF check turned off (`CommentForm(meta={"csrf":
    False})`), and build it no other way in this body."""
    reads_user: bool = False
    """Reads Flask-Login's or Flask-JWT-Extended's `current_user` (any attribute of it)."""
    writes_through: frozenset[str] = frozenset()
    """The imported functions whose calls alone keep `writes_nothing` from holding
    (`view_body.writes_only_through`): the project step follows them into their own
    bodies."""
    request_headers: frozenset[str] = frozenset()
    """Request headers read by a constant name, lower-cased (`request.headers.get(
    "X-Forwarded-Proto")` -> `x-forwarded-proto`)."""
    returns_value: bool = False
    """Returns a value somewhere (`return error_json("bad token")`): in a `before_request`
    hook, which Flask treats as the response and then runs no view."""
    delegates_to: str = ""
    """The function whose call is the body's one statement (`return update_pool(name)`, a
    route kept for compatibility): whatever decorates that function runs too."""
    checked_by: str = ""
    """The function whose answer the body's first act refuses the request on, handed
    what the request carries (`if not is_github_hook(request): return "", 401`), by
    reference: wherever it is defined, it may prove the caller
    (`FunctionFact.proves_caller`, see `caller_predicates`)."""
    refuses_falsy_user: bool = False
    """Its first statements turn away a visitor whose `current_user` is false (`if not
    current_user: return redirect("/login")`): a login check in an app whose anonymous
    user is false (`FlaskApp.falsy_anonymous`), none otherwise."""
    admits_anonymous: bool = False
    """It reads `current_user.is_authenticated` (or `is_anonymous`) and turns the request
    away only under a test the anonymous visitor fails (flasky's `if
    current_user.is_authenticated:` then a redirect of an unconfirmed account): no login
    check, it lets every anonymous visitor through (`view_body.admits_anonymous`)."""
    destination_reads: frozenset[str] = frozenset()
    """Of `request_reads`, the parameters read only by a constant key naming where to go
    next (`request.values["next"]`; `destination_reads.destination_reads`)."""
    reads_user_on_g: bool = False
    """Reads the user the project keeps on Flask's `g` (`g.user.can(...)`, Canaille's
    `g.session.user`: `is_signed_in_user`), not only sets it. Kept apart from `reads_user`:
    an API's token wrapper may have set it from a header, so it shows no login cookie."""
    handed_checks: frozenset[str] = frozenset()
    """Of `calls`, the login checks made only handed the credentials they prove, not the
    request (`LoginSession.authenticate(buid=sessionid)`: `handed_checks.handed_check`),
    by name and `.method` tail: they prove what the view was sent, not the cookie."""
    checks_access: bool = False
    """Hands the request to CKAN's authorization for an action whose auth function refuses
    a visitor who is not logged in: runs the action (`get_action("package_update")(context,
    data)`), which checks access first, or asks `check_access("group_create", context)`
    itself (`ckan_actions.checks_access`)."""
    refuses_with_status: bool = False
    """Returns a response of the project's given a 401 or 403 status beside its message
    (`return json_with_status("Access denied.", 403)`): it turns the request away."""
    redirects_to_https: bool = False
    """Redirects to a target written to start with `https://` (`redirect("https://" +
    request.url[7:])`, `request.url.replace("http://", "https://")`;
    `scheme_upgrades.redirects_to_https`): in a `before_request` hook, the hand-written
    HTTP-to-HTTPS upgrade."""


@dataclass(frozen=True, slots=True)
class RouteFact:
    """`@app.route`, `@bp.get`, `add_url_rule`: one URL rule on an app or blueprint."""

    owner: str
    rule: str | None
    endpoint: str | None
    methods: tuple[str, ...] | None
    view: str
    """The qualified view function, or view class for `X.as_view(...)`."""
    location: Location
    decorators: tuple[DecoratorFact, ...] = ()
    body: BodyFacts = field(default_factory=BodyFacts)
    view_name: str = ""
    """The endpoint Flask derives when none is given (function name or as_view name)."""
    view_elsewhere: bool = False
    """`add_url_rule` of a view function another module defines: its decorators and body
    are that module's `FunctionFact`'s."""
    outer_decorators: tuple[DecoratorFact, ...] = ()
    """Those of `decorators` written above the route's own decorator: they wrap the function
    after Flask registered it, so the rule serves the view without them."""
    template: tuple[tuple[str, str, int], ...] = ()
    """For `add_url_rule` in a module-level function of the view the function is given
    (`def register_view(bp_or_app, routes, view_func): for route in routes:
    bp_or_app.add_url_rule(route, view_func=view_func)`): (part, parameter, its position or
    -1) for each part a caller gives: `owner`, `view`, `rule` or `rules` (each rule of a
    list), `endpoint`.
    Each `RouteCallFact` of the function makes the routes (`route_helpers.expanded`)."""


@dataclass(frozen=True, slots=True)
class ViewClassFact:
    """A `View`/`MethodView` subclass."""

    ref: str
    bases: tuple[str, ...]
    methods: tuple[str, ...] | None
    """The class `methods` attribute, if constant."""
    handlers: tuple[str, ...]
    """HTTP methods it defines (`get`, `post`, ...), upper-case."""
    decorators: tuple[DecoratorFact, ...]
    """The class `decorators` attribute: they wrap every method."""
    write_handlers: tuple[tuple[str, tuple[DecoratorFact, ...]], ...]
    """Its own `post`, `put`, `patch` and `delete` methods, each with its decorators, but
    for those in `refused`."""
    body: BodyFacts
    location: Location
    form_class: str | None = None
    """The class `form_class` attribute (`form_class = ContactForm`), a reference."""
    refused: tuple[str, ...] = ()
    """HTTP methods, upper-case, whose handler does nothing but refuse (`raise
    ApiError("use /problems", status_code=501)`, `abort(405)`): not in `handlers`, and
    they hide a base's handler of the same name."""
    post_body: BodyFacts | None = None
    """For a class with other handlers beside its own `post`, what the class does but in
    those other handlers: `post` and the methods it may call (None otherwise, `body`
    being that already)."""


@dataclass(frozen=True, slots=True)
class ExposedViewFact:
    """A Flask-AppBuilder or Flask-Admin view class: its `@expose(url, methods=...)`
    methods (as routes relative to the class's URL, `owner` empty) and what guards them."""

    ref: str
    name: str
    """The class name (FAB's default endpoint; lowercased, its default URL)."""
    route_base: str | None
    """`route_base` set in the class body (Flask-AppBuilder's URL prefix), if constant."""
    routes: tuple[RouteFact, ...]
    resource_name: str | None
    """`resource_name` (a Flask-AppBuilder REST API's URL part), if constant."""
    guard: str
    """The access check of the class that wraps all its routes: a Flask-Admin
    `is_accessible` / `_handle_view` override (its qualified name), or ""."""
    location: Location
    form_base: str = ""
    """`form_base_class` set in the class body (the qualified name of the class a
    Flask-Admin model view makes its forms of), or ""."""


@dataclass(frozen=True, slots=True)
class AdminMountFact:
    """`admin.add_view(View(endpoint=..., url=...))`: what a Flask-Admin view class is
    mounted as (see `admin_mounts`); both None when the call gives neither (or computes
    them), `view` "" for a view not made in the call."""

    view: str
    """The reference of the class the call makes."""
    endpoint: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class ClassfulMemberFact:
    """A public method of a class that may be a Flask-Classful view: what `register()`
    makes of it (`flask_classful.FlaskView.register`)."""

    name: str
    view: str
    """The qualified method."""
    params: tuple[str, ...]
    """Its parameters without a default after `self` (each becomes a URL part)."""
    rules: tuple[tuple[str, object, Options], ...]
    """`@route(rule, **options)`: each decorator's name (the project may re-export
    Flask-Classful's), rule (a constant, or UNKNOWN) and options."""
    methods: tuple[tuple[str, str], ...]
    """`@method("POST")`: each decorator's name and method."""
    decorators: tuple[DecoratorFact, ...]
    body: BodyFacts
    location: Location


@dataclass(frozen=True, slots=True)
class ClassfulHookFact:
    """A `before_request` or `before_<name>` method of a class Flask-Classful views may
    derive from: Flask-Classful's proxy runs it before the view."""

    name: str
    gates_login: bool
    """Whether it checks the login (`app.gates_login` of its body)."""
    checks_csrf: bool
    """Whether it calls a check named for CSRF (`csrf_protect()`)."""
    hands_on: str | None = None
    """The hook of the same name it calls too: `""` for the next one along the bases
    (`super().before_request(name)`), a class's reference for that class's
    (`Base.before_request(self, name)`); None when it calls none."""


@dataclass(frozen=True, slots=True)
class ClassfulViewFact:
    """A class of a module using Flask-Classful (or registering one of its classes with
    `X.register(bp)`): its routable methods, the class attributes that shape their URLs,
    and the `before_*` hooks that check the login."""

    ref: str
    name: str
    attributes: Options
    """`route_base`, `route_prefix`, `base_args`, `excluded_methods`, `default_methods`,
    `trailing_slash`, `method_dashified` set in the class body, with their values."""
    decorators: tuple[DecoratorFact, ...] | None
    """The class `decorators` attribute (they wrap every view), if set."""
    members: tuple[ClassfulMemberFact, ...]
    hooks: tuple[ClassfulHookFact, ...]
    """Its `before_request` and `before_<name>` methods."""
    location: Location
    helpers: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = ()
    """Its other methods (`_parse_data`): name, `request` attributes read and calls made,
    to follow what a view reads through `self._helper(...)` and `super().post(...)`."""


@dataclass(frozen=True, slots=True)
class ClassfulRegisterFact:
    """`View.register(app_or_blueprint, route_base=..., route_prefix=...)`."""

    view: str
    target: str
    options: Options
    location: Location


@dataclass(frozen=True, slots=True)
class HookFact:
    """`@app.before_request` / `@bp.after_request` / `@app.after_request` functions."""

    owner: str
    kind: str
    function: str
    decorators: tuple[DecoratorFact, ...]
    body: BodyFacts
    location: Location
    guards: tuple[str, ...] = ()
    """Config keys the hook is registered only when true (`if settings.ENFORCE_CSRF:`)."""
    passes: tuple[str, ...] = ()
    """URL prefixes (`/login`) and endpoints (`endpoint:login`) it lets through before its
    check (`hook_passes.passes`)."""
    imported: bool = False
    """Registered with a function another module defines (`bp.before_request(requires_auth)`
    after `from .auth import requires_auth`): `function` names it, and the build takes its
    decorators, body and passes from that module's `FunctionFact`."""


@dataclass(frozen=True, slots=True)
class RunFact:
    """`app.run(...)` or `run_simple(...)`: the development server started in code."""

    target: str
    callee: str
    options: Options
    location: Location


@dataclass(frozen=True, slots=True)
class ApiFact:
    """`app.add_api("openapi.yaml", base_path="/v1")`: Connexion routes every operation of
    the specification to the function its `operationId` names."""

    owner: str
    specification: str
    base_path: str | None
    location: Location
    resolver: RestyNaming | None = None


@dataclass(frozen=True, slots=True)
class RegisterFact:
    """`app.register_blueprint(bp, url_prefix=...)` (or on a parent blueprint)."""

    target: str
    blueprint: str
    url_prefix: object
    name: object
    location: Location
    each: bool = False
    """Registered in a loop: `blueprint` is a member of what the loop goes over, which
    may be a collection whose every member is registered (`for bp in blueprints:`)."""


@dataclass(frozen=True, slots=True)
class CollectionFact:
    """`BLUEPRINTS = (users_bp, auth_bp)`, `blueprints = blueprints + DEFAULT`: a tuple,
    list or set of names (or the sum of such), as references."""

    ref: str
    members: tuple[str, ...]
    """The references of its members; a member may be another collection, or a
    parameter given one."""


@dataclass(frozen=True, slots=True)
class CallFact:
    """A call passing references: how an app reaches helper functions and factories."""

    caller: str
    callee: str
    args: tuple[str | None, ...]
    keywords: tuple[tuple[str, str | None], ...]
    unset: tuple[tuple[str, str, str], ...] = ()
    """Arguments read from the environment with a text when unset: (position, or keyword,
    variable, that text), as in `create_app(os.getenv("FLASK_CONFIG") or "default")`."""


@dataclass(frozen=True, slots=True)
class AliasFact:
    """`app = create_app()`: a name bound to what a call returns."""

    ref: str
    callee: str
    location: Location
    app: AppFact | None = None
    """The app it is if the callee is a class of the project's that subclasses Flask
    (`app = SupersetApp(__name__)`): known only once every module is read."""
    argument: str | None = None
    """The name given first (`api = ProjectApi(app)`: the app, should the callee turn out
    to subclass Flask-RESTX's `Api`)."""
    blueprint: BlueprintFact | None = None
    """The blueprint it is if the callee subclasses Flask's `Blueprint`
    (`bp = I18nBlueprint("oauth", __name__)`), when a name is given first."""
    options: Options = ()
    """The keyword arguments of a call of a capitalised callee (the options of the
    extension it makes, should the callee turn out to subclass one: `talisman =
    SiteTalisman(app, force_https=False)` with `class SiteTalisman(Talisman)`)."""


@dataclass(frozen=True, slots=True)
class ResourceTableFact:
    """A module-level list of resources and their URLs (`ROUTES = [(NoteResource,
    "/notes/<int:id>"), ...]`), which a loop gives to `add_resource` one entry at a time."""

    ref: str
    entries: tuple[RouteFact, ...]
    """One route per URL of each entry, with no owner yet."""


@dataclass(frozen=True, slots=True)
class TableRouteFact:
    """`for route in ROUTES: api.add_resource(*route)`: every entry of a table added."""

    owner: str
    table: str
    location: Location


@dataclass(frozen=True, slots=True)
class TableCallFact:
    """`register(bp, ROUTES, decorators=[jwt_required()])` at module level: a resource
    table of the module handed to a function, which may add its entries to what it is
    given with it (`tables.table_helper`), each view wrapped in the decorators listed."""

    callee: str
    args: tuple[str | None, ...]
    listed: tuple[tuple[int | str, tuple[DecoratorFact, ...]], ...]
    """The list arguments, by position or keyword, as the decorators they would be."""


@dataclass(frozen=True, slots=True)
class RouteArgument:
    """What a call hands a project function that may add a URL rule with it
    (`route_helpers`): a reference, the URL rules of a constant string or list, or a view
    (a function's reference, or a view class's with the name its `as_view` is given)."""

    ref: str | None = None
    texts: tuple[str, ...] = ()
    """A constant string, or each of a constant list of strings (URL rules, methods)."""
    view: str = ""
    view_name: str = ""

    @property
    def rules(self) -> tuple[str, ...]:
        """`texts` when each is a URL rule (starts with `/`)."""
        return self.texts if all(t.startswith("/") for t in self.texts) else ()


@dataclass(frozen=True, slots=True)
class RouteCallFact:
    """`register_view(bp, routes=["/post/<int:id>"], view_func=ViewPost.as_view("post"))`:
    a call handing URL rules to a function, which may add them with what else it is given
    (FlaskBB's helper, whose `add_url_rule` is a `RouteFact` with `RouteFact.template`)."""

    callee: str
    args: tuple[RouteArgument | None, ...]
    keywords: tuple[tuple[str, RouteArgument | None], ...]
    location: Location


@dataclass(frozen=True, slots=True)
class TableHelper:
    """Where a function adding every entry of a table takes the owner, the table and
    (position, name) the decorators each view is wrapped in."""

    owner: int
    table: int
    wrappers: tuple[int, str] | None


@dataclass(frozen=True, slots=True)
class NamespaceFact:
    """A Flask-RESTX namespace: `ns = api.namespace("auth", path=...)` or
    `ns = Namespace(...)` (`api` None), and `api.add_namespace(ns, path=...)`."""

    ref: str
    api: str | None
    path: str | None
    """Its URL path (a namespace's own: `path=`, else "/" and its name)."""


@dataclass(frozen=True, slots=True)
class FunctionFact:
    """A function's parameters and what it returns, to follow apps through helpers."""

    ref: str
    params: tuple[str, ...]
    defaults: tuple[tuple[str, str], ...]
    """Parameter -> reference of its default value (`config_class=Config`)."""
    returns: tuple[str, ...]
    guards: bool = False
    """A decorator (or decorator factory) whose wrapper checks the login: reads
    `current_user.is_authenticated`, calls a check such as `verify_jwt_in_request`, or
    reads the session and turns the request away."""
    wraps_inertly: bool = False
    """A decorator (or a factory's decorator) whose wrapper stores nothing but for calling
    the view (`view_body.wraps_writing_nothing`: `@json_output`, Flask's `@templated`)."""
    config_gate: bool = False
    """A decorator whose wrapper runs the view only when the app's config turns a feature
    on and otherwise refuses, reading nothing of the visitor (`config_gates.config_gate`)."""
    guards_falsy_user: bool = False
    """A decorator whose wrapper turns away first a visitor whose `current_user` is false
    (`if not current_user: return redirect("/login")`): a login check in an app whose
    anonymous user is false (`FlaskApp.falsy_anonymous`)."""
    by_header: bool = False
    """Of those, one that only reads a credential from a header (`X-API-KEY`, Basic
    auth) and refuses the request: the browser never adds it to a forged one."""
    checks_jwt: bool = False
    """Of those, one whose wrapper calls Flask-JWT-Extended's `verify_jwt_in_request()`
    (or its fresh or refresh variant), which checks the CSRF token of a cookie's JWT."""
    submits: bool = False
    """A decorator (or decorator factory) whose wrapper calls the view only once a
    Flask-WTF form's `validate_on_submit()` passed (`view_body.runs_on_submit`)."""
    token_forms: tuple[str, ...] = ()
    """A decorator's (or decorator factory's): the form classes whose failed validation
    its wrapper answers with a refusal before it calls the view
    (`token_wrappers.token_checked_forms`)."""
    refuses_token_mismatch: bool = False
    """Refuses a request whose CSRF token does not match, compared the project's own way
    (`token_compares.refuses_token_mismatch`): in a decorator's wrapper or a method of a
    decorator class the wrapper calls, a check of the views under it."""
    self_calls: tuple[str, ...] = ()
    """A method's (or a function nested in one): the methods it calls on `self`."""
    wrapper_reads: frozenset[str] = frozenset()
    """A decorator's (or decorator factory's): what of the request its wrapper reads
    (`payload = request.json` before it calls the view), as `BodyFacts.request_reads`."""
    decorators: tuple[DecoratorFact, ...] = ()
    """A module-level function's decorators, should another module route to it
    (`bp.add_url_rule("/x", view_func=views.edit)`)."""
    body: BodyFacts | None = None
    """What its body does, for the same (module-level functions of Flask modules)."""
    passes: tuple[str, ...] = ()
    """For the same, should another module make it a request hook: the requests it lets
    through before its check (`HookFact.passes`)."""
    proves_caller: bool = False
    """A predicate true only once a constant-time comparison of secrets held (see
    `caller_predicates.proves_caller`): a view refusing the request it is false for
    checks its caller."""
    takes_sso_answer: bool = False
    """A function or method handing the request to a SAML library's check of the identity
    provider's signed answer (`sso_answers.checks_saml_answer`): a view returning what
    it makes (`return auth.consume_saml_assertion()`) takes the provider's cross-site
    post, proved by the provider's signature."""
    validates_self: bool = False
    """A method that validates its own form (`self.validate_on_submit()`,
    `self.validate()`): a form class's `validate_or_flash()` helper."""
    implements_hook: bool = False
    """A pluggy hook implementation (`pluggy_hooks.implements_hook`): the manager's
    `hook.<name>(...)` calls call it."""
    method_stores_through: frozenset[str] | None = None
    """A method's (whose `body` is not kept): None when its body may store; else the
    imported functions whose calls alone keep it from provably storing nothing
    (`BodyFacts.writes_through`; empty when it writes nothing), for a view calling it on
    the signed-in user (`current_user.generate_auth_token()`)."""
    refuses_first: bool = False
    """A method's: its leading statements, before any that may store, turn the request
    away as unauthorised (`if not has_permission("WRITE"): abort(403)`;
    `method_checks.leading_check`), once `first_calls` are made."""
    first_calls: tuple[tuple[str, bool], ...] = ()
    """A method's: the calls its leading statements make before, in order (`self.<method>`
    for one on `self`, else the callee's reference), each with whether a local name
    keeps its answer (a read): one may check first, or store before the check."""
    method_decorators: tuple[DecoratorFact, ...] = ()
    """A method's decorators (a permission check on it: `@login_required`)."""


@dataclass(frozen=True, slots=True)
class FlaskFacts:
    """Everything the Flask model learns from one module."""

    module: str
    imports_flask: bool
    apps: tuple[AppFact, ...] = ()
    blueprints: tuple[BlueprintFact, ...] = ()
    config_ops: tuple[ConfigOp, ...] = ()
    config_classes: tuple[ConfigClassFact, ...] = ()
    config_maps: tuple[ConfigMapFact, ...] = ()
    module_settings: tuple[SettingFact, ...] = ()
    settings_open: bool = False
    """The module body may set names webwarden cannot list (`from .local import *`,
    `locals().update(...)`): `from_object` of it may copy other values too."""
    extensions: tuple[ExtensionFact, ...] = ()
    init_apps: tuple[InitAppFact, ...] = ()
    attributes: tuple[AttributeFact, ...] = ()
    routes: tuple[RouteFact, ...] = ()
    view_classes: tuple[ViewClassFact, ...] = ()
    exposed_views: tuple[ExposedViewFact, ...] = ()
    admin_mounts: tuple[AdminMountFact, ...] = ()
    classful_views: tuple[ClassfulViewFact, ...] = ()
    classful_registers: tuple[ClassfulRegisterFact, ...] = ()
    hooks: tuple[HookFact, ...] = ()
    runs: tuple[RunFact, ...] = ()
    launch_environment: tuple[tuple[str, str], ...] = ()
    """(variable, text) the module body sets as it runs, as a `wsgi.py` or `__main__.py`
    does before it makes the app (`os.environ.setdefault("APP_SETTINGS",
    "app.config.ProductionConfig")`): the config a factory reading the variable loads."""
    apis: tuple[ApiFact, ...] = ()
    registers: tuple[RegisterFact, ...] = ()
    calls: tuple[CallFact, ...] = ()
    aliases: tuple[AliasFact, ...] = ()
    namespaces: tuple[NamespaceFact, ...] = ()
    resource_tables: tuple[ResourceTableFact, ...] = ()
    table_routes: tuple[TableRouteFact, ...] = ()
    table_calls: tuple[TableCallFact, ...] = ()
    route_calls: tuple[RouteCallFact, ...] = ()
    same_objects: tuple[tuple[str, str], ...] = ()
    """(name, first name) of the names one assignment binds to the object of a call after
    the first (`app = flask_app = CKANFlask(__name__)`): the facts are the first's."""
    collections: tuple[CollectionFact, ...] = ()
    socket_namespaces: tuple[tuple[str, str], ...] = ()
    """(Flask-SocketIO object, class) of each `socketio.on_namespace(Chat("/chat"))`."""
    socket_handlers: tuple[str, ...] = ()
    """The objects giving a function of the module an event the Flask-SocketIO way
    (`@socketio.on("chat")`, `@socketio.event`, `socketio.on_event("chat", f)`)."""
    functions: tuple[FunctionFact, ...] = ()
    resource_adders: tuple[tuple[str, str | None], ...] = ()
    """(class, URL prefix) of the module's own classes adding view classes as an `Api`
    does (`resource_adders`)."""
    request_parsers: tuple[tuple[str, frozenset[str]], ...] = ()
    """(parser, `request` attributes its `parse_args()` reads) of the module's
    Flask-RESTful/RESTX request parsers (`request_parsers`)."""
    form_classes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(class reference, qualified bases) of every class, to find FlaskForm subclasses."""
    form_csrf: tuple[tuple[str, bool], ...] = ()
    """(class reference, `Meta.csrf`) of the classes setting it (`class Meta: csrf = False`)."""
    sign_in_forms: tuple[str, ...] = ()
    """Form classes asking for an account's name and its password (`sign_in_forms`)."""
    captcha_forms: tuple[str, ...] = ()
    """Form classes one of whose own fields asks a CAPTCHA (`captcha_forms`)."""
    password_forms: tuple[str, ...] = ()
    """Classes one of whose own attributes may ask for a password (`password_forms`)."""
    form_fields: tuple[tuple[str, str], ...] = ()
    """(class reference, field class reference) of the class attributes that may take a
    file (`upload_forms.form_fields`)."""
    class_attributes: tuple[AttributeFact, ...] = ()
    """`session_interface = ...` in a class body (of a Flask subclass, it is the app's)."""
    self_apps: tuple[AppFact, ...] = ()
    """The app a class is when its `__init__` calls `super().__init__(...)`, should it
    subclass Flask (`class MoinApp(Flask)`, made by `return MoinApp()`)."""
    engine_urls: tuple[SettingFact, ...] = ()
    """`create_engine(url)` / `URL.create(...)` database URLs, keyed by the callee."""
    header_sessions: tuple[str, ...] = ()
    """URL prefixes of the requests whose session a session interface of the module takes
    from a header (`/api/`; `/` for all)."""
    interface_cookies: tuple[tuple[str, frozenset[str]], ...] = ()
    """(class reference, flags) of the module's session interfaces whose `save_session`
    gives every cookie it writes those flags itself (`secure`, `samesite`)."""
    uses_session: bool = False
    renders_html: bool = False
    remembers_logins: bool = False
    """Calls Flask-Login's (or Flask-Security's) `login_user` with a `remember` that may
    be true: the remember-me cookie is then set, and logs the user in again on its own."""
    request_candidates: tuple[str, ...] = ()
    """The project's names (`app.common.request`) the facts read as Flask's request,
    which the project step confirms (`request_names`)."""


fast_pickling(globals())
