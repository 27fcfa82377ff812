"""The Flask model rules judge: apps with their config, extensions and routes."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Location
from webwarden.model import STATE_CHANGING
from webwarden.model.flask.captcha import checks_captcha
from webwarden.model.flask.facts import BodyFacts, DecoratorFact, HookFact
from webwarden.model.flask.handed_checks import AUTH_CHECK as _AUTH_CHECK
from webwarden.model.flask.hook_passes import ENDPOINT, EXACT, WRAP_VIEWS
from webwarden.model.flask.invenio import InvenioServing
from webwarden.model.flask.path_words import CONTAINS
from webwarden.model.flask.principal import permission_require
from webwarden.model.flask.token_compares import turned_off
from webwarden.model.flask.view_body import refuses_by_call
from webwarden.model.module import identifier_words, role_words
from webwarden.model.server_headers import ServerHeader
from webwarden.model.server_locations import ServerLocation, internal_only
from webwarden.model.switches import names_ci

FLASK_DEFAULTS: dict[str, object] = {
    "DEBUG": False,
    "TESTING": False,
    "SECRET_KEY": None,
    "SESSION_COOKIE_SECURE": False,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": None,
    "PERMANENT_SESSION_LIFETIME": datetime.timedelta(days=31),
    "PREFERRED_URL_SCHEME": "http",
    "MAX_CONTENT_LENGTH": None,
}
"""Flask's own defaults for the keys webwarden judges (flask.app.Flask.default_config)."""

DEVELOPMENT_WORDS = frozenset(
    {"dev", "development", "develop", "local", "test", "testing", "tests", "debug", "ci"}
    | {"e2e", "nonprod", "nonproduction"}
)
_CONVERTER = re.compile(r"<(?:(?P<converter>[a-zA-Z_]\w*)(?:\((?P<args>.*?)\))?:)?(?P<name>\w+)>")
LOGIN_DECORATORS = (
    "login_required",
    "auth_required",
    "roles_required",
    "roles_accepted",
    "permission_required",
    "permissions_required",
    "permissions_accepted",
    "jwt_required",
    "token_required",
    "auth_token_required",
    "http_auth_required",
    "admin_required",
    "fresh_login_required",
)

FRAMEWORK_GUARDS = frozenset({"has_access", "has_access_api", "is_accessible", "_handle_view"})
"""Flask-AppBuilder's permission decorators (`@has_access`, `@has_access_api`; its
`@protect()` counts when imported from Flask-AppBuilder), and the Flask-Admin view-class
checks the model adds to each route of a class overriding them."""
CLASSFUL_LOGIN_HOOK = "flask_classful.FlaskView.before_request"
"""The decorator a Flask-Classful view gets when a `before_request` or `before_<name>`
hook of its class checks the login (`classful.py`): the hook runs before the view."""
CLASSFUL_CSRF_HOOK = "flask_classful.FlaskView.before_request.csrf"
"""The decorator a Flask-Classful view gets when such a hook calls a check named for
CSRF (`csrf_protect()`): it stores nothing, and refuses a forged post before the view."""


def extension_kind(qualified: str) -> str:
    """`flask_wtf.csrf.CSRFProtect` -> `flask_wtf.CSRFProtect` (package and class)."""
    return f"{qualified.split('.', 1)[0]}.{qualified.rsplit('.', 1)[-1]}"


_DEPLOYED_WORDS = frozenset(
    {"prod", "production", "live", "deploy", "deployed", "release", "staging", "stage"}
    | {"docker", "default", "main", "base", "server", "cloud", "heroku", "k8s"}
)
"""Words of a config name that say it runs where users are."""


def is_development_name(name: str) -> bool:
    """Whether a config name or mapping key reads as development, testing or local."""
    words = role_words(name)
    return any(word in DEVELOPMENT_WORDS for word in words) or names_ci(words)


@dataclass(frozen=True, slots=True)
class Setting:
    """A config key's value and where it was set."""

    key: str
    value: object
    location: Location
    source: str
    """Where it came from: `app.config`, a config class, a config file, `.env`."""
    from_env_file: bool = False


@dataclass(frozen=True, slots=True)
class Variant:
    """One config class `from_object` may load (`config[os.getenv("FLASK_CONFIG")]`)."""

    name: str
    ref: str
    location: Location
    keys: tuple[str, ...] = ()
    """The mapping keys that select it (`"development"`, `"default"`)."""
    ancestors: tuple[str, ...] = ()
    """The names of the project's config classes it derives from, nearest first."""
    unset_by: str = ""
    """The environment variable whose absence selects it (`configs[os.getenv("FLASK_CONFIG")
    or "default"]` with `"default": DevelopmentConfig`): what runs wherever the variable
    was forgotten, production included."""

    @property
    def is_development(self) -> bool:
        """Named for development, testing or local use (so judged at low severity), or
        derived from a config so named without a name of its own saying otherwise
        (`class AltUIConfig(TestingConfig)`; not `ProductionConfig(DevelopmentConfig)`);
        never the config loaded when the selecting variable is unset."""
        return not self.unset_by and self.named_for_development

    @property
    def named_for_development(self) -> bool:
        """Named for development, testing or local use, or derived from a config so named
        (see `is_development`)."""
        if any(is_development_name(n) for n in (self.name, *self.keys)):
            return True
        own = {w for n in (self.name, *self.keys) for w in identifier_words(n)}
        if own & _DEPLOYED_WORDS:
            return False
        return any(is_development_name(n) for n in self.ancestors)


@dataclass(slots=True)
class Layer:
    """Keys one config operation sets, applied in order; `variant` "" applies always."""

    settings: dict[str, Setting]
    variant: str = ""
    opaque: bool = False
    setdefault: bool = False


@dataclass(frozen=True, slots=True)
class Judged:
    """The value a key ends up with in some variants (`setting` None: Flask's default)."""

    key: str
    setting: Setting | None
    variants: tuple[Variant, ...]
    location: Location
    """The setting's location, or where to report a missing key."""
    overridable: bool = False
    """Config loaded later from outside the source (an instance file, the environment)
    may replace this value."""

    @property
    def value(self) -> object:
        """The value in effect (Flask's default when unset)."""
        return FLASK_DEFAULTS.get(self.key) if self.setting is None else self.setting.value

    @property
    def development_only(self) -> str:
        """The variant names when every variant in effect is a development one, else ""."""
        if self.variants and all(v.is_development for v in self.variants):
            return ", ".join(v.name for v in self.variants)
        return ""

    @property
    def unset_note(self) -> str:
        """Why a development config's value is judged as deployed: it is the one loaded
        when the variable choosing the config is unset. "" when none is."""
        for variant in self.variants:
            if variant.unset_by and variant.named_for_development:
                return f"development config `{variant.name}`, loaded when `{variant.unset_by}` is unset"
        return ""


