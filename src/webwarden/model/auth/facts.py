"""Per-file facts about authentication: login entry points, protections in use, and
password fields and writes. Small picklable records; the project rules judge them."""

from __future__ import annotations

from dataclasses import dataclass

from webwarden.findings import Location
from webwarden.model.auth.drf_throttles import DrfThrottles


@dataclass(frozen=True, slots=True)
class LoginEntry:
    """A place where users log in: a view, a route, or a URL pattern."""

    what: str
    """For messages: `view \\`login\\``, `route \\`/login\\``, `Django admin login`."""
    location: Location
    admin_site: bool = False
    """The Django admin's own login form (`admin.site.urls` routed)."""
    default_site: bool = False
    """Of the admin site Django makes, `admin.site` (which an `AdminConfig`'s
    `default_site` may replace), not one the project made itself."""
    view: str = ""
    """The class view a URL pattern routes to (`LoginView.as_view()`), qualified as the
    module names it; "" for other entries."""
    basic_auth: bool = False
    """Django REST framework's `BasicAuthentication` turned on: every API request may
    carry a password, checked by `authenticate()` outside any login form."""


@dataclass(frozen=True, slots=True)
class PasswordField:
    """A model field that stores a password (`password = db.Column(db.String(128))`)."""

    model: str
    field: str
    location: Location
    sent_to: str = ""
    """A field of the same model naming where the password goes (`webhook`, `smtp_host`):
    a credential the application sends on, not a user's, "" when there is none."""


@dataclass(frozen=True, slots=True)
class PasswordWrite:
    """A password field set straight from request data (`user.password = request.form[...]`)."""

    target: str
    source: str
    location: Location
    attribute: str = ""
    """The password-named attribute or keyword written (`password`)."""
    callee: str = ""
    """For a constructor call, the class as the module names it (qualified when it can)."""
    library: str = ""
    """For a call of a name an absolute import binds (`from ldap3 import Connection`),
    the qualified callee (`ldap3.Connection`): the project step tells whether that
    module is the project's own or another package's (an LDAP bind, not storage)."""
    checked_by: str = ""
    """When the value is read from a bound form's `cleaned_data` or a serializer's
    `validated_data` (`serializer.validated_data.get("passphrase")`), that form's or
    serializer's class as the module names it (qualified when it can)."""
    checked_key: str = ""
    """The key read from it (`passphrase`)."""


@dataclass(frozen=True, slots=True)
class SentPassword:
    """A password-named attribute passed as another system's login
    (`jenkins.Jenkins(url, password=config.jenkins_pass)`)."""

    attribute: str
    callee: str
    """The call it is passed to, qualified when it can (`jenkins.Jenkins`)."""


@dataclass(frozen=True, slots=True)
class FastHashHelper:
    """A top-level function returning a fast hash of one of its parameters (`def
    make_md5(s): return hashlib.md5(s.encode()).hexdigest()`; see `fast_hash_helpers`)."""

    function: str
    position: int
    param: str
    algorithm: str


@dataclass(frozen=True, slots=True)
class PasswordCall:
    """A call handing a password-named value to a callee (`util.make_md5(password)`)."""

    callee: str
    """Qualified when the module imports it (`hxl.util.make_md5`)."""
    given_as: str
    """The argument's position (`"0"`) or keyword."""
    password: str
    location: Location


@dataclass(frozen=True, slots=True)
class PasswordRelay:
    """A function or method taking a password (a password-named parameter or local, as
    `password = kwargs.get("password")`) or all it is given (`*args, **kwargs`), and
    what it does with it: an account typeclass's `create(cls, **kwargs)` handing the
    password to `create.create_account(...)`, which hands all it is given to
    `AccountDB.objects.create_account(...)`, which calls `set_password`."""

    function: str
    """Qualified (`game.accounts.DefaultAccount.create`)."""
    reads: bool
    """It names a password itself (not only `*args`/`**kwargs` handed on)."""
    hashes: bool
    """It names a password and hashes it (`hashes_password`), not only another value."""
    callees: tuple[str, ...] = ()
    """The calls it hands the password (or all it is given) to, qualified when it can;
    a call on `self`/`cls` is named as a method of its class."""
    method: bool = False
    """A method of a class (not a module-level function)."""


@dataclass(frozen=True, slots=True)
class HmacKey:
    """An HMAC keyed by configuration (see `hmac_keys`)."""

    source: str
    """`setting` (a Django setting), `config` (a Flask config key) or `env` (a value of the
    module itself that is empty when its environment variables are unset)."""
    name: str
    """The setting or config key; for `env`, the variables."""
    location: Location


