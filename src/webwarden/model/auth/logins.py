"""Where users log in: routes and views named for it, `authenticate()` callers, Django
`LoginView`s, `django.contrib.auth.urls`, the admin site, DRF token endpoints and GraphQL
mutations named for it."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from webwarden.model.auth.basic_auth import basic_auth_entries
from webwarden.model.auth.extension_logins import extension_login_entries
from webwarden.model.auth.facts import LoginEntry
from webwarden.model.auth.made_passwords import password_made_here
from webwarden.model.debug_branches import served_under_debug
from webwarden.model.http_methods import READ_ONLY_METHODS
from webwarden.model.module import FileContext, identifier_words
from webwarden.model.names import last_part
from webwarden.model.tree import written_text

_ROUTE_DECORATORS = frozenset({"route", "get", "post", "api_route", "websocket"})
LOGIN_PATH = re.compile(
    r"log-?in|logon|sign-?_?in(?!g)|authenticate(?!d)|(^|/)token/?$", re.IGNORECASE
)
"""`authenticated` names who a page is for (`permissions/user/authenticated/`), not a login;
`signing` is what a certificate or code signing service does (`signing-services/`) or a
document being signed (`start-agreement-signing`), and `assigning` and `designing` hold the
same letters."""
_SIGN_IN = re.compile(r"sign_?in(?![a-z])")
"""`sign_in`, `signin`, `sign_in_google` among a name's words joined by `_`; not
`signing` (`sign_agreement`, `designing`)."""
LOGIN_VIEWS = frozenset(
    {"LoginView", "ObtainAuthToken", "TokenObtainPairView", "TokenObtainSlidingView"}
    | {"KnoxLoginView", "obtain_auth_token", "obtain_jwt_token"}
)
_AUTHENTICATE = frozenset({"django.contrib.auth.authenticate"})
LOGIN_USER = frozenset(
    {"flask_login.login_user", "flask_login.utils.login_user", "flask_security.login_user"}
    | {"django.contrib.auth.login"}
)
_URL_CALLS = frozenset({"django.urls.path", "django.urls.re_path", "django.conf.urls.url"})
Function = ast.FunctionDef | ast.AsyncFunctionDef


def route_path(ctx: FileContext, function: Function | ast.ClassDef) -> str | None:
    """The path of a route decorator (`@app.route("/login")`, a Flask-RESTX resource's
    `@ns.route("/login")`), "" if it has none."""
    for decorator in function.decorator_list:
        if not isinstance(decorator, ast.Call):
            continue
        func = decorator.func
        if isinstance(func, ast.Attribute) and func.attr in _ROUTE_DECORATORS:
            path = ctx.evaluate(ctx.argument(decorator, 0, "rule"))
            return path if isinstance(path, str) else ""
    return None


def _answers_get_only(ctx: FileContext, function: Function) -> bool:
    """Whether every route decorator of a function answers GET alone: `@bp.get`, or
    `@app.route` with no `methods` (Flask's default) or only GET, HEAD and OPTIONS."""
    return _answers_only(ctx, function, READ_ONLY_METHODS, "get")


def _answers_delete_only(ctx: FileContext, function: Function) -> bool:
    """Whether every route decorator of a function answers DELETE alone (`@bp.delete`,
    `@app.route(..., methods=["DELETE"])`): it revokes a token or ends a session, and
    starts none."""
    return _answers_only(ctx, function, frozenset({"DELETE"}), "delete")


def _answers_only(
    ctx: FileContext, function: Function, allowed: frozenset[str], short: str
) -> bool:
    """Whether the function has route decorators and each answers only `allowed`
    methods: the shortcut decorator named `short` (`@bp.get`), or `route` given such
    `methods` (or none, Flask's GET, when GET is allowed)."""
    found = False
    for decorator in function.decorator_list:
        if not isinstance(decorator, ast.Call):
            continue
        func = decorator.func
        if not isinstance(func, ast.Attribute):
            continue
        if func.attr not in _ROUTE_DECORATORS and func.attr != short:
            continue
        found = True
        if func.attr == short:
            continue
        if func.attr not in {"route", "api_route"}:
            return False
        given = [k.value for k in decorator.keywords if k.arg in {"methods", None}]
        if not given:
            if "GET" in allowed:
                continue  # NOTE: no `methods` given: the route answers GET alone
            return False
        methods = ctx.evaluate(given[0])
        if not isinstance(methods, list | tuple | set | frozenset):
            return False
        if not all(isinstance(m, str) and m.upper() in allowed for m in methods):
            return False
    return found


def login_name(name: str) -> bool:
    """Whether a function or endpoint name says it logs users in (`login`, `sign_in`)."""
    words = identifier_words(name)
    joined = "".join(words)
    signs_in = _SIGN_IN.search("_".join(words)) is not None
    return ("login" in joined or signs_in or "logon" in joined) and "logout" not in joined


def hands_login_on(name: str) -> bool:
    """Whether a call of the function `name` (dotted or not) logs someone in: it is named
    for logging in (`basic.login()`), not for single sign-on (`cas_login()`) nor for what
    it tells of logging in (`_login_information`)."""
    tail = last_part(name)
    return (
        login_name(tail)
        and not single_sign_on(name.replace(".", "_"))
        and not _login_information(tail)
    )


_INFORMATION_NOUNS = frozenset(
    {"url", "uri", "urls", "link", "links", "info", "providers", "options", "methods"}
)
_LOOKUP_VERBS = frozenset({"list", "fetch", "find", "build"})


def _login_information(name: str) -> bool:
    """A function named for what it tells of logging in, not for doing it: the login's
    address or the ways offered (`get_login_providers_info()`, `login_url()`,
    `list_login_methods()`): a route answering with these logs no one in."""
    words = identifier_words(name)
    return bool(words) and (words[-1] in _INFORMATION_NOUNS or words[0] in _LOOKUP_VERBS)


def _callers(ctx: FileContext) -> tuple[set[int], set[int]]:
    """The functions (by id) that call `authenticate`, and those that call `login_user`."""
    authenticates: set[int] = set()
    logs_in: set[int] = set()
    for call in ctx.nodes(ast.Call):
        if not isinstance(call, ast.Call):
            continue
        name = ctx.call_name(call)
        if name in _AUTHENTICATE and any(k.arg == "remote_user" for k in call.keywords):
            continue  # NOTE: `RemoteUserBackend`: the proxy vouched for the user, no password
        if name in _AUTHENTICATE and password_made_here(ctx, call):
            continue  # NOTE: a user the view made, logged in with the password it made
        if name in _AUTHENTICATE and _request_alone(ctx, call):
            continue  # NOTE: no credentials: the backends read a proxy's headers, no password
        for names, found in ((_AUTHENTICATE, authenticates), (LOGIN_USER, logs_in)):
            if name in names:
                function = ctx.scopes.enclosing_function(call)
                if function is not None:
                    found.add(id(function))
    return authenticates, logs_in


_ACCOUNT_WORDS = frozenset(
    {"user", "username", "name", "email", "mail", "login", "account", "identifier", "phone"}
)
"""Words of a keyword naming the account a password would be checked for."""


def _request_alone(ctx: FileContext, call: ast.Call) -> bool:
    """Whether `authenticate()` is handed the request and no password credentials
    (`authenticate(request)`, or a keyword naming neither the account nor a password:
    `authenticate(request=request, lti=launch)`, a signed LTI launch; `ticket=ticket`)
    by a function that reads no password itself: Django's `ModelBackend` then checks
    nothing (it returns None without a username and a password), and a backend of the
    project's that wants no password takes the user from what a proxy in front or a
    signed message vouched for (single sign-on headers, a client certificate, an OAuth
    signature). `authenticate(request, **credentials)` may hand on a password, and so
    may a function that names one (`request.POST["password"]` read beside the call) or
    reads the `Authorization` header (HTTP Basic carries a password)."""
    if len(call.args) > 1 or any(isinstance(a, ast.Starred) for a in call.args):
        return False
    if any(k.arg is None or (k.arg != "request" and _names_login(k.arg)) for k in call.keywords):
        return False
    function = ctx.scopes.enclosing_function(call)
    if not isinstance(function, Function):
        return False
    arguments = function.args
    parameters = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    if any(names_hint(p.arg) for p in parameters):
        return False
    return not names_credentials(function.body[1:] if _docstring(function) else function.body)


def _names_login(keyword: str) -> bool:
    """A keyword naming a password or the account one is checked for (`username`,
    `email`, `pw`)."""
    words = identifier_words(keyword)
    return (
        names_hint(keyword) or keyword.lower() in {"pw", "pin"} or bool(_ACCOUNT_WORDS & set(words))
    )


def names_credentials(body: list[ast.stmt]) -> bool:
    """Whether code names a password or a secret (`names_hint`) or the `Authorization`
    header (HTTP Basic carries a password), in a name, an attribute or a string."""
    return any(
        names_hint(text) or "authorization" in text.lower()
        for node in ast.walk(ast.Module(body=list(body), type_ignores=[]))
        if (text := written_text(node))
    )


def _functions(ctx: FileContext) -> Iterator[LoginEntry]:
    authenticates, logs_in = _callers(ctx)
    modules: frozenset[str] | None = None
    for node in ctx.nodes(ast.FunctionDef, ast.AsyncFunctionDef):
        if not isinstance(node, Function):
            continue
        route = route_path(ctx, node)
        named = route is not None and (LOGIN_PATH.search(route) or login_name(node.name))
        if named and (resets_password(route or "", node.name) or logs_out(route or "")):
            continue  # NOTE: a password reset's request or token check: no password to guess
        if named and login_link(route or "", node.name):
            continue  # NOTE: asks for a sign-in link by e-mail, or follows one: no password
        if named and _answers_delete_only(ctx, node):
            continue  # NOTE: `DELETE /token` revokes a token; no one signs in by it
        if route is not None and modules is None:
            modules = _module_names(ctx)
        if (
            named
            and _may_take_password(node, modules or frozenset())
            and not single_sign_on(route or "", node.name)
        ):
            yield LoginEntry(f"route `{route or node.name}`", ctx.location(node))
        elif id(node) in authenticates:
            yield LoginEntry(f"`{node.name}` (calls `authenticate`)", ctx.location(node))
        elif (
            route is not None
            and id(node) in logs_in
            and _may_take_password(node, modules or frozenset())
        ):
            if token_login(route, node.name) or resets_password(route, node.name):
                continue
            if login_link(route, node.name) or single_sign_on(route, node.name):
                continue  # NOTE: a SAML assertion or a WebAuthn one posted back: no password
            if _answers_get_only(ctx, node) and not query_takes_password(node):
                continue  # NOTE: a GET callback (OAuth's `code`, a signed link): no password
            where = ctx.location(node)
            yield LoginEntry(f"route `{route or node.name}` (calls `login_user`)", where)


_PASSWORD_HINTS = ("pwd", "credential", "secret")
"""Besides `pass` in a word (see `names_hint`), what names a password or a secret."""
_NOT_PASSWORDS = (
    *("bypass", "compass", "encompass", "surpass", "trespass", "passport"),
    *("passiv", "passthr", "passeng", "passag"),
)
"""Words holding the letters `pass` that name no password (`bypass_login`, a setting
that logs every visitor in as one user; `passive`, `passthrough`)."""


def names_hint(text: str) -> bool:
    """Whether a name or a text names a password or a secret (`pass` in a word,
    `_PASSWORD_HINTS`): `password`, `new_pass`, `userPass`, `pwd`, `credentials`; not
    `bypass_login`, `passive`."""
    if any(hint in text.lower() for hint in _PASSWORD_HINTS):
        return True
    return any(
        "pass" in word and ("passw" in word or not word.startswith(_NOT_PASSWORDS))
        for word in identifier_words(text)
    )


CHECKS = re.compile(r"authenticat|check_password|verify|validate|is_valid|form(?!at|ul)")
"""Calls and names of what checks a password (`authenticate`, `validate_on_submit`, a
login `form`; not `format`, `formula`). Not `login_user`: it logs in whatever user it is given, also one no password vouched for
(`login_user(AnonymousUserMixin())` for an embedded page, Superset's `/embedded/<uuid>`;
a guest; a user loaded from a signed link)."""


def _module_names(ctx: FileContext) -> frozenset[str]:
    """The names the module binds by `import x` (`import x.y`, `import x as y`): modules."""
    return frozenset(
        alias.asname or alias.name.partition(".")[0]
        for node in ctx.nodes(ast.Import)
        if isinstance(node, ast.Import)
        for alias in node.names
    )


def _may_take_password(function: Function, modules: frozenset[str] = frozenset()) -> bool:
    """Whether a route named for logging in may take a password: it names one (a field, a
    form, credentials, a parameter) or calls something that checks one. A login that
    sends the user to another site (OAuth's `authorize_redirect`) or refreshes a token
    takes none. Text that describes the route (its docstring, its path, a parameter's
    `description=`) is not read, nor the path of a module `modules` names (`secrets` of
    `secrets.token_urlsafe()` drawing an OAuth `state`, `nacl.secret` of
    `nacl.secret.SecretBox`): a library's, no password the client sends; what it calls
    at the end of the path is read (`werkzeug.security.check_password_hash`)."""
    arguments = function.args
    parameters = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    if any(_names_password(p.arg) for p in parameters):
        return True
    code: list[ast.AST] = list(function.body[1:] if _docstring(function) else function.body)
    code += [p.annotation for p in parameters if p.annotation is not None]
    described = [*function.decorator_list, *arguments.defaults, *arguments.kw_defaults]
    return _reads_password(code, with_text=True, modules=modules) or _reads_password(
        [d for d in described if d is not None], with_text=False, modules=modules
    )


_QUERY_HOLDERS = frozenset({"args", "values", "headers", "GET", "query_params", "query"})


def query_takes_password(function: Function) -> bool:
    """Whether a route answering GET alone takes a password where a GET request can carry
    one: a parameter named for it, the query string or a header read by a key naming it
    (`request.args.get("password")`), or the `Authorization` header. What else names a
    password there (the app's own `client_secret` sent to an OAuth server, a check named
    `validate_post_login()`) checks none the client sent: a browser posts a login form."""
    arguments = function.args
    parameters = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    if any(names_hint(p.arg) for p in parameters):
        return True
    for node in ast.walk(ast.Module(body=list(function.body), type_ignores=[])):
        if isinstance(node, ast.Attribute) and node.attr.lower() == "authorization":
            return True
        holder, key = _keyed_read(node)
        if not (isinstance(holder, ast.Attribute) and holder.attr in _QUERY_HOLDERS):
            continue
        if isinstance(key, str) and (key.lower() == "authorization" or names_hint(key)):
            return True
    return False


def _keyed_read(node: ast.AST) -> tuple[ast.expr | None, object]:
    """(holder, key) of `holder["key"]` or `holder.get("key")`, else (None, None)."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return node.value, node.slice.value
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"get", "getlist", "getone"}
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ):
        return node.func.value, node.args[0].value
    return None, None


def _reads_password(
    roots: list[ast.AST], *, with_text: bool, modules: frozenset[str] = frozenset()
) -> bool:
    """Whether the code names a password (`names_hint`) anywhere, or calls or reads an
    attribute that checks one: a variable (`verify_url = ...`), a class a method is
    called on (`AuthService.new_state()`) and a string (`url_for("verify_token")`) are
    not checks. The name of a key the server keeps (`app.config["SECRET_KEY"]` that
    signs the token the view hands out, `settings.JWT_SECRET`) names no password the
    client sends."""
    judged: set[int] = set()
    kept = {id(key) for root in roots for node in ast.walk(root) if (key := _server_key(node))}
    if modules:
        kept |= _module_paths(roots, modules)
    for root in roots:
        for node in ast.walk(root):
            if id(node) in kept:
                continue
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                judged.add(id(node.func))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and with_text:
                text = node.value.lower()
            elif isinstance(node, ast.Name):
                text = node.id.lower()
            elif isinstance(node, ast.Attribute):
                text = node.attr.lower()
                judged.add(id(node))
            else:
                continue
            if names_hint(text):
                return True
            if id(node) in judged and password_check(text):
                return True
    return False


def _module_paths(roots: list[ast.AST], modules: frozenset[str]) -> set[int]:
    """The nodes of a dotted path naming modules: a name bound by `import` and the
    lowercase attributes after it but the last (`nacl.secret` of `nacl.secret.SecretBox`;
    a module is named in lowercase, a class it holds is not)."""
    found: set[int] = set()
    for root in roots:
        for node in ast.walk(root):
            if isinstance(node, ast.Name) and node.id in modules:
                found.add(id(node))
            if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)):
                continue
            inner: list[ast.Attribute] = []
            base: ast.expr = node.value
            while isinstance(base, ast.Attribute):
                inner.append(base)
                base = base.value
            if isinstance(base, ast.Name) and base.id in modules:
                found.update(id(part) for part in inner if part.attr.islower())
    return found


_SETTINGS_HOLDERS = frozenset({"config", "environ"})
"""Where an app keeps its settings: Flask's `app.config`, the process's `os.environ`."""


def _server_key(node: ast.AST) -> ast.AST | None:
    """In a read of the app's configuration (`config["SECRET_KEY"]`,
    `config.get("JWT_SECRET")`, `os.environ["API_SECRET"]`, Django's
    `settings.SECRET_KEY`), the node naming the setting, when it names a key, not a
    password (`ADMIN_PASSWORD` may be what the client's password is compared with)."""
    named: ast.AST
    match node:
        case ast.Subscript(
            value=ast.Attribute(attr=holder), slice=ast.Constant(value=str() as key) as named
        ):
            pass
        case ast.Call(
            func=ast.Attribute(attr="get", value=ast.Attribute(attr=holder)),
            args=[ast.Constant(value=str() as key) as named, *_],
        ):
            pass
        case ast.Attribute(value=ast.Name(id="settings"), attr=key):
            holder, named = "config", node
        case _:
            return None
    if holder not in _SETTINGS_HOLDERS or any(w in key.lower() for w in ("pass", "pwd")):
        return None
    return named


_RESET_WORDS = frozenset({"reset", "forgot", "forgotten", "recover", "recovery"})
_LOG_OUT = re.compile(r"(?<![a-z])(log|sign)_?out(?![a-z])")
"""`logout`, `log_out`, `signout`, `sign_out` among a name's words joined by `_`."""


def logs_out(*names: str) -> bool:
    """Whether a route's path, URL name or view says it logs the user out, even on the way
    to a login (Django's `logout_then_login` routed as `logout_then_login/`): it ends a
    session and redirects to the login page, and reads no password."""
    return any(_LOG_OUT.search("_".join(identifier_words(name))) for name in names)


def resets_password(*names: str) -> bool:
    """Whether a route's path or view is named for a password reset (`/reset/token`,
    `pwd_reset_token`, `forgot_password`): it sends or checks a reset token; the password
    it may set is a new one, and no one guesses a password there."""
    return any(_RESET_WORDS.intersection(identifier_words(name)) for name in names)


def _names_password(name: str) -> bool:
    name = name.lower()
    return names_hint(name) or password_check(name)


def _docstring(function: Function) -> bool:
    first = function.body[0] if function.body else None
    return (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    )


_ADDRESSES = frozenset({"url", "uri"})
"""The last word of a name for an address (`get_authentication_uri()`, `verify_url`):
where to send the user, as the start of an OAuth login does; it checks nothing."""


def password_check(name: str) -> bool:
    """Whether a call or name reads as checking a password (`CHECKS`); not one checking a
    token (`verify_auth_token`: a user loaded from a signed link or an API token; a
    signed token's parts, `validate_jti`, `verify_signature`), nor one naming an address
    (`_ADDRESSES`)."""
    words = identifier_words(name)
    if words[-1:] in ([word] for word in _ADDRESSES) or _TOKEN_PARTS.intersection(words):
        return False
    name = name.lower()
    return CHECKS.search(name) is not None and "token" not in name


_TOKEN_PARTS = frozenset({"jwt", "jti", "jws", "jwe", "signature", "nonce"})
"""Words of a check of a signed token or its claims (`validate_jti` refusing a replayed
launch token, `verify_signature`): a key the server holds vouches, no password."""


_SINGLE_SIGN_ON = frozenset(
    {"saml", "saml2", "cas", "oauth", "oidc", "openid", "sso", "shibboleth", "callback"}
    | {"webauthn", "fido", "fido2", "u2f", "passkey", "passkeys"}
)
"""Protocols where another site checks the password and the route gets back an assertion
or a ticket (`/login/saml`, `cas_login`): nothing to guess there. So too WebAuthn's
(`/webauthn/authenticate`, a passkey or security key login): the browser sends an
assertion the authenticator signed with a private key that never leaves it. So does a social login
(`_SOCIAL_PREFIX`), and a login's callback (`/login/<service>/callback`,
`login_service_callback`): the address an identity provider sends the user back to with
its answer, whatever the provider."""
_SOCIAL_PREFIX = ("social", "oauth", "oidc", "openid", "saml")
"""The first letters of a word naming a login through a social network's account:
django-allauth's `socialaccount` and `sociallogin`, python-social-auth's `social/login/`;
or through a single sign-on protocol written as one word with what the route does
(`/oauthinit`, `/oauthcallback`, `oidclogin`, `samlacs`)."""


SINGLE_SIGN_ON_VIEWS = (
    "social_django.views.",
    "social.apps.django_app.views.",
    "social_flask.routes.",
    "allauth.socialaccount.",
    "mozilla_django_oidc.views.",
    "djangosaml2.views.",
    "django_saml2_auth.views.",
    "django_cas_ng.views.",
    "uaa_client.views.",
)
"""Modules of the single sign-on libraries whose views a URLconf routes a login path to:
python-social-auth's `auth` (its `login/<backend>/` start, a redirect to the provider) and
`complete` (the provider's callback), allauth's social accounts, OpenID Connect, SAML and
CAS clients, cg-django-uaa's (`uaa_client.views.login`, routed as `admin/login`: a
redirect to Cloud Foundry's UAA, an OAuth 2 server). The provider checks the password; what the view gets is a code, an assertion
or a ticket, whatever the project names the route or its module."""


SOCIAL_LOGIN_STARTS = frozenset(
    {
        "social_django.views.auth",
        "social.apps.django_app.views.auth",
        "social_core.actions.do_auth",
        "social.actions.do_auth",
    }
)
"""python-social-auth's start of a login (`social_django.views.auth`, routed as
`login/<backend>/`, and the `do_auth` it runs): it keeps a fresh OAuth `state` in the
session and redirects the browser to the provider, where the user logs in as
themselves. Another site that makes a browser post to it gains nothing a link would not
(the library answers GET too, unless `SOCIAL_AUTH_REQUIRE_POST`): the callback refuses an
answer whose `state` differs from the session's, and logs the browser's own user in.
Its `next` is checked by the library against the allowed hosts."""


def starts_social_login(qualified: str) -> bool:
    """Whether a view's qualified name is python-social-auth's login start
    (`SOCIAL_LOGIN_STARTS`)."""
    return qualified in SOCIAL_LOGIN_STARTS


def single_sign_on_view(qualified: str) -> bool:
    """Whether a view's qualified name is one of a single sign-on library's
    (`SINGLE_SIGN_ON_VIEWS`): `social_django.views.auth` routed as `login/<backend>/`."""
    return qualified.startswith(SINGLE_SIGN_ON_VIEWS)


def _routes_to_single_sign_on(qualified: set[str]) -> bool:
    """Whether a URL pattern's view expression names a single sign-on library's view
    (`views.auth`, or `RedirectView.as_view(...) if settings.MAINTENANCE else
    views.auth`: each branch takes no password)."""
    return any(single_sign_on_view(name) for name in qualified)


def single_sign_on_routes(ctx: FileContext) -> frozenset[int]:
    """The lines of the module's URL patterns whose view is a single sign-on library's
    (`re_path(r"^login/(?P<backend>[^/]+)/$", social_django.views.auth)`): no login entry
    point, however the route model reads the view (a conditional one it cannot name)."""
    if not any(ctx.mentions(prefix.partition(".")[0]) for prefix in SINGLE_SIGN_ON_VIEWS):
        return frozenset()
    found: set[int] = set()
    for node in ctx.nodes(ast.Call):
        if not isinstance(node, ast.Call) or ctx.call_name(node) not in _URL_CALLS:
            continue
        view = ctx.argument(node, 1, "view")
        if view is not None and _routes_to_single_sign_on(
            {ctx.qualified(inner) or "" for inner in ast.walk(view)}
        ):
            found.add(node.lineno)
    return frozenset(found)


def token_login(*names: str) -> bool:
    """Whether a route logging a user in names a token (`/ajax/verify_token`): a random
    token a link or another device carries vouches for the user, not a password."""
    return any("token" in identifier_words(name) for name in names)


def login_link(*names: str) -> bool:
    """Whether a route's path or view is named for a sign-in link (`login_link`,
    `magic-links/new`, `sign-in-link/<token>`): it e-mails a link whose token vouches for
    the user, or follows one; no password is typed there."""
    return any(_names_login_link(identifier_words(name)) for name in names)


def _names_login_link(words: list[str]) -> bool:
    return any(
        word in _LINK_WORDS
        and (
            words[index - 1 : index] in _LINK_LOGIN_WORDS
            or words[index - 2 : index] in _SIGN_IN_WORDS
        )
        for index, word in enumerate(words)
    )


_LINK_WORDS = frozenset({"link", "links"})
_LINK_LOGIN_WORDS = (["login"], ["logon"], ["signin"], ["magic"])
_SIGN_IN_WORDS = (["sign", "in"], ["log", "in"])
"""The words before `link` that make it a sign-in link (`sign-in-link` splits into `sign`,
`in`, `link`); not `login/linkedin` (one word), `opt-in-link` nor `account-link`."""


def single_sign_on(*names: str) -> bool:
    """Whether a login route's path or name says another site checks the password."""
    return any(
        _SINGLE_SIGN_ON.intersection(words) or any(w.startswith(_SOCIAL_PREFIX) for w in words)
        for words in map(identifier_words, names)
    )


def _classes(ctx: FileContext) -> Iterator[LoginEntry]:
    for node in ctx.nodes(ast.ClassDef):
        if isinstance(node, ast.ClassDef):
            qualified = [ctx.qualified(base) or "" for base in node.bases]
            if any(last_part(base) in LOGIN_VIEWS for base in qualified):
                yield LoginEntry(f"view `{node.name}`", ctx.location(node))
            elif any(base.startswith(_GRAPHQL) for base in qualified) and _logs_in(node):
                yield LoginEntry(f"GraphQL mutation `{node.name}`", ctx.location(node))


_GRAPHQL = ("graphene.", "graphene_django.", "graphene_sqlalchemy.", "graphene_mongo.")
_MUTATES = frozenset({"mutate", "mutate_and_get_payload", "perform_mutate"})


def _logs_in(node: ast.ClassDef) -> bool:
    """A GraphQL mutation named for logging in (`class Login(graphene.Mutation)`) whose
    `mutate` may take a password: it answers a login as a route would."""
    if not login_name(node.name) or single_sign_on(node.name) or token_login(node.name):
        return False
    return any(
        isinstance(statement, Function)
        and statement.name in _MUTATES
        and _may_take_password(statement)
        for statement in node.body
    )


def _url_patterns(ctx: FileContext) -> Iterator[LoginEntry]:
    routes = _route_places(ctx)
    for node in ctx.nodes(ast.Call):
        if not isinstance(node, ast.Call) or ctx.call_name(node) not in _URL_CALLS:
            continue
        route = ctx.evaluate(ctx.argument(node, 0, "route"))
        view = ctx.argument(node, 1, "view")
        if view is None or _holds_routes(ctx, view):
            continue  # NOTE: `include(patterns("", url(...)))`: each inner route is judged itself
        if served_under_debug(ctx, node):
            continue  # NOTE: `if settings.DEBUG:`: the development server's, not deployed
        qualified = {ctx.qualified(inner) or "" for inner in ast.walk(view)}
        names = {last_part(name) for name in qualified}
        included = ctx.evaluate(view.args[0]) if isinstance(view, ast.Call) and view.args else None
        where = ctx.location(node)
        if _admin_site_urls(ctx, view, names):
            if _login_shadowed(route, (node.lineno, node.col_offset), routes):
                continue  # NOTE: the earlier route's view is the entry, judged itself
            default = isinstance(view, ast.Attribute) and ctx.qualified(view.value) in _SITES
            yield LoginEntry("the Django admin login", where, admin_site=True, default_site=default)
        elif included == "django.contrib.auth.urls":
            yield LoginEntry("`django.contrib.auth.urls` (`login/`)", where)
        elif _includes_wagtail_admin(ctx, view, included):
            yield LoginEntry("the Wagtail admin login", where)
        elif names & LOGIN_VIEWS or (
            isinstance(route, str)
            and LOGIN_PATH.search(route)
            and not single_sign_on(route, _url_name(ctx, node), *sorted(names))
            and not logs_out(route, _url_name(ctx, node), *sorted(names))
            and not _routes_to_single_sign_on(qualified)
        ):
            what = f"URL `{route}`" if isinstance(route, str) else "a login URL"
            yield LoginEntry(what, where, view=_class_view(ctx, view))


_WAGTAIL_ADMIN_URLS = "wagtail.admin.urls"
"""Wagtail's admin URLconf: its `login/` serves a password form of Wagtail's own,
which takes no throttling or second factor from the Django admin's settings."""


def _includes_wagtail_admin(ctx: FileContext, view: ast.expr, included: object) -> bool:
    """Whether a route includes Wagtail's admin URLs, by module (`include(wagtailadmin_urls)`
    after `from wagtail.admin import urls as wagtailadmin_urls`) or by its dotted text."""
    if included == _WAGTAIL_ADMIN_URLS:
        return True
    if not isinstance(view, ast.Call) or not view.args:
        return False
    return ctx.qualified(view.args[0]) == _WAGTAIL_ADMIN_URLS


def _route_places(ctx: FileContext) -> dict[str, tuple[int, int]]:
    """The module's URL patterns given as text, without a regex's anchors
    (`^admin/login/$` as `admin/login/`), each with where its first route is written."""
    found: dict[str, tuple[int, int]] = {}
    for node in ctx.nodes(ast.Call):
        if isinstance(node, ast.Call) and ctx.call_name(node) in _URL_CALLS:
            route = ctx.evaluate(ctx.argument(node, 0, "route"))
            if isinstance(route, str):
                key = route.removeprefix("^").removesuffix("$")
                where = (node.lineno, node.col_offset)
                found[key] = min(found.get(key, where), where)
    return found


def _login_shadowed(
    route: object, where: tuple[int, int], routes: dict[str, tuple[int, int]]
) -> bool:
    """Whether the module routes the admin site's `login/` under the same prefix to a
    view of its own before the site's URLs (`path("admin/login/", sso_redirect)` above
    `path("admin/", admin.site.urls)`): Django resolves the first pattern that matches,
    so the admin's password form is never served there."""
    if not isinstance(route, str):
        return False
    prefix = route.removeprefix("^").removesuffix("$")
    login = routes.get(f"{prefix}login/")
    return login is not None and login < where


def _holds_routes(ctx: FileContext, view: ast.expr) -> bool:
    """Whether a route's view is an include of routes written in place (`include([...])`,
    Django < 1.10's `include(patterns("", url(...)))`): not a login itself."""
    return any(
        isinstance(inner, ast.Call) and ctx.call_name(inner) in _URL_CALLS
        for inner in ast.walk(view)
        if inner is not view
    )


_SITES = frozenset({"django.contrib.admin.site", "django.contrib.admin.sites.site"})
"""The admin site Django makes, as `admin.site.urls` names it."""


def _url_name(ctx: FileContext, node: ast.Call) -> str:
    """The `name=` a URL pattern is given, "" when it has none the module spells out."""
    name = ctx.evaluate(next((k.value for k in node.keywords if k.arg == "name"), None))
    return name if isinstance(name, str) else ""


def _class_view(ctx: FileContext, view: ast.expr) -> str:
    """The class a URL pattern's view is made from (`SignInView.as_view()`), qualified;
    "" for a function view or one built otherwise."""
    func = view.func if isinstance(view, ast.Call) else None
    if isinstance(func, ast.Attribute) and func.attr == "as_view":
        return ctx.qualified(func.value) or ""
    return ""


def _admin_site_urls(ctx: FileContext, view: ast.expr, names: set[str]) -> bool:
    """`admin.site.urls`, or the `urls` of a site of the project's own (`admin_site.urls`
    after `admin_site = MyAdminSite(name="myadmin")`, as Django's documentation does it;
    imported, named for an admin site): an admin site's pages, its login form among them.
    Not a router's (`router.urls`, `admin_api = WagtailAPIRouter(...)`)."""
    if "site" in names and "urls" in names and ctx.names.imports("django.contrib.admin"):
        return True
    if not isinstance(view, ast.Attribute) or view.attr != "urls":
        return False
    made = ctx.origin(view.value)
    if made is not None:
        return made.endswith("Site")
    written = set(identifier_words((ctx.qualified(view.value) or "").replace(".", "_")))
    return {"admin", "site"} <= written


_ADMIN_LOGIN = "django.contrib.admin.site.login"
_SENDS_TO_SITE_LOGIN = frozenset(
    {
        "django.contrib.auth.decorators.login_required",
        "allauth.account.decorators.secure_admin_login",
    }
)
"""Decorators that send a visitor who is not logged in to the site's login page
(`settings.LOGIN_URL`, allauth's login) before the view runs."""
_STAFF_REQUIRED = "django.contrib.admin.views.decorators.staff_member_required"


def admin_login_behind_login(ctx: FileContext) -> bool:
    """Whether the module rebinds the Django admin's login view to itself wrapped so
    that a visitor not logged in is sent to the site's login first
    (`admin.site.login = login_required(admin.site.login)`, allauth's
    `secure_admin_login`, `staff_member_required(..., login_url=...)`): the admin's form
    then takes no password from an anonymous visitor, and the site's login, with its
    own throttling, is the entry point."""
    for node in ctx.nodes(ast.Assign):
        if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Call):
            continue
        if not any(ctx.qualified(target) == _ADMIN_LOGIN for target in node.targets):
            continue
        call = node.value
        wrapped = bool(call.args) and ctx.qualified(call.args[0]) == _ADMIN_LOGIN
        name = ctx.call_name(call)
        elsewhere = name == _STAFF_REQUIRED and any(k.arg == "login_url" for k in call.keywords)
        if wrapped and (name in _SENDS_TO_SITE_LOGIN or elsewhere):
            return True
    return False