@dataclass(slots=True)
class Extension:
    """An extension attached to an app, with its options merged."""

    kind: str
    ref: str
    options: dict[str, object]
    location: Location
    config_keys: dict[str, str] = field(default_factory=dict)
    """The config key an option reads (`content_security_policy=app.config["CSP"]`),
    by option; judge it with `FlaskApp.judge`."""

    @property
    def unread(self) -> bool:
        """Some options are given as `**kwargs` webwarden cannot read (any option may be
        among them)."""
        return "**" in self.options

    def option(self, name: str, default: object) -> object:
        """The option's value, the extension's documented default, or `UNKNOWN` when it
        may be among options webwarden cannot read."""
        if name in self.options:
            return self.options[name]
        return UNKNOWN if self.unread else default


_VIEWLESS_EXTENSIONS = frozenset(
    {"flask_sqlalchemy.SQLAlchemy", "flask_appbuilder.SQLA", "flask_migrate.Migrate"}
    | {"flask_caching.Cache", "flask_mail.Mail", "flask_babel.Babel", "flask_cors.CORS"}
    | {"flask_compress.Compress", "flask_login.LoginManager", "flask_redis.FlaskRedis"}
)
"""Extensions that give the app data, mail or caching, and no view of their own."""


_JSON_READS = frozenset({"json", "get_json"})
_SUBMIT_METHODS = frozenset({"POST", "PUT", "PATCH"})
_SENT_DATA = _JSON_READS | frozenset(
    {"form", "values", "files", "data", "get_data", "stream", "input_stream", "args"}
)
"""Attributes of Flask's `request` holding what the client sent (`get_json(force=True)`
is recorded as `data`: it parses any body)."""


@dataclass(frozen=True, slots=True)
class Route:
    """One URL rule as `app.url_map` will hold it."""

    rule: str | None
    endpoint: str
    methods: frozenset[str]
    view: str
    location: Location
    decorators: tuple[DecoratorFact, ...] = ()
    body: BodyFacts = field(default_factory=BodyFacts)
    blueprint: str | None = None
    view_found: bool = True
    """Whether the project defines the view, so that its body and decorators are known; not
    one another module or the app factory's caller hands in (`server.handle_request` of a
    `create_app(server)` parameter)."""
    through_api: bool = False
    """Added by a Flask-RESTful or Flask-RESTX `Api` (`add_resource`, `@ns.route`): the
    API's `output` wrapper sends what a handler returns that is not a response object
    through `Api.make_response`, as one of the API's representations (JSON by default),
    never as Flask's default `text/html`."""
    arguments: tuple[tuple[str, bool], ...] = ()
    """Request values the framework passes the view as keyword arguments besides the
    rule's variables, as (name, whether it may carry text): a Connexion operation's
    query, header, form and body parameters."""
    outer_decorators: tuple[DecoratorFact, ...] = ()
    """See `RouteFact.outer_decorators`."""
    class_calls: frozenset[str] = frozenset()
    """For a view class, the calls of the project's view classes it derives from (a
    base's `post()` validating `self.form`) and the form class that it or such a base
    names as `form_class`, which the class builds (`self.form_class(request.form)`)."""
    handler_decorators: tuple[tuple[DecoratorFact, ...], ...] = ()
    """For a view class, the decorators of each of its state-changing handlers (`decorators`
    holds only those all of them share): a login on `post` and an admin check on
    `delete` guard every write although no guard is common."""
    bases_act_as_user: bool = False
    """For a view class, whether a project view class it derives from reads the session,
    the user or what the browser adds by itself (`cookie_authority.body_acts_as_user`):
    its inherited handler may act as the user."""
    post_view: Route | None = None
    """For a view class with other handlers beside its own `post`, the route as `post`
    alone makes it: the class's and `post`'s decorators, and what the class does but in
    its other handlers (`ViewClassFact.post_body`). Another site's form can send a POST
    only: a sign-up's `post` beside `put` and `delete` that act for a token's user."""

    @property
    def converters(self) -> tuple[tuple[str, str], ...]:
        """(variable, converter) for each `<converter:variable>` of the rule."""
        return tuple(
            (m.group("name"), m.group("converter") or "default")
            for m in _CONVERTER.finditer(self.rule or "")
        )

    @property
    def state_changing(self) -> bool:
        """Whether the rule accepts POST, PUT, PATCH or DELETE."""
        return bool(self.methods & STATE_CHANGING)

    @property
    def forgeable(self) -> bool:
        """Whether another site can make the browser send it a state-changing request
        with the user's cookies: a form's POST. PUT, PATCH and DELETE take a script, and
        the browser sends them across sites only with the app's CORS consent (WW1175
        reports consent given to every origin)."""
        return "POST" in self.methods

    @property
    def takes_json_only(self) -> bool:
        """Whether the view reads what the client sends only as JSON (`request.json`,
        `get_json()`): Flask refuses a body whose type is not JSON, and another site's
        form cannot send that type (nor its script without the app's CORS consent). It
        may read the query string too (`request.args.get("command_id")`): a request whose
        body is not JSON fails at the body's read (Flask answers 415)."""
        sent = self.body.request_reads & _SENT_DATA - {"args"}
        return bool(sent) and sent <= _JSON_READS

    def decorated(self, *suffixes: str) -> DecoratorFact | None:
        """The first decorator whose name ends with one of `suffixes`."""
        for decorator in self.decorators:
            tail = decorator.name.rsplit(".", 1)[-1]
            if tail in suffixes:
                return decorator
        return None

    @property
    def display(self) -> str:
        """`POST /notes` for messages."""
        methods = sorted(self.methods & STATE_CHANGING) or sorted(
            self.methods - {"HEAD", "OPTIONS"}
        )
        return f"{'/'.join(methods)} {self.rule or '?'}"


