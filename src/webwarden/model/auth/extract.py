"""The authentication facts of one module."""

from __future__ import annotations

import ast
import re
from operator import attrgetter

from webwarden.model.auth.added_methods import added_factories
from webwarden.model.auth.drf_throttles import DrfThrottles, drf_throttles
from webwarden.model.auth.evidence import (
    DRF_THROTTLE_NAMES,
    MFA,
    MFA_SETTINGS,
    RATE_LIMITERS,
    STRENGTH_CHECKERS,
    THROTTLE_NAMES,
    matches,
)
from webwarden.model.auth.facts import AuthFacts
from webwarden.model.auth.fast_hash_helpers import fast_hash_helpers, password_calls
from webwarden.model.auth.hmac_keys import (
    hmac_keys,
    namespace_salts,
    refused_empty_config,
    signer_keys,
)
from webwarden.model.auth.logins import (
    admin_login_behind_login,
    default_admin_sites,
    login_entries,
    route_path,
    single_sign_on_admin_sites,
    single_sign_on_routes,
)
from webwarden.model.auth.otp_codes import computes_otp
from webwarden.model.auth.password_relays import password_relays
from webwarden.model.auth.passwords import (
    hashes_passwords,
    password_fields,
    password_holders,
    raw_writes,
)
from webwarden.model.auth.sent_passwords import sent_passwords
from webwarden.model.auth.session_logins import session_logins
from webwarden.model.module import FileContext, identifier_words

_DRF_THROTTLING = "rest_framework.throttling"
_DOTTED = re.compile(r"^[a-z_][a-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$")
_THROTTLING = re.compile(r"rate_?limit|throttl|lockout", re.IGNORECASE)
_ABOUT_LOGIN = re.compile(
    r"lockout|log_?in|sign_?in|auth|passw|credential|attempt|fail", re.IGNORECASE
)
"""A throttling name (or module path) about logging in: `LoginRateLimitMiddleware`,
`IP_FAILED_RATE_LIMITING`, `accounts/forms/auth.py`."""


def _modules(ctx: FileContext) -> set[str]:
    """Imported modules and dotted strings (`"axes.middleware.AxesMiddleware"`, `"axes"` in
    `INSTALLED_APPS`, `"rest_framework.throttling.UserRateThrottle"`).

    A string of one word names a package only as a Django app label, in a module that
    lists `INSTALLED_APPS`: elsewhere `"limits"` is a word (an app of the project's own in
    `apps.get_model("limits", "Pool")`), not the `limits` rate-limiting library.
    """
    found = set(ctx.names.aliases.values())
    labels = ctx.holds("INSTALLED_APPS")
    for value in set(map(attrgetter("value"), ctx.nodes(ast.Constant))):
        if (
            isinstance(value, str)
            and len(value) < 120
            and _DOTTED.match(value)
            and (labels or "." in value)
        ):
            found.add(value)
    return found