_ADMIN_SITE_CLASSES = frozenset(
    {"django.contrib.admin.AdminSite", "django.contrib.admin.sites.AdminSite"}
)
_ADMIN_CONFIGS = frozenset(
    {"django.contrib.admin.apps.AdminConfig", "django.contrib.admin.AdminConfig"}
)


def single_sign_on_admin_sites(ctx: FileContext) -> frozenset[str]:
    """The classes of the module (as `module.Class`) deriving from Django's `AdminSite`
    whose own `login` method hands the visitor to single sign-on: it does not run the
    stock form (`super().login(...)`, `AdminSite.login(self, ...)`), names no password,
    calls nothing that checks one, and every login it calls is named for single sign-on
    (`oauth_login(request)`, a `login` of the module `admin_sso.views`)."""
    if not ctx.mentions("AdminSite"):
        return frozenset()
    found: set[str] = set()
    for node in ctx.nodes(ast.ClassDef):
        if not isinstance(node, ast.ClassDef):
            continue
        if not any(ctx.qualified(base) in _ADMIN_SITE_CLASSES for base in node.bases):
            continue
        login = next((s for s in node.body if isinstance(s, Function) and s.name == "login"), None)
        if login is not None and _hands_to_single_sign_on(ctx, login):
            found.add(f"{ctx.module}.{node.name}" if ctx.module else node.name)
    return frozenset(found)