@dataclass(slots=True)
class FlaskApp:
    """One Flask application: where it is made, its config, extensions and routes."""

    ref: str
    location: Location
    module: str
    factory: str
    root_dir: str
    layers: list[Layer] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)
    extensions: list[Extension] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    hooks: list[tuple[str | None, HookFact, str]] = field(default_factory=list)
    """(blueprint name or None, hook, relpath)."""
    runs: list[tuple[dict[str, object], Location]] = field(default_factory=list)
    dropped: bool = False
    """A function makes the app in a local name and does not return it (a CLI command
    reading the app's config, a migration script, a database helper), or a command-line
    script makes it at its top level (`AppFact.script`)."""
    dispatched: bool = False
    """Werkzeug's `DispatcherMiddleware` replaces the app's whole `wsgi_app` (`app.wsgi_app
    = DispatcherMiddleware(frame, {"/cves": cves_app})`): the middleware routes every
    request, to the apps it mounts."""
    worker_entry: bool = False
    """The app is made in a Celery worker's entry module (`run_celery.py` that only
    `celery -A run_celery.celery worker` names: see `worker_entries`)."""
    blueprint_calls: list[tuple[str, str]] = field(default_factory=list)
    """(callee, blueprint name) of `.exempt(blueprint)` calls (Flask-WTF's `csrf.exempt`)."""
    attributes: dict[str, list[tuple[str, object, Location]]] = field(default_factory=dict)
    """Extension ref -> (attribute, value, location) set on it."""
    anonymous_users: list[tuple[str, Location]] = field(default_factory=list)
    """(class reference, location) of each class given as a Flask-Login manager's
    `anonymous_user` (`login_manager.anonymous_user = Guest`)."""
    falsy_anonymous: bool = False
    """A Flask-Login manager of the app is given an `anonymous_user` returning a false
    constant (`lambda: None`): `current_user` is false for a visitor not logged in, so
    `if not current_user: return redirect(...)` turns the anonymous away."""
    modules: set[str] = field(default_factory=set)
    session_interface: Location | None = None
    """Where the app is given a session interface of its own (`app.session_interface =
    RedisSessionInterface()`): that class writes the session cookie, and may set its
    flags without the `SESSION_COOKIE_*` settings."""
    session_interface_flags: frozenset[str] = frozenset()
    """The cookie flags (`secure`, `samesite`) that session interface gives every cookie
    it writes itself, whatever the settings say."""
    server_sessions: str = ""
    """What keeps the app's sessions on the server by an id (`Flask-Session`,
    `Flask-KVSession`, "its own session interface ..."), or "" for Flask's
    signed cookie, which holds the session itself."""
    uses_session: bool = False
    sockets_use_session: bool = False
    """A class handling a namespace of one of the app's Flask-SocketIO objects is defined
    in a module using the session (`build._sockets_use_session`)."""
    sockets_act_as_no_one: bool = False
    """Every event of the app's Flask-SocketIO objects is handled by a namespace class
    none of whose methods reads the session, the user or the cookies
    (`build._sockets_act_as_no_one`)."""
    renders_html: bool = False
    frame_wrappers: frozenset[str] = frozenset()
    """Decorators sending `X-Frame-Options` on the views they wrap (flask-secure-headers'
    `@sh.wrapper()`, `frame_wrappers`)."""
    remembers_logins: bool = False
    """Some module of the project logs users in with a remember-me cookie
    (`login_user(user, remember=form.remember.data)`)."""
    security_decorators: bool = False
    """Some module of the project imports Flask-Security's authentication decorators
    (`auth_required`, `auth_token_required`, `http_auth_required`), which call
    `csrf.protect()` themselves for the mechanisms `SECURITY_CSRF_PROTECT_MECHANISMS`
    names (`security_decorators`)."""
    form_classes: frozenset[str] = frozenset()
    """Flask-WTF form classes of the project, and its functions returning one."""
    form_validations: frozenset[str] = frozenset()
    """Methods of the project's form classes that validate their own form
    (`.validate_or_flash`, calling `self.validate_on_submit()`), as calls are named."""
    tokenless_forms: frozenset[str] = frozenset()
    """Flask-WTF form classes of the project that check no token (`class Meta: csrf =
    False`)."""
    sign_in_forms: frozenset[str] = frozenset()
    """Form classes of the project asking for an account's name and its password."""
    upload_forms: frozenset[str] = frozenset()
    """Calls of form classes of the project with a file field (`upload_forms`)."""
    captcha_forms: frozenset[str] = frozenset()
    """Calls of form classes of the project with a CAPTCHA field (`captcha_forms`)."""
    passwordless_forms: frozenset[str] = frozenset()
    """Calls of form classes of the project (Flask-WTF or WTForms, through the project's
    classes alone) none of whose classes has an attribute that may ask for a password
    (`SupportForm` with a radio field): posting one proves no one's identity."""
    helper_calls: dict[str, frozenset[str]] = field(default_factory=dict)
    """A call its views make of a project function -> the calls that function (and the
    project functions it calls) makes."""
    helper_reads: dict[str, frozenset[str]] = field(default_factory=dict)
    """A call its views or request hooks make of a project function -> what of the
    request that function (and the project functions it calls) reads."""
    helper_denials: frozenset[str] = frozenset()
    """Calls its request hooks make of project functions that refuse the request as
    unauthorised, themselves or through the project functions they call (an API's
    `requires_admin_auth` hook calling the check that raises `AuthError(message, 401)`)."""
    read_only_helpers: frozenset[str] = frozenset()
    """Calls its views make of project functions of other modules that provably store
    nothing (`helpers.current_url(page=n)` building a URL), by their bodies and those of
    the project functions they call in turn."""
    guard_decorators: frozenset[str] = frozenset()
    """Decorators of its views and hooks that are the project's own login checks, by what
    their wrapper does (`@secure` reading the session and redirecting to the login)."""
    config_gates: frozenset[str] = frozenset()
    """Decorators of its views that are the project's own and run the view only when the
    app's config turns a feature on, refusing otherwise and reading nothing of the
    visitor (`@federated_login_route`): no login check, whatever their name says, and
    acting as no one."""
    inert_decorators: frozenset[str] = frozenset()
    """Decorators of its views that are the project's own and store nothing but for
    calling the view (`@json_output` answering its dict as JSON, Flask's `@templated`):
    a view that writes nothing stays one under them."""
    called_guards: frozenset[str] = frozenset()
    """Login or permission decorators of its views that are functions of the project, by
    the name its views call them by: a view calling one itself (`authorize("create",
    resources)` where other views carry `@authorize`) checks the user as they do; the
    project's decorator doubles as a check a view runs once it knows what is asked. Also
    the project's functions its views call that check the permission themselves
    (`guard_functions.permission_calls`: `check_post_editable(post)` reading
    `current_user` and answering 403)."""
    header_guards: frozenset[str] = frozenset()
    """Decorators of its views that check a credential read from a header only: the
    project's login checks doing so (`@apikey_auth`), and libraries' token checks
    (`@oauth.require_oauth()`, `guard_functions.LIBRARY_HEADER_GUARDS`)."""
    token_scoped: frozenset[str] = frozenset()
    """Decorators of its views that ask only the token a library's header check verified
    (`@require_permission(p)` reading Authlib's `current_token`:
    `guard_functions.token_scoped_functions`): they know the caller by that header."""
    basic_guards: frozenset[str] = frozenset()
    """Decorators of its views that check HTTP Basic or Digest credentials
    (`guard_functions.basic_guard_functions`: Flask-HTTPAuth's `HTTPBasicAuth`, the
    project's `requires_auth` reading `request.authorization`), which the browser sends
    again by itself once the user typed them."""
    jwt_guards: frozenset[str] = frozenset()
    """Of the login checks, the ones whose wrapper calls Flask-JWT-Extended's
    `verify_jwt_in_request()`."""
    header_sessions: tuple[str, ...] = ()
    """URL prefixes of the requests whose session the app's own session interface takes
    from a header (an API's token) instead of the cookie."""
    keeps_login_in_cookie: bool = True
    """Whether anything of the project may know the user by a cookie the browser sends by
    itself (`cookie_logins.keeps_login_in_cookie`); false for an API knowing its users by
    a token in a header only."""
    submit_decorators: frozenset[str] = frozenset()
    """The project's decorators that run the view only on a submitted Flask-WTF form
    (`view_body.runs_on_submit`)."""
    token_decorators: frozenset[str] = frozenset()
    """The project's decorators whose wrapper refuses a request whose Flask-WTF form
    fails its token check before it calls the view (`token_wrappers`)."""
    decorator_reads: dict[str, frozenset[str]] = field(default_factory=dict)
    """A decorator of its views that is the project's own -> what of the request its
    wrapper reads (an API's `@api.validate(model)` reading `request.json`)."""
    authority_calls: frozenset[str] = frozenset()
    """Calls its views make that may act with the authority the user's cookies give
    (`cookie_authority.authority_calls`): of the session, `g`, a login library, or a
    project function reading them."""
    g_modules: frozenset[str] = frozenset()
    """Relpaths of its modules importing Flask's `g`, which a hook may have given the user."""
    cookie_hooks: frozenset[str] = frozenset()
    """Functions of its `before_request` hooks that may act as the user its cookies name
    (`build._cookie_hooks`); the others know the caller by no cookie, if at all."""
    extension_decorators: frozenset[str] = frozenset()
    """Decorators of its views that call an extension object of a library knowing no
    user (`@talisman(content_security_policy=...)`, `@limiter.limit(...)`)."""

    @property
    def name(self) -> str:
        """The variable or factory that holds the app, for messages."""
        return self.ref.rsplit(":", 1)[-1].rsplit(".", 1)[-1]

    @property
    def opaque(self) -> bool:
        """Some config is loaded from somewhere the source does not show."""
        return any(layer.opaque for layer in self.layers)

    @property
    def serves_nothing(self) -> bool:
        """Whether the app is one a function makes for its config or an app context and
        then drops: never run, not returned, with no route but Flask's static one, no
        request hook and no extension that adds views. No request ever reaches it."""
        return self.dropped and not self.runs and self.viewless

    @property
    def viewless(self) -> bool:
        """No route but Flask's static one, no request hook and no extension that adds
        views."""
        return (
            not self.hooks
            and all(route.endpoint == "static" for route in self.routes)
            and all(e.kind in _VIEWLESS_EXTENSIONS for e in self.extensions)
        )

    def extension(self, *kinds: str) -> list[Extension]:
        """The attached extensions of these kinds (`flask_talisman.Talisman`)."""
        return [e for e in self.extensions if e.kind in kinds]

    def effective(
        self, key: str, variant: Variant | None = None, *, env_files: bool = False
    ) -> Setting | None:
        """The setting in effect for `key` under `variant` (None: every-variant layers only).

        Values from `.env`/`.flaskenv` (through `from_prefixed_env`) count only with
        `env_files`: they are a developer's machine, not what production runs with.
        """
        found: Setting | None = None
        for layer in self.layers:
            if layer.variant and (variant is None or layer.variant != variant.ref):
                continue
            setting = layer.settings.get(key)
            if setting is None or (setting.from_env_file and not env_files):
                continue
            if not (layer.setdefault and found is not None):
                found = setting
        return found

    def judge(self, key: str) -> list[Judged]:
        """The distinct values `key` takes across the config variants."""
        variants: list[Variant | None] = list(self.variants) or [None]
        groups: dict[Location | None, tuple[Setting | None, list[Variant]]] = {}
        for variant in variants:
            setting = self.effective(key, variant)
            where = None if setting is None else setting.location
            _, members = groups.setdefault(where, (setting, []))
            if variant is not None:
                members.append(variant)
        judged = []
        for setting, members in groups.values():
            if setting is not None:
                location = setting.location
            else:
                partial = members and len(members) < len(self.variants)
                location = members[0].location if partial else self.location
            judged.append(
                Judged(key, setting, tuple(members), location, self._overridable(setting))
            )
        return judged

    def _overridable(self, setting: Setting | None) -> bool:
        return setting is not None and self.replaceable(setting)

    def replaceable(self, setting: Setting) -> bool:
        """Whether config the source does not show may replace `setting`: loaded after
        it, or loaded before a default that applies only when the key is not set yet
        (`app.config.setdefault(...)`, `if key not in app.config:`)."""
        later = opaque_before = False
        for layer in self.layers:
            if later and layer.opaque:
                return True
            mine = any(s is setting for s in layer.settings.values())
            if mine and layer.setdefault and opaque_before:
                return True
            later = later or mine
            opaque_before = opaque_before or layer.opaque
        return False

    def protected_by_login(self, route: Route, *, by_cookie: bool = False) -> bool:
        """A login decorator, an in-body check, or a login-checking `before_request`
        hook; unless `by_cookie`, also a hook refusing a request whose header lacks the
        credential (an API's `bp.before_request(requires_token)` answering 401 or 403)."""
        if _checks_login(route.body) or self.guarded_around(route, by_cookie=by_cookie):
            return True
        if self.falsy_anonymous and route.body.refuses_falsy_user:
            return True
        if route.body.calls & self.called_guards:
            return True
        delegate = self._delegate(route)
        return delegate is not None and self.guarded_around(delegate, by_cookie=by_cookie)

    def _delegate(self, route: Route) -> Route | None:
        """The route whose view this one's only returns the call of (a URL kept for
        compatibility, `return update_pool(name)`): the name is bound to the decorated
        function, so its login decorators run on this route's requests too."""
        target = route.body.delegates_to
        if not target or target == route.view:
            return None
        return next((r for r in self.routes if r.view == target and r.view_found), None)

    def guarded_around(self, route: Route, *, by_cookie: bool = False) -> bool:
        """`protected_by_login` but for the view's own checks: by a decorator or a hook."""
        if any(self.guards_access(d) for d in route.decorators):
            return True
        if route.handler_decorators and all(
            any(map(self.guards_access, own)) for own in route.handler_decorators
        ):
            return True
        return any(
            self._hook_gates(hook) or (not by_cookie and self._hook_credential_gate(hook))
            for hook in self._hooks_before(route)
        )

    def header_hook_guarded(self, route: Route, *, forged: bool = False) -> bool:
        """Whether a hook running before the view refuses a request that lacks the
        credential it reads from a header (`bp.before_request(requires_token)`). With
        `forged`, only a header another site's request lacks: not HTTP Basic or Digest
        credentials (`request.authorization`), which the browser sends again by itself."""
        reads = _HEADER_ONLY_READS if forged else _CREDENTIAL_READS
        return any(self._hook_credential_gate(h, reads) for h in self._hooks_before(route))

    def _hooks_before(self, route: Route) -> Iterator[HookFact]:
        """The hooks that run before the view and do not let its requests through first."""
        for blueprint, hook, _ in self.hooks:
            if not _runs_first(hook):
                continue
            if blueprint not in (None, route.blueprint) or _let_through(route, hook.passes):
                continue
            yield hook

    def _hook_credential_gate(
        self, hook: HookFact, credential_reads: frozenset[str] = frozenset()
    ) -> bool:
        """`_credential_gate` of a hook, counting the header its project helpers read for
        it and their refusals: an API's `check_auth` hook taking the token from
        `get_token_from_headers()` and answering 401 or 403 without it, or handing the
        whole check to a helper that reads the header and raises `AuthError(message, 401)`."""
        credential_reads = credential_reads or _CREDENTIAL_READS
        calls = hook.body.calls
        reads = frozenset().union(*(self.helper_reads.get(c, ()) for c in calls))
        denies = hook.body.denies or bool(calls & self.helper_denials)
        return denies and bool((reads | hook.body.request_reads) & credential_reads)

    def _hook_gates(self, hook: HookFact) -> bool:
        return (
            _login_gate(hook.body)
            or _hook_session_gate(hook)
            or any(self.guards_access(d) for d in hook.decorators)
        )

    def session_by_header(self, route: Route) -> bool:
        """Whether the app's own session interface opens the session of requests to
        `route` from a header (`if request.path.split("/")[1] == "api":` reading
        `Authorization: Token ...`): a browser sends none to another site's link."""
        rule = route.rule or ""
        return any(
            rule.startswith(prefix) or rule == prefix.rstrip("/") for prefix in self.header_sessions
        )

    def takes_json_only(self, route: Route) -> bool:
        """`Route.takes_json_only`, counting what the project functions the view calls
        read of the request (a login view handing over to `authenticate()`, which reads
        `request.get_json()`), and what the wrappers of its decorators read (an
        `@api.validate(model)` checking `request.json` against a schema: Flask refuses
        another body before the view runs)."""
        reads = route.body.request_reads.union(
            *(self.helper_reads.get(call, ()) for call in route.body.calls),
            *(self.decorator_reads.get(d.name, ()) for d in route.decorators),
        )
        sent = reads & _SENT_DATA - {"args"}
        return bool(sent) and sent <= _JSON_READS

    def header_guarded(self, route: Route, *, forged: bool = False) -> bool:
        """Whether a decorator of the view checks a credential read from a header (not
        Authlib's `@require_oauth(optional=True)`, which lets a request without one in).
        With `forged`, only a header another site's request lacks: not HTTP Basic or
        Digest credentials (`basic_guards`), which the browser sends again by itself."""
        return any(
            d.name in self.header_guards
            and not _optional(d)
            and not (forged and d.name in self.basic_guards)
            for d in route.decorators
        )

    @property
    def asks_basic_credentials(self) -> bool:
        """Whether the app knows users by HTTP Basic or Digest credentials, which the
        browser sends again by itself with every request to the site once the user typed
        them, another site's included, as it sends a cookie: a view's decorator checks
        them (`basic_guards`), or a `before_request` hook reads `request.authorization`
        (rq-dashboard's `add_basic_auth` on its blueprint)."""
        if any(d.name in self.basic_guards for route in self.routes for d in route.decorators):
            return True
        return any(
            hook.kind.startswith("before") and "authorization" in hook.body.request_reads
            for _, hook, _ in self.hooks
        )

    def jwt_guarded(self, route: Route) -> bool:
        """Whether a decorator of the view lets it run only for a valid Flask-JWT-Extended
        token: the library's `@jwt_required` or a project decorator calling
        `verify_jwt_in_request()`. A token sent as a cookie must come with its CSRF token
        in a header (`JWT_COOKIE_CSRF_PROTECT`, on by default), which another site's
        form cannot add."""
        return any(_jwt_decorator(d) or d.name in self.jwt_guards for d in route.decorators)

    def jwt_guarded_as_configured(self, route: Route) -> bool:
        """Whether the view is `jwt_guarded` and reads the token where the app's config
        says (`JWT_TOKEN_LOCATION`): no decorator of it names its own `locations=`
        (`@jwt_required(locations=["cookies"])`)."""
        return self.jwt_guarded(route) and not any(
            "locations" in dict(d.options) for d in route.decorators
        )

    def authenticates_by_cookie(self, route: Route) -> bool:
        """Whether the user of `route` may be known by the session cookie: it uses the
        session, or a login check guards it that is not one reading a header only
        (`@apikey_auth` checking `X-API-KEY`) nor one asking what such a check verified
        (`token_scoped`), and the app's session interface does not take the session of
        its URL from a header."""
        if self.session_by_header(route):
            return False
        if route.body.uses_session:
            return True
        by_token = self.header_guards | self.token_scoped
        decorators = [d for d in route.decorators if d.name not in by_token]
        if self.header_guarded(route) and not any(self.guards_access(d) for d in decorators):
            # NOTE: a check handed what the request sent (`LoginSession.authenticate(buid=
            # sid)`) proves that, not the cookie (`handed_checks`).
            return _checks_login(route.body, ignoring=route.body.handed_checks)
        return self.protected_by_login(route, by_cookie=True)

    def writes_nothing(self, route: Route) -> bool:
        """Whether the view provably changes no state (`BodyFacts.writes_nothing`), itself
        or but for calls of project functions of other modules that store nothing either
        (a pagination view redirecting to `helpers.current_url(page=n)`)."""
        body = route.body
        through = body.writes_through
        return body.writes_nothing or (bool(through) and through <= self.read_only_helpers)

    def guards_access(self, decorator: DecoratorFact) -> bool:
        """Whether the decorator checks who the user is or what they may do (a login or
        permission check of a library or the project, or one granting roles)."""
        if decorator.name in self.config_gates:
            return False  # NOTE: the same answer for every visitor, named `login` or not
        return (
            _guards_access(decorator.name)
            or decorator.name in self.guard_decorators
            or _grants_roles(decorator)
        )

    def checks_csrf_in_hook(self, route: Route) -> bool:
        """Whether a `before_request` hook that applies to `route` checks a CSRF token the
        project's own way (CTFd's `csrf` hook comparing `session["nonce"]` with the form's
        `nonce` and aborting; the Flask snippet's `csrf_protect`)."""
        return any(
            hook.kind.startswith("before")
            and blueprint in (None, route.blueprint)
            and checks_csrf(hook)
            for blueprint, hook, _ in self.hooks
        )

    def checks_csrf_itself(self, route: Route) -> bool:
        """Whether a decorator on `route` is named for checking a CSRF token
        (`@csrf_protect()`, Quay's `@oauthlogin_csrf_protect`), or the view calls a check
        so named (`verify_csrf()`, Flask-WTF's `validate_csrf(token)`): the project's own
        check, as a hook so named is (`checks_csrf`). Also a check a function of the
        project the view calls makes (Faraday's `validate_file(request)`, which calls
        `validate_csrf` on the form's token before it hands the upload back), and a
        decorator of the project whose wrapper refuses a request whose Flask-WTF form
        fails validation before it calls the view (`form = FlaskForm()`, then `if not
        form.validate(): return error`), or whose wrapper, or a method of its class the
        wrapper calls on `self`, compares the token the request sends with the session's
        and refuses a mismatch (`build._compares_token`), unless the view's options turn
        that check off (`@api_login(check_xsrf_token=False)`)."""
        decorators = {d.name for d in route.decorators}
        if CLASSFUL_CSRF_HOOK in decorators:
            return True
        if any(
            d.name in self.token_decorators and not turned_off(d.options) for d in route.decorators
        ):
            return True
        calls = route.body.calls.union(
            *(self.helper_calls.get(c, ()) for c in route.body.calls - decorators)
        )
        return any(_names_csrf_check(name) for name in (*decorators, *calls))

    def runs_on_submit(self, route: Route) -> bool:
        """Whether a decorator of the project runs the view only once a Flask-WTF form's
        `validate_on_submit()` passed: on a POST with the form's valid CSRF token."""
        return any(d.name in self.submit_decorators for d in route.decorators)

    def uses_flask_form(self, route: Route) -> bool:
        """Whether the view builds a `FlaskForm` and validates it (`validate()` and
        `validate_on_submit()` check the CSRF token; building the form checks nothing).
        Only Flask-WTF's forms have `validate_on_submit()`, so calling it tells a
        `FlaskForm` whose class derives from a library's (Funnel's `baseframe.forms.Form`).
        A method of a project form class that validates its own form counts as
        `validate()` (`form.validate_or_flash()`), and so does a library view helper that
        builds and validates such a form (baseframe's `render_delete_sqla`)."""
        if self.runs_on_submit(route):
            return True
        if self.forms_check_no_token(route):
            return False
        calls = self._form_calls(route)
        if _SUBMIT_VALIDATION in calls or calls & _VALIDATING_VIEWS:
            return True
        validations = _FORM_VALIDATION | self.form_validations
        return bool(calls & self.form_classes) and bool(calls & validations)

    def forms_check_no_token(self, route: Route) -> bool:
        """Whether every form the view makes has its CSRF check turned off (`class Meta:
        csrf = False`, `LoginForm(meta={"csrf": False})`)."""
        calls = self._form_calls(route)
        built_tokenless = route.body.tokenless_forms
        return bool(calls & self.tokenless_forms or built_tokenless) and not (
            calls & self.form_classes - built_tokenless
        )

    def takes_credentials(self, route: Route) -> bool:
        """Whether the view builds, itself or through the project's helpers, a form
        asking for an account's name and its password, or for a password alone (a
        password gate): it lets in whoever knows them."""
        return bool(self._form_calls(route) & self.sign_in_forms)

    def asks_captcha(self, route: Route) -> bool:
        """Whether the view, itself or through the project's helpers, builds a form
        asking a CAPTCHA or checks a CAPTCHA's answer: it is made for visitors who are
        not signed in, whom the CAPTCHA tells from robots."""
        calls = self._form_calls(route)
        return bool(calls & self.captcha_forms) or checks_captcha(calls)

    def accepts_uploads(self, route: Route) -> bool:
        """Whether the view reads `request.files`, itself or through a project function
        it calls (`save_upload()`), or takes a submission (`POST`, `PUT`, `PATCH`)
        building a form of the project with a file field, itself or through its
        helpers: WTForms fills the field from the uploaded files."""
        reads = route.body.request_reads.union(
            *(self.helper_reads.get(call, ()) for call in route.body.calls)
        )
        if "files" in reads:
            return True
        return bool(route.methods & _SUBMIT_METHODS) and bool(
            self._form_calls(route) & self.upload_forms
        )

    def _form_calls(self, route: Route) -> frozenset[str]:
        """What the view calls, itself, through the project's helpers or through the
        project's base view classes, and the form class its class names."""
        calls = route.body.calls | route.class_calls
        decorators = {d.name for d in route.decorators}
        return calls.union(*(self.helper_calls.get(c, ()) for c in calls - decorators))