@dataclass(frozen=True, slots=True)
class PasswordHolder:
    """A class with password-named members: whether it is a model, and which of those
    members hash what they are given (a property setter, a descriptor, a synonym with one)."""

    qualname: str
    model: bool
    managed: frozenset[str]
    declared: frozenset[str] = frozenset()
    """Password members the class body declares (columns, properties, attributes)."""
    taken: frozenset[str] = frozenset()
    """Password-named parameters of its own `__init__`."""
    factories: frozenset[str] = frozenset()
    """Its methods other than `__init__` that take a password-named parameter and hash
    (`User.create(email, password)` calling `user.set_password(password)`)."""
    flags: frozenset[str] = frozenset()
    """Password-named members it declares holding no text (`change_password =
    models.BooleanField()`): a flag or a date about the password, not the password."""
    constructed: frozenset[str] = frozenset()
    """Password-named parameters of its own `__init__` it hashes (`self.set_password(
    password)`): what a call of the class is given so is stored hashed."""
    methods: frozenset[str] = frozenset()
    """The methods its body defines (a `create` it does not define is inherited)."""
    validated: frozenset[str] = frozenset()
    """Password-named keys its validation hooks hash (a serializer's `validate(attrs)`
    setting `attrs["passphrase"] = make_password(...)`, a form's `clean_password()`
    returning a hash): read back from its `validated_data` or `cleaned_data`, the value
    is a hash."""


@dataclass(frozen=True, slots=True)
class SessionLogin:
    """A function that logs a user in through the session and gives it no new id."""

    framework: str
    """`django` (`request.session[...]` set after a password check) or `flask`
    (`login_user`, or `session[...]` set after one)."""
    function: str
    what: str
    """For messages: `login_user(...)`, `request.session["user_id"] = ...`."""
    location: Location


@dataclass(frozen=True, slots=True)
class AuthFacts:
    """What one module contributes to the authentication rules."""

    logins: tuple[LoginEntry, ...] = ()
    protections: frozenset[str] = frozenset()
    """Evidence of login throttling (`ratelimit:flask_limiter`), MFA (`mfa:pyotp`) and
    password strength checks (`strength:zxcvbn`)."""
    password_fields: tuple[PasswordField, ...] = ()
    raw_writes: tuple[PasswordWrite, ...] = ()
    password_holders: tuple[PasswordHolder, ...] = ()
    hashes_passwords: bool = False
    """The module calls a password hashing API (`generate_password_hash`, `set_password`,
    `bcrypt.hashpw`, a passlib context, ...)."""
    session_logins: tuple[SessionLogin, ...] = ()
    admin_login_behind_login: bool = False
    """The module puts the Django admin's login behind the site's own
    (`admin.site.login = login_required(admin.site.login)`)."""
    sent_passwords: tuple[SentPassword, ...] = ()
    single_sign_on_admin_sites: frozenset[str] = frozenset()
    """The module's `AdminSite` subclasses (`module.Class`) whose `login` hands the
    visitor to single sign-on and takes no password."""
    default_admin_sites: frozenset[str] = frozenset()
    """What the module's `AdminConfig` subclasses name as `default_site`."""
    fast_hash_helpers: tuple[FastHashHelper, ...] = ()
    password_calls: tuple[PasswordCall, ...] = ()
    single_sign_on_routes: frozenset[int] = frozenset()
    """Lines of the module's URL patterns routed to a single sign-on library's view
    (`logins.single_sign_on_routes`): python-social-auth's `login/<backend>/`."""
    hmac_keys: tuple[HmacKey, ...] = ()
    password_relays: tuple[PasswordRelay, ...] = ()
    drf_throttles: DrfThrottles | None = None
    """What the module says of Django REST framework's throttles (`drf_throttles`): the
    `drf-throttle:` evidence of `protections` works only when their scopes have rates."""
    required_config: frozenset[str] = frozenset()
    """Flask config keys the module refuses to start the app without
    (`hmac_keys.refused_empty_config`)."""
    namespace_salts: frozenset[str] = frozenset()
    """Config keys and settings the module hands a signer as its salt, a namespace beside
    the key (`hmac_keys.namespace_salts`)."""
    signer_keys: frozenset[str] = frozenset()
    """Config keys and settings the module hands a signer as the key it signs with
    (`hmac_keys.signer_keys`)."""
