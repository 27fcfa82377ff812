"""Functions that log a user in through the session without giving it a new id: a Django
view marking `request.session` as logged in after checking a password by hand, a Flask
view calling Flask-Login's `login_user` or marking `session` itself; none of them calling
`login()`, `cycle_key()`, `flush()` or a `regenerate` of the session."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from webwarden.model.auth.facts import SessionLogin
from webwarden.model.auth.logins import login_name
from webwarden.model.module import FileContext, identifier_words

Function = ast.FunctionDef | ast.AsyncFunctionDef

FLASK_LOGIN_USER = frozenset(
    {"flask_login.login_user", "flask_login.utils.login_user", "flask_security.login_user"}
    | {"flask_security.utils.login_user"}
)
_DJANGO_LOGIN = frozenset({"django.contrib.auth.login", "django.contrib.auth.alogin"})
_DJANGO_SESSION_KEY = frozenset({"django.contrib.auth.SESSION_KEY"})
_FLASK_SESSION = frozenset({"flask.session", "flask.globals.session"})
_DJANGO_BACKENDS = "django.contrib.auth.backends."
_CYCLE = frozenset({"cycle_key", "acycle_key", "flush", "aflush"})
"""Django's session methods that give the session a new key (`SessionBase.cycle_key`
keeps the data, `flush` drops it)."""
_CREDENTIAL_CHECK = re.compile(
    r"^(\w+_)?authenticate$|^checkpw$|^check_password_hash$"
    r"|^(check|verify)_(\w+_)?(password|passwd|pwd|otp|totp|hotp|token|credentials)$"
)
"""Calls that check what the user proves: `authenticate`, `user.check_password`,
`check_password_hash`, `bcrypt.checkpw`, `verify_password`, `verify_totp`, `verify_token`."""
_SESSION_ID_ATTRIBUTES = frozenset({"sid", "session_id", "sessionid", "session_key"})
_FRESH_IDS = frozenset(
    {"uuid.uuid4", "os.urandom", "secrets.token_hex", "secrets.token_urlsafe"}
    | {"secrets.token_bytes"}
)
"""Calls that give an id no one could have planted: random, made now."""
_MARKS = frozenset({"logged", "loggedin", "authenticated", "authed", "authorized"})
_WHO = frozenset({"user", "uid", "userid", "account", "member", "customer"})


def marks_login(key: str) -> bool:
    """Whether a session key says who is logged in: `_auth_user_id`, `user_id`, `uid`,
    `user`, `logged_in`, `authenticated`. Not `username` or `email` (a sign-up form kept
    for its next step), nor `user_prefs`."""
    words = identifier_words(key)
    if not words or "not" in words or "un" in words:
        return False
    if _MARKS.intersection(words) or key.lower() in {"user", "uid", "userid"}:
        return True
    return bool(_WHO.intersection(words)) and bool({"id", "pk", "userid"}.intersection(words))


@dataclass(slots=True)
class _Seen:
    """What one function does with the session and the user's credentials."""

    django_marks: list[tuple[str, ast.AST]] = field(default_factory=list)
    flask_marks: list[tuple[str, ast.AST]] = field(default_factory=list)
    login_users: list[ast.Call] = field(default_factory=list)
    checks: bool = False
    rotates: bool = False
    simulated: bool = False
    """Runs in `app.test_request_context()`: a request made up to get a cookie."""


_Of = Callable[[ast.AST], _Seen | None]


def session_logins(ctx: FileContext) -> Iterator[SessionLogin]:
    """Each function of the module that logs a user in without a new session id."""
    if not ctx.holds("session") and not ctx.holds("login_user"):
        return
    seen: dict[int, tuple[Function, _Seen]] = {}

    def of(node: ast.AST) -> _Seen | None:
        function = ctx.scopes.enclosing_function(node)
        if function is None:
            return None
        return seen.setdefault(id(function), (function, _Seen()))[1]

    for node in ctx.nodes(ast.Assign, ast.Call):
        if isinstance(node, ast.Assign):
            _assign(ctx, node, of)
        elif isinstance(node, ast.Call):
            _call(ctx, node, of)
    for function, facts in seen.values():
        found = None if _backend_authenticate(ctx, function) else _login(function, facts)
        if found is not None:
            yield SessionLogin(found[0], function.name, found[1], ctx.location(found[2]))