_CSRF_WORDS = frozenset({"csrf", "xsrf"})
_CHECK_WORDS = frozenset({"check", "validate", "verify", "protect", "prevent", "ensure", "require"})


def _names_csrf_check(name: str) -> bool:
    words = set(identifier_words(name.rsplit(".", 1)[-1]))
    return bool(_CSRF_WORDS & words and _CHECK_WORDS & words)


def calls_csrf_check(body: BodyFacts) -> bool:
    """Whether the code calls a check named for CSRF (`validate_csrf(token)`,
    `check_csrf_token()`, a project's `csrf_protect()`)."""
    return any(_names_csrf_check(call) for call in body.calls)


def checks_csrf(hook: HookFact) -> bool:
    """A request hook that checks a CSRF token: named for it (`csrf`, `csrf_protect`) and
    turning requests away (`abort(403)`, `abort(400)`, or, before the request, returning a
    response, `return error_json("Invalid CSRF token")`: Flask sends it and runs no view),
    or calling a check named for it (`validate_csrf(token)`, `check_csrf_token()`). A hook
    that only makes a token (`generate_csrf()`, `session["_csrf_token"] = ...`) checks
    nothing."""
    calls = [call.rsplit(".", 1)[-1] for call in hook.body.calls]
    if calls_csrf_check(hook.body):
        return True
    named = bool(_CSRF_WORDS & set(identifier_words(hook.function.rsplit(".", 1)[-1])))
    responds = hook.kind.startswith("before") and hook.body.returns_value
    return named and (hook.body.denies or "abort" in calls or responds)