def _identifiers(ctx: FileContext) -> set[str]:
    """Names, attributes, functions, classes and string keys of the module."""
    # NOTE: attrgetter maps: every node of a module passes through here.
    found = set(map(attrgetter("id"), ctx.nodes(ast.Name)))
    found.update(map(attrgetter("attr"), ctx.nodes(ast.Attribute)))
    found.update(
        map(attrgetter("name"), ctx.nodes(ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    )
    found.update(THROTTLE_NAMES.intersection(map(attrgetter("value"), ctx.nodes(ast.Constant))))
    return found


def _protections(
    ctx: FileContext, logs_in: bool, drf: DrfThrottles | None = None
) -> frozenset[str]:
    """The evidence of login throttling, MFA and password strength checks in the module.
    That of Django REST framework's throttles (its module, its settings, and in a module
    saying something of DRF throttles, `drf`, the names of throttling there) is of the
    `drf-throttle` family: it works only if the scopes have rates (`drf_throttles`).
    A throttling name of the project's own counts in a module where users log in (`@rate_limit` on the login
    view) or named for it (`accounts/auth.py`), or when it is about logging in
    (`LoginRateLimitMiddleware`): a 3D printer's `throttle_state` or a GitHub client's
    `check_github_ratelimit` slows no password guessing."""
    found: set[str] = set()
    for module in _modules(ctx):
        if (key := matches(module, RATE_LIMITERS)) is not None:
            family = "drf-throttle" if module.startswith(_DRF_THROTTLING) else "ratelimit"
            found.add(f"{family}:{key}")
        if (key := matches(module, MFA)) is not None:
            found.add(f"mfa:{key}")
        if (key := matches(module, STRENGTH_CHECKERS)) is not None:
            found.add(f"strength:{key}")
    names = _identifiers(ctx)
    if not names.isdisjoint(DRF_THROTTLE_NAMES):
        found.add("drf-throttle:throttle settings")
    if not names.isdisjoint(THROTTLE_NAMES - DRF_THROTTLE_NAMES):
        found.add("ratelimit:throttle settings")
    # NOTE: one search over every name first; identifiers hold no line breaks, so it
    # matches exactly when some name does.
    if _THROTTLING.search("\n".join(names)):
        # NOTE: a module about logging in: it has a login entry point, its path says so,
        # or it routes a login path (a Flask-RESTX resource's `@ns.route("/login")`);
        # asked only of modules naming a throttle, as the decorators are walked for it.
        about_login = logs_in or bool(_ABOUT_LOGIN.search(ctx.relpath)) or _routes_login(ctx)
        # NOTE: REST framework's own names (its `Throttled` exception, handled in an
        # exception handler) are its throttles', whatever the module says of them.
        drf_names = {
            name
            for name, qualified in ctx.names.aliases.items()
            if qualified.startswith("rest_framework.")
        }
        found.update(
            f"{'drf-throttle' if (drf is not None and 'throttl' in name.lower()) or name in drf_names else 'ratelimit'}:{name}"
            for name in names
            if name not in THROTTLE_NAMES
            and _THROTTLING.search(name)
            and (about_login or _ABOUT_LOGIN.search(name))
        )
    found.update(f"ratelimit:{name} lockout" for name in _failure_lockouts(ctx))
    if not names.isdisjoint(MFA_SETTINGS):
        found.add("mfa:flask_security.two_factor")
    if computes_otp(ctx):
        found.add("mfa:one-time codes computed by the project")
    if _form_rejects_short_passwords(ctx) or _field_rejects_short_passwords(ctx):
        found.add("strength:a form's password rules")
    return frozenset(found)


_LOGIN_PATH = re.compile(r"(?:^|/)(?:log_?in|sign_?in)(?:/|$)", re.IGNORECASE)
"""A route's path for logging in: `/login`, `user/signin/`."""


def _routes_login(ctx: FileContext) -> bool:
    """Whether a route decorator of a function or class of the module is given a path
    for logging in (`@ns.route("/login")`, `@bp.route("/signin")`)."""
    for node in ctx.nodes(ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        path = route_path(ctx, node)
        if path and _LOGIN_PATH.search(path):
            return True
    return False


_PASSWORD_CLEANER = re.compile(r"^clean_\w*passw(?:or)?d\w*$")
"""A Django form's hook cleaning a password field (`clean_password1`,
`clean_new_password1`): what it raises `ValidationError` for is refused."""


def _form_rejects_short_passwords(ctx: FileContext) -> bool:
    """Whether a form of the module rejects a password shorter than some length in the hook
    that cleans it, itself or through a function of the module it calls (`def
    clean_password1(self): return check_password(self.cleaned_data["password1"])`, with
    `check_password` raising `ValidationError` when `len(pw) < MINIMUM_PASSWORD_CHARS`):
    the project's own strength rules, as Django's validators were before 1.9."""
    functions = {
        node.name: node
        for node in ctx.tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    for holder in ctx.nodes(ast.ClassDef):
        for method in holder.body if isinstance(holder, ast.ClassDef) else ():
            if not (isinstance(method, ast.FunctionDef) and _PASSWORD_CLEANER.match(method.name)):
                continue
            called = [
                functions[node.func.id]
                for node in ast.walk(method)
                if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in functions
            ]
            if any(_rejects_short(function) for function in (method, *called)):
                return True
    return False


_PASSWORD_FIELD = re.compile(r"passw(?:or)?d", re.IGNORECASE)
_DJANGO_MINIMUM = 8
"""The length Django's `MinimumLengthValidator` asks by default."""


def _field_rejects_short_passwords(ctx: FileContext) -> bool:
    """Whether a class of the module declares a password field with a minimum length of
    at least Django's own (`password = forms.CharField(min_length=8)`, a REST framework
    serializer's `CharField(min_length=12)`): the form refuses a shorter one, as a
    cleaning hook raising `ValidationError` does."""
    if not ctx.mentions("min_length"):
        return False
    for holder in ctx.nodes(ast.ClassDef):
        for statement in holder.body if isinstance(holder, ast.ClassDef) else ():
            if not (
                isinstance(statement, ast.Assign)
                and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
                and _PASSWORD_FIELD.search(statement.targets[0].id)
                and isinstance(statement.value, ast.Call)
            ):
                continue
            minimum = ctx.evaluate(ctx.keyword(statement.value, "min_length"))
            if isinstance(minimum, int) and minimum >= _DJANGO_MINIMUM:
                return True
    return False


def _rejects_short(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """An `if` testing for a length below a minimum (`len(pw) < 8`) raises
    `ValidationError` in its body."""
    for node in ast.walk(function):
        if not isinstance(node, ast.If):
            continue
        short = any(_below_a_length(inner) for inner in ast.walk(node.test))
        if short and any(_raises_validation_error(statement) for statement in node.body):
            return True
    return False


def _below_a_length(node: ast.AST) -> bool:
    """`len(pw) < 8`, `len(pw) <= n`, `8 > len(pw)`: a length below a minimum (not a
    maximum: `len(pw) > 128`)."""
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1):
        return False
    op, left, right = node.ops[0], node.left, node.comparators[0]
    if isinstance(op, ast.Lt | ast.LtE):
        return _is_len(left)
    if isinstance(op, ast.Gt | ast.GtE):
        return _is_len(right)
    return False


def _is_len(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len"


def _raises_validation_error(statement: ast.stmt) -> bool:
    if not isinstance(statement, ast.Raise) or statement.exc is None:
        return False
    raised = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
    return ast.unparse(raised).rsplit(".", 1)[-1] == "ValidationError"


_FAILURE_WORDS = frozenset({"fail", "failed", "failure", "failures", "bad", "wrong", "invalid"})
_LOGIN_WORDS = frozenset(
    {"login", "logins", "signin", "attempt", "attempts", "auth", "password", "passwords"}
)
_LIMIT_WORDS = frozenset({"max", "maximum", "limit", "threshold", "allowed"})
_AT_LEAST = (ast.GtE, ast.Gt)
_AT_MOST = (ast.LtE, ast.Lt)


def _failure_lockouts(ctx: FileContext) -> set[str]:
    """The counts of failed logins the module compares with a limit (`user.failed_login_count
    >= MAX_FAILED_LOGIN_COUNT`, `attempts.failures > 5`): an account locked after so many
    failed logins, which stops password guessing as a rate limit does (the count is kept
    where the password is checked, perhaps by another service the module asks)."""
    if not ctx.mentions("fail") and not ctx.mentions("wrong") and not ctx.mentions("bad"):
        return set()
    found: set[str] = set()
    for node in ctx.nodes(ast.Compare):
        if not isinstance(node, ast.Compare) or len(node.ops) != 1:
            continue
        if not isinstance(node.ops[0], _AT_LEAST + _AT_MOST):
            continue
        # NOTE: either side: `count >= limit` locks, `count < limit` lets the login go on.
        left, right = node.left, node.comparators[0]
        for counted, limit in ((left, right), (right, left)):
            count = _last_name(counted)
            if count is None or not _limit(limit):
                continue
            words = {word.lower() for word in identifier_words(count)}
            if words & _LIMIT_WORDS:
                continue
            if words & _FAILURE_WORDS and words & _LOGIN_WORDS:
                found.add(count)
                continue
            function = next(
                (a for a in ctx.ancestors(node) if isinstance(a, ast.FunctionDef)), None
            )
            if function is None:
                continue
            # NOTE: a bare `count` in `incr_failed_count()` compared with a local holding
            # `settings.LOGIN_LIMIT_COUNT`: the function names the failures, the limit
            # the logins.
            words |= _words(function.name) | _words(_local_source(function, limit))
            if words & _FAILURE_WORDS and words & _LOGIN_WORDS:
                found.add(f"{function.name}.{count}")
    return found


def _words(name: str | None) -> set[str]:
    return {word.lower() for word in identifier_words(name)} if name else set()


def _local_source(function: ast.FunctionDef, node: ast.expr) -> str | None:
    """The name a local the function gives one value was read from (`limit =
    settings.LOGIN_LIMIT_COUNT` -> `LOGIN_LIMIT_COUNT`), or the name `node` is itself."""
    if not isinstance(node, ast.Name):
        return _last_name(node)
    values = [
        statement.value
        for statement in ast.walk(function)
        if isinstance(statement, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == node.id for t in statement.targets)
    ]
    if len(values) != 1:
        return None
    value = values[0]
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.args:
        value = value.args[0]  # NOTE: `int(settings.LOGIN_LIMIT)`
    return _last_name(value)


def _last_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _limit(node: ast.expr) -> bool:
    """A number written in the code, a name saying it is a limit (`MAX_FAILED_LOGINS`,
    `settings.LOGIN_ATTEMPT_LIMIT`) or a value of the configuration (`_configured`), also
    made a number by `int()` or `float()`."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"int", "float"}
        and len(node.args) == 1
    ):
        node = node.args[0]
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int) and not isinstance(node.value, bool)
    if _configured(node):
        return True
    name = _last_name(node)
    return name is not None and bool(
        _LIMIT_WORDS.intersection(word.lower() for word in identifier_words(name))
    )


_CONFIGURATION_WORDS = frozenset({"settings", "config", "conf", "configuration", "options"})


def _configured(node: ast.expr) -> bool:
    """A value read by a constant key from the configuration (`app.config["LOGIN_TRIES"]`,
    `settings.get("failed_login_tries")`): a number the operator sets, a limit when a
    count of failed logins is compared with it."""
    if isinstance(node, ast.Subscript):
        holder, key = node.value, node.slice
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and node.args
    ):
        holder, key = node.func.value, node.args[0]
    else:
        return False
    name = _last_name(holder)
    return (
        isinstance(key, ast.Constant)
        and isinstance(key.value, str)
        and name is not None
        and bool(_CONFIGURATION_WORDS.intersection(w.lower() for w in identifier_words(name)))
    )


def extract_auth(ctx: FileContext) -> AuthFacts | None:
    """The authentication facts of `ctx`'s module, or None when it has none.

    Test code has none: users do not log in through it, and the rules read the facts of
    application modules only (on real trees tests are most of the code: two thirds of
    Django's).
    """
    if ctx.is_test_file:
        return None
    logins = tuple(login_entries(ctx))
    drf = None if ctx.is_migration else drf_throttles(ctx)
    facts = AuthFacts(
        logins,
        # NOTE: a migration names apps and models by label (`to="limits.Pool"`); the
        # schema it writes throttles nothing.
        frozenset() if ctx.is_migration else _protections(ctx, bool(logins), drf),
        tuple(password_fields(ctx)),
        tuple(raw_writes(ctx)),
        (*password_holders(ctx), *added_factories(ctx)),
        hashes_passwords(ctx),
        tuple(session_logins(ctx)),
        admin_login_behind_login(ctx),
        tuple(sent_passwords(ctx)),
        single_sign_on_admin_sites(ctx),
        default_admin_sites(ctx),
        tuple(fast_hash_helpers(ctx)),
        tuple(password_calls(ctx)),
        single_sign_on_routes(ctx),
        tuple(hmac_keys(ctx)),
        tuple(password_relays(ctx)),
        drf,
        frozenset(refused_empty_config(ctx)),
        frozenset(namespace_salts(ctx)),
        frozenset(signer_keys(ctx)),
    )
    if facts == AuthFacts():
        return None
    return facts