def _backend_authenticate(ctx: FileContext, function: Function) -> bool:
    """The `authenticate` method of a Django authentication backend (a class with
    `get_user` too, or derived from one of Django's): `django.contrib.auth.authenticate()`
    calls it, and the view then calls `login()`, which gives the session a new key and
    keeps what the backend wrote there."""
    holder = ctx.parent(function)
    if function.name not in {"authenticate", "aauthenticate"} or not isinstance(
        holder, ast.ClassDef
    ):
        return False
    methods = {node.name for node in holder.body if isinstance(node, Function)}
    return "get_user" in methods or any(
        (ctx.qualified(base) or "").startswith(_DJANGO_BACKENDS) for base in holder.bases
    )


def _login(function: Function, facts: _Seen) -> tuple[str, str, ast.AST] | None:
    """(framework, what logs the user in, where) of a function that does it unrotated."""
    if facts.rotates or facts.simulated:
        return None
    if facts.checks and facts.django_marks:
        key, node = min(facts.django_marks, key=_place)
        return "django", f'request.session["{key}"] = ...', node
    if facts.login_users:
        return "flask", "login_user(...)", min(facts.login_users, key=_position)
    if facts.checks and facts.flask_marks:
        key, node = min(facts.flask_marks, key=_place)
        return "flask", f'session["{key}"] = ...', node
    return None


def _position(node: ast.AST) -> tuple[int, int]:
    return getattr(node, "lineno", 0), getattr(node, "col_offset", 0)


def _place(mark: tuple[str, ast.AST]) -> tuple[int, int]:
    return _position(mark[1])


def _assign(ctx: FileContext, node: ast.Assign, of: _Of) -> None:
    for target in node.targets:
        if _new_session_id(ctx, target, node.value):
            if (facts := of(node)) is not None:
                facts.rotates = True
            continue
        if not isinstance(target, ast.Subscript):
            continue
        django = _django_session(target.value)
        if not django and ctx.qualified(target.value) not in _FLASK_SESSION:
            continue
        key = _key(ctx, target.slice)
        if key is None or not marks_login(key) or (facts := of(node)) is None:
            continue
        (facts.django_marks if django else facts.flask_marks).append((key, node))


def _new_session_id(ctx: FileContext, target: ast.expr, value: ast.expr) -> bool:
    """`session.sid = uuid4().hex`, `session.session_id = str(uuid.uuid4())`: a fresh
    random id given to a server-side session (Flask-Session's `sid`, or the id attribute
    of a project's own session class), which its interface saves and sets the cookie to."""
    if not (
        isinstance(target, ast.Attribute)
        and target.attr.lower() in _SESSION_ID_ATTRIBUTES
        and ctx.qualified(target.value) in _FLASK_SESSION
    ):
        return False
    return any(
        isinstance(call, ast.Call) and ctx.call_name(call) in _FRESH_IDS for call in ast.walk(value)
    )


def _key(ctx: FileContext, node: ast.expr) -> str | None:
    if ctx.qualified(node) in _DJANGO_SESSION_KEY:
        return "_auth_user_id"
    value = ctx.evaluate(node)
    return value if isinstance(value, str) else None


def _django_session(node: ast.expr) -> bool:
    """`request.session` or `self.request.session`."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "session"
        and ast.unparse(node.value).rpartition(".")[2] == "request"
    )


def _call(ctx: FileContext, node: ast.Call, of: _Of) -> None:
    name = ctx.call_name(node) or ""
    func = node.func
    tail = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name in FLASK_LOGIN_USER:
        if not _guest(node) and (facts := of(node)) is not None:
            facts.login_users.append(node)
    elif _CREDENTIAL_CHECK.match(tail.lower()):
        if (facts := of(node)) is not None:
            facts.checks = True
    elif _rotates(node, name, tail):
        if (facts := of(node)) is not None:
            facts.rotates = True
    elif tail == "test_request_context" and (facts := of(node)) is not None:
        facts.simulated = True


def _rotates(node: ast.Call, name: str, tail: str) -> bool:
    """Django's `login()`, `request.session.cycle_key()` or `flush()`, Flask-Session's
    `session_interface.regenerate(session)`, Flask-KVSession's `session.regenerate()`,
    a helper of the project's own named for it (`regenerate_session()`; not
    `regenerate_api_key()`), or one named for logging in (`do_login(request, user)`),
    which may call `login()`."""
    words = identifier_words(tail)
    renews = "regenerate" in words and (len(words) == 1 or "session" in words)
    if name in _DJANGO_LOGIN or renews or login_name(tail):
        return True
    func = node.func
    return tail in _CYCLE and isinstance(func, ast.Attribute) and _django_session(func.value)


def _guest(call: ast.Call) -> bool:
    """`login_user(AnonymousUserMixin())`: a guest for an embedded page, no one's account."""
    given = call.args[0] if call.args else None
    return given is not None and "anonymous" in ast.unparse(given).lower()