def gates_login(body: BodyFacts) -> bool:
    """Whether a decorator whose code does what `body` says checks the login: reads
    `current_user.is_authenticated`, calls a check (`verify_jwt_in_request`), reads the
    session and turns the request away, or reads the caller's credentials from a header
    and refuses the request as unauthorised (an API key or token check), or asks whether
    someone is logged in (`is_user_authenticated(request)`) and turns the request away,
    or reads `current_user` and refuses the request (`_user_gate`)."""
    return (
        _checks_login(body)
        or _session_gate(body)
        or _credential_gate(body)
        or _login_gate(body)
        or _user_gate(body)
    )


def _user_gate(body: BodyFacts) -> bool:
    """A wrapper that reads `current_user` (`current_user.is_staff`, `user.has_access(
    event_id)`), or the user the project keeps on `g` (`g.session.user.can(...)`), and
    refuses the request as unauthorised: a permission check, which no anonymous visitor
    passes."""
    return (body.reads_user or body.reads_user_on_g) and body.denies


_CREDENTIAL_READS = frozenset({"headers", "authorization"})
_HEADER_ONLY_READS = frozenset({"headers"})
"""Of `_CREDENTIAL_READS`, what a browser never adds by itself: `authorization` is HTTP
Basic or Digest credentials, which it sends again once the user typed them."""
_JWT_PACKAGE = "flask_jwt_extended."
_JWT_VERIFIERS = frozenset(
    {"verify_jwt_in_request", "verify_fresh_jwt_in_request", "verify_jwt_refresh_token_in_request"}
)
_JWT_DECORATORS = frozenset({"jwt_required", "fresh_jwt_required", "jwt_refresh_token_required"})