def _hands_to_single_sign_on(ctx: FileContext, function: Function) -> bool:
    if _may_take_password(function, _module_names(ctx)):
        return False
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "login":
            return False  # NOTE: `super().login(...)`, `AdminSite.login(self, ...)`: the form
        if hands_login_on(ctx.call_name(node) or ""):
            return False
    return True


def default_admin_sites(ctx: FileContext) -> frozenset[str]:
    """The dotted paths the module's subclasses of Django's `AdminConfig` give as
    `default_site` (`default_site = "myproject.admin.MyAdminSite"`): installed in the
    place of `django.contrib.admin`, they make `admin.site` an instance of that class."""
    if not ctx.mentions("default_site"):
        return frozenset()
    found: set[str] = set()
    for node in ctx.nodes(ast.ClassDef):
        if not isinstance(node, ast.ClassDef):
            continue
        if not any(ctx.qualified(base) in _ADMIN_CONFIGS for base in node.bases):
            continue
        for statement in node.body:
            if not isinstance(statement, ast.Assign):
                continue
            named = any(
                isinstance(t, ast.Name) and t.id == "default_site" for t in statement.targets
            )
            value = ctx.evaluate(statement.value) if named else None
            if isinstance(value, str):
                found.add(value)
    return frozenset(found)


def login_entries(ctx: FileContext) -> list[LoginEntry]:
    """Every login entry point the module defines; none in a module of shell commands
    (a management command's `login` helper driving the test client): no request
    reaches it, so it takes no one's password over the web."""
    if ctx.is_command_module:
        return []
    entries = [
        *_functions(ctx),
        *_classes(ctx),
        *_url_patterns(ctx),
        *basic_auth_entries(ctx),
        *extension_login_entries(ctx),
    ]
    return sorted(entries, key=lambda e: (e.location.line, e.location.column))