def verifies_jwt(body: BodyFacts) -> bool:
    """A wrapper that calls Flask-JWT-Extended's `verify_jwt_in_request()` (or its fresh or
    refresh variant)."""
    return any(
        call.startswith(_JWT_PACKAGE) and call.rsplit(".", 1)[-1] in _JWT_VERIFIERS
        for call in body.calls
    )


def _jwt_decorator(decorator: DecoratorFact) -> bool:
    """`@jwt_required`, `@jwt_required()`, `@fresh_jwt_required` of Flask-JWT-Extended; not
    `@jwt_required(optional=True)`, which lets a request without a token through."""
    return (
        decorator.name.startswith(_JWT_PACKAGE)
        and decorator.name.rsplit(".", 1)[-1] in _JWT_DECORATORS
        and dict(decorator.options).get("optional") is not True
    )


def header_gate(body: BodyFacts) -> bool:
    """A login check that reads the caller's credentials from a header only, and neither
    the session nor `current_user`."""
    return _credential_gate(body) and not (
        _checks_login(body) or _session_gate(body) or body.reads_user
    )


def header_only(body: BodyFacts) -> bool:
    """Whether a wrapper reads a header of the request and neither the session nor
    `current_user`: what it checks of the caller comes in the request itself."""
    return bool(body.request_reads & _CREDENTIAL_READS) and not (
        _checks_login(body) or _session_gate(body) or body.reads_user
    )


def _credential_gate(body: BodyFacts) -> bool:
    """`if request.headers.get("X-Api-Key") != key: return make_response(..., 403)`: the
    caller is identified by a header and refused with a 401 or 403 (not a 400: that
    refuses a malformed request, not the one asking)."""
    return body.denies and bool(body.request_reads & _CREDENTIAL_READS)


def _checks_login(body: BodyFacts, ignoring: frozenset[str] = frozenset()) -> bool:
    """Reads `current_user.is_authenticated`, calls a function that checks the user (not
    one of `ignoring`), or hands the request to CKAN's authorization of an action refusing
    the anonymous."""
    if body.checks_login or body.checks_access:
        return True
    return any(_AUTH_CHECK.fullmatch(call.rsplit(".", 1)[-1]) for call in body.calls - ignoring)


_LOGIN_TEST = re.compile(r"(is_)?(user_)?(logged_in|authenticated)")
"""A call asking whether someone is logged in (SecureDrop's `session.logged_in()`,
`is_logged_in()`, `is_user_authenticated(request)`): a gate when the hook or wrapper
turns the request away."""


def _runs_first(hook: HookFact) -> bool:
    """A hook running before the view: `before_request`, a URL value preprocessor, or a
    loop that wrapped the view in decorators (`WRAP_VIEWS`)."""
    kind = hook.kind
    return kind.startswith("before") or kind.endswith("preprocessor") or kind == WRAP_VIEWS


def _let_through(route: Route, passes: tuple[str, ...]) -> bool:
    """Whether a hook lets the route's requests through before its check: its rule starts
    with a prefix the hook passes (`/api/login`, `/static`), holds a word it passes
    anywhere in the path (`locale`), or its endpoint is one."""
    rule = route.rule or ""
    for passed in passes:
        if passed.startswith(ENDPOINT):
            if route.endpoint == passed.removeprefix(ENDPOINT):
                return True
        elif passed.startswith(CONTAINS):
            if passed.removeprefix(CONTAINS) in rule:
                return True
        elif rule == passed.removeprefix(EXACT) or (
            not passed.startswith(EXACT) and rule.startswith(passed)
        ):
            return True
    return False


def _login_gate(body: BodyFacts) -> bool:
    """A request hook that checks the login and refuses the anonymous: calls a check
    (`verify_jwt_in_request()` raises), or reads `current_user.is_authenticated` (or asks
    `session.logged_in()`) and turns the request away (`return redirect(url_for("login"))`,
    `abort(401)`). A hook that only reads it (PowerDNS-Admin's, showing the maintenance
    page to users who are logged in) lets everyone else through, and so does one that
    turns the request away only under a test the anonymous visitor fails (flasky's, sending
    a signed-in user whose account is not confirmed to the page saying so)."""
    if any(_AUTH_CHECK.fullmatch(call.rsplit(".", 1)[-1]) for call in body.calls):
        return True
    tests = body.checks_login or any(
        _LOGIN_TEST.fullmatch(call.rsplit(".", 1)[-1]) for call in body.calls
    )
    return tests and (body.denies or _turns_away(body)) and not body.admits_anonymous


def _turns_away(body: BodyFacts) -> bool:
    return any(refuses_by_call(call) for call in body.calls)


def _session_gate(body: BodyFacts) -> bool:
    """A hook that reads the session and turns the request away (`if "user_id" not in
    session: return redirect(url_for("login"))`, or raises a redirect, or answers 401 or
    403: `return jsonify(error), 401`, a response whose `status_code` it set to 401): a
    login gate."""
    return body.uses_session and (body.denies or _turns_away(body))


def _hook_session_gate(hook: HookFact) -> bool:
    """A request hook that is a session gate (`_session_gate`), unless it checks a CSRF
    token and sends no one elsewhere: such a hook (CTFd's `csrf`, comparing the session's
    nonce with the one posted, then `abort(403)`) refuses a forged post, and lets in every
    visitor who posts the token of their own session, the anonymous too."""
    if checks_csrf(hook) and not any("redirect" in c.lower() for c in hook.body.calls):
        return False
    return _session_gate(hook.body)


_SUBMIT_VALIDATION = ".validate_on_submit"
_FORM_VALIDATION = frozenset({_SUBMIT_VALIDATION, ".validate"})
_VALIDATING_VIEWS = frozenset(
    {"baseframe.forms.render_delete_sqla", "baseframe.forms.auto.render_delete_sqla"}
)
"""Library functions a view hands the request to that act only once a Flask-WTF form
they build validates: baseframe's `render_delete_sqla(obj, db, ...)` deletes the row only
when its `ConfirmDeleteForm` (a `FlaskForm`) validates (src/baseframe/forms/auto.py)."""


_GUARD_WORDS = frozenset(
    {"auth", "authenticated", "login", "perm", "permission", "permissions", "staff"}
    | {"admin", "superuser", "role", "roles", "authorize", "authorized"}
)
"""Words of a project's own access decorator (`@requires_auth`, `@admin_only`); also
`logged` beside `in` (`@require_logged_in`), but not alone: `@PageView.logged` logs a
page view."""


def _guards_access(decorator: str) -> bool:
    """A login or permission decorator: Flask-Login's and its kin (`LOGIN_DECORATORS`),
    or a project's own named the Flask way (`user_login_required`,
    `login_required_if_no_ano`, `edit_required`) or for access (`requires_auth`,
    `require_login`, `admin_only`, the Auth0 quickstart's), or Flask-Principal's
    `@admin_permission.require(http_exception=403)`."""
    tail = decorator.rsplit(".", 1)[-1]
    if (
        tail in FRAMEWORK_GUARDS
        or decorator == CLASSFUL_LOGIN_HOOK
        or (decorator.startswith("flask_appbuilder.") and tail == "protect")
    ):
        return True
    if tail in LOGIN_DECORATORS or "login_required" in tail or tail.endswith("_required"):
        return True
    if permission_require(decorator):
        return True
    words = identifier_words(tail)
    return bool(_GUARD_WORDS.intersection(words)) or {"logged", "in"} <= set(words)


def _grants_roles(decorator: DecoratorFact) -> bool:
    """Flask-RBAC's `@rbac.allow(["admin"], ["POST"])`: the extension's `before_request`
    hook lets through only the roles its `allow` decorators name, so a view allowed to
    named roles, none of them the anonymous one, requires a login."""
    owner, _, tail = decorator.name.rpartition(".")
    if tail != "allow" or not _ACCESS_OWNERS & set(identifier_words(owner.rsplit(".", 1)[-1])):
        return False
    roles = decorator.args[0] if decorator.args else None
    return (
        isinstance(roles, list | tuple)
        and bool(roles)
        and all(isinstance(role, str) and role.lower() != "anonymous" for role in roles)
    )


_ACCESS_OWNERS = frozenset({"rbac", "acl"})


def _optional(decorator: DecoratorFact) -> bool:
    """Authlib's `@require_oauth(optional=True)`: a request without a token runs the view
    as no one."""
    return ("optional", True) in decorator.options


@dataclass(slots=True)
class EnvFile:
    """A `.env` / `.flaskenv` file: variable -> (value, line)."""

    relpath: str
    values: dict[str, tuple[str, int]]


@dataclass(slots=True)
class FlaskModel:
    """Every Flask app of the project, and the dotenv files the Flask CLI would load."""

    apps: list[FlaskApp] = field(default_factory=list)
    env_files: list[EnvFile] = field(default_factory=list)
    engine_urls: list[Setting] = field(default_factory=list)
    """`create_engine(url)` calls in Flask modules (`key` is the callee)."""
    server_headers: list[ServerHeader] = field(default_factory=list)
    """Headers the nginx or Apache configurations shipped with the project set."""
    server_locations: list[ServerLocation] = field(default_factory=list)
    """The `location` blocks of the nginx configurations shipped with the project."""
    server_redirects: bool = False
    """An nginx or Apache configuration shipped with the project redirects every
    plain-HTTP request to HTTPS (see `server_redirects`)."""
    server_limits_body: bool = False
    """An nginx or Apache configuration shipped with the project limits the size of a
    request body (`server_limits.limits_body_size`)."""
    converters: dict[str, str] = field(default_factory=dict)
    """The pattern of each converter the application adds to `url_map.converters`
    (`model.converters`)."""
    loading_converters: frozenset[str] = frozenset()
    """The converters the application adds to `url_map.converters` whose class looks
    a row up by the URL's text and hands the view the row (`model.converters`)."""
    served_by_wsgi_server: bool = False
    """The project's scripts start a WSGI server and none runs `flask run` (see
    `served_by`); read only when the project has a `.flaskenv`."""
    started_by_hand: frozenset[str] = frozenset()
    """Modules (relpaths) whose `app.run(debug=True)` only a developer starts: the
    project's scripts serve the app with a WSGI server and none runs them (see
    `served_by.started_by_hand`); read only for modules with such a run."""
    invenio: InvenioServing | None = None
    """The project serves its views through Invenio's factory, which assembles the app
    from entry points and attaches Talisman (see `invenio`); None when it does not."""
    loopback_callers: dict[int, frozenset[str]] = field(default_factory=dict)
    """For each port an app's server run listens on, the modules (relpaths) whose code
    calls a loopback URL with that port (`http://localhost:8011/...`: see
    `loopback_callers`)."""

    def internal_only(self, route: Route) -> bool:
        """Whether the nginx configuration in front of the app serves the route's path to
        its own subrequests only (`location /internal { internal; }`): a client asking
        for it gets 404."""
        return route.rule is not None and internal_only(route.rule, self.server_locations)

    def serves_nothing(self, app: FlaskApp) -> bool:
        """`app.serves_nothing`, or an app with no view that nothing runs, made beside
        another app that has the project's views: a second factory's app for scripts
        (a crawler's database access), returned to callers that only push its app
        context. The other app is one the project keeps (not a function's own, dropped
        app): the one it serves. Not when no such app has views: then webwarden may
        have missed them. So is the app of a Celery worker's entry module that does
        not run itself, views or not, beside such an app that is no worker's; and a
        frame app with no view, run or not, whose `wsgi_app` a Werkzeug dispatcher
        replaces to serve the apps it mounts."""
        if app.serves_nothing:
            return True
        if app.worker_entry and not app.runs:
            # NOTE: its views are the web entry's, judged there; a worker serves none.
            return any(
                other is not app
                and not other.dropped
                and not other.worker_entry
                and any(route.endpoint != "static" for route in other.routes)
                for other in self.apps
            )
        if (app.runs and not app.dispatched) or not app.viewless:
            # NOTE: a viewless app a dispatcher stands in for runs only the apps it mounts.
            return False
        return any(
            other is not app
            and not other.dropped
            and any(route.endpoint != "static" for route in other.routes)
            for other in self.apps
        )

    @property
    def routes(self) -> list[Route]:
        """Every route of every app."""
        return [route for app in self.apps for route in app.routes]
