"""Shared by the `set_cookie` rules of both frameworks: cookies whose flags do not matter."""

from __future__ import annotations

import ast
import posixpath
import re

from webwarden.findings import Finding
from webwarden.model.preferences import names_preference
from webwarden.model.project import ProjectModel
from webwarden.model.scopes import CHANGED_BINDING, UNKNOWN_BINDING
from webwarden.rules.context import FileContext, identifier_words, sounds_secret
from webwarden.rules.sessions._saved_names import names_given

_PREFERENCES = frozenset({"LANGUAGE_COOKIE_NAME"})
"""Settings naming cookies that hold a preference (Django's own language cookie is sent
without `Secure` or `HttpOnly` by default: scripts may read it, and it grants nothing)."""

_FLAG_TEXTS = frozenset({"0", "1", "true", "false", "yes", "no", "on", "off", "y", "n"})
"""Constant texts of a marker cookie (`set_cookie("show_followed", "1")`): a switch."""
_MARKER_WORD = re.compile(r"(?=.{1,32}$)[A-Za-z]+(?:[_-][A-Za-z]+){0,3}")
"""A constant word of a marker cookie under a name that is no secret's
(`set_cookie(name + "tutorial", "seen")`), also a few joined like an identifier (an
event's name, `"user_signed_up"`): a state every visitor may send, no credential."""
_CLOCK_READS = frozenset(
    {
        "datetime.datetime.now",
        "datetime.datetime.utcnow",
        "datetime.datetime.today",
        "datetime.date.today",
        "time.time",
        "django.utils.timezone.now",
    }
)
"""Calls that read the clock: a cookie holding what they return (`first_visit`) holds a
time stamp, which names no one and grants nothing."""
_STAMP_FORMATS = frozenset({"isoformat", "timestamp", "strftime", "date"})
_STAMP_CASTS = frozenset({"str", "int", "float", "round"})

_TOKEN_ECHO_WORDS = frozenset({"csrf", "xsrf", "csrftoken", "xsrftoken"})
"""Words of the names of double-submit CSRF cookies (`csrf_token`, Angular's `XSRF-TOKEN`)."""
_NONCE_WORDS = frozenset({"csp", "nonce"})
"""The words of a Content-Security-Policy nonce cookie's name (`csp_nonce`): the nonce
is in every page's `<script nonce>` already, where any script reads it (`el.nonce`)."""
_TOKEN_MAKERS = frozenset({"flask_wtf.csrf.generate_csrf", "django.middleware.csrf.get_token"})


def harmless_cookie(ctx: FileContext, call: ast.Call) -> bool:
    """A cookie holding how the user wants pages shown, a marker set to a constant
    flag, number or word (`visitor=False`, `show_followed="1"`, `tour="seen"`), also
    one of two chosen by a test (`"1" if current_user.is_authenticated else "0"`, or a
    local set to each in turn), or
    one cleared (`set_cookie("token", "", expires=0)`), or a message for the next page
    to show (`user-message`, `flash_msg`): nobody's secret, and no request is trusted
    for it."""
    key = ctx.argument(call, 0, "key")
    if _preference(ctx, key) or _saved_preference(ctx, key) or _page_message(ctx, key):
        return True
    if _cleared(ctx, call):
        return True
    value = ctx.argument(call, 1, "value")
    return _marker_value(ctx, key, value) or _time_stamp(ctx, value)


def _time_stamp(ctx: FileContext, node: ast.expr | None) -> bool:
    """The time a clock read returns (`datetime.now(UTC)`, `timezone.now()`), also as a
    number or text (`int(time.time())`, `now().isoformat()`)."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if ctx.call_name(node) in _STAMP_CASTS and len(node.args) >= 1:
        return _time_stamp(ctx, node.args[0])
    if isinstance(func, ast.Attribute) and func.attr in _STAMP_FORMATS:
        return _time_stamp(ctx, func.value)
    return ctx.call_name(node) in _CLOCK_READS


def _marker_value(
    ctx: FileContext, key: ast.expr | None, node: ast.expr | None, *, follow: bool = True
) -> bool:
    """A constant flag, number or word, or a choice between such (`a if test else b`),
    also a local the function sets to one of such only (`value = "false"`, then `value =
    "true"` when the user is signed in)."""
    if isinstance(node, ast.IfExp):
        return _marker_value(ctx, key, node.body) and _marker_value(ctx, key, node.orelse)
    if follow and isinstance(node, ast.Name):
        values = ctx.scopes.values_of(node) or []
        if len(values) > 1 and not any(v in (UNKNOWN_BINDING, CHANGED_BINDING) for v in values):
            return all(_marker_value(ctx, key, v, follow=False) for v in values)
    if node is not None and (_truth_value(ctx, node) or _counter(ctx, key, node)):
        return True
    value = ctx.evaluate(node)
    if isinstance(value, str):
        return value.lower() in _FLAG_TEXTS or _marker_word(ctx, key, value)
    return isinstance(value, bool | int | float)


_TRUTH_CASTS = frozenset({"str", "int"})


def _truth_value(ctx: FileContext, node: ast.expr) -> bool:
    """`bool(x)`, or its text or number (`str(int(bool(prefs.enabled)))`): `True` or
    `False`, `1` or `0`, whatever `x` holds."""
    if not (isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords):
        return False
    name = ctx.call_name(node)
    if name == "bool":
        return True
    return name in _TRUTH_CASTS and _truth_value(ctx, node.args[0])


def _counter(ctx: FileContext, key: ast.expr | None, node: ast.expr) -> bool:
    """A count stepped by a constant, also as text (`str(count + 1)`, `count` an `int()`:
    how many redirects or visits so far), under a name that is no secret's: a number
    whatever the request sent, which names no one."""
    if isinstance(node, ast.Call) and ctx.call_name(node) == "str" and len(node.args) == 1:
        node = node.args[0]
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub)):
        return False
    step, count = (node.left, node.right) if _constant_int(node.left) else (node.right, node.left)
    if not _constant_int(step) or not _made_by_int(ctx, count):
        return False
    name = _key_name(ctx, key)
    return not (isinstance(name, str) and sounds_secret(name))


def _constant_int(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int


def _made_by_int(ctx: FileContext, node: ast.expr) -> bool:
    """`int(...)`, or a local every binding of which is one."""
    if isinstance(node, ast.Name):
        values = ctx.scopes.values_of(node) or []
        return bool(values) and all(
            isinstance(v, ast.Call) and ctx.call_name(v) == "int" for v in values
        )
    return isinstance(node, ast.Call) and ctx.call_name(node) == "int"


def _marker_word(ctx: FileContext, key: ast.expr | None, value: str) -> bool:
    """A constant word (`"seen"`, `"dismissed"`) set under a name that does not sound
    secret (`auth_token` set to `"admin"` is still judged)."""
    if not _MARKER_WORD.fullmatch(value):
        return False
    name = _key_name(ctx, key)
    return not (isinstance(name, str) and sounds_secret(name))


def _cleared(ctx: FileContext, call: ast.Call) -> bool:
    """Set to the empty string (also by default), or to expire at once (`max_age=0`,
    `expires=0`): the way to delete a cookie, which sends nothing to steal."""
    value = ctx.argument(call, 1, "value")
    if value is None or ctx.evaluate(value) == "":
        return True
    # NOTE: Werkzeug's and Django's `set_cookie(key, value, max_age, expires, ...)`.
    expiry = [ctx.evaluate(ctx.argument(call, 2, "max_age"))]
    expiry.append(ctx.evaluate(ctx.argument(call, 3, "expires")))
    return any(type(v) is int and v == 0 for v in expiry)


def _preference(ctx: FileContext, key: ast.expr | None) -> bool:
    """`set_cookie(settings.LANGUAGE_COOKIE_NAME, ...)`, or a name like `django_language`,
    `theme`, `collapsediffs` or `sort_by` (also a constant named so: `COOKIE_NAME_THEME`),
    or the list's `order`."""
    if isinstance(key, ast.Attribute) and key.attr in _PREFERENCES:
        return True
    name = _key_name(ctx, key)
    if not isinstance(name, str):
        return False
    return names_preference(name)


_MESSAGE_WORDS = frozenset(
    {"message", "messages", "msg", "msgs", "flash", "notice", "notification", "notifications"}
    | {"toast", "toasts"}
)
"""Words of names of cookies that carry a message for the next page to show (`user-message`,
`USER_MSG_COOKIE_NAME`, `flash_notice`): a redirect leaves "payment accepted" there, the
page's script reads it, shows it and clears it. It must stay readable by the script, and
it holds no credential."""


def _page_message(ctx: FileContext, key: ast.expr | None) -> bool:
    """A cookie named for a message the next page shows, under a name that is no
    secret's (`message_token` is still judged)."""
    name = _key_name(ctx, key)
    if not isinstance(name, str) or sounds_secret(name):
        return False
    return not _MESSAGE_WORDS.isdisjoint(identifier_words(name))


_PREFERENCE_MODULE_WORDS = frozenset({"preference", "preferences", "prefs"})


def _saved_preference(ctx: FileContext, key: ast.expr | None) -> bool:
    """A cookie a module of the user's preferences sets (`preferences.py`, each setting
    saving itself as `resp.set_cookie(name, self.value)`), under a name that is no
    secret's, nor one the module's calls of that method hand it (`self.tokens.save(
    "tokens", resp)`): the choices a visitor made without logging in."""
    module = posixpath.splitext(posixpath.basename(ctx.relpath))[0]
    if not _PREFERENCE_MODULE_WORDS & set(identifier_words(module)):
        return False
    name = ctx.evaluate(key)
    if isinstance(name, str):
        return not sounds_secret(name)
    # NOTE: `def save(self, name, resp)`: the names the module's calls hand the setting
    return not any(isinstance(n, str) and sounds_secret(n) for n in names_given(ctx, key))


def read_by_script(ctx: FileContext, call: ast.Call) -> bool:
    """A double-submit CSRF cookie (`set_cookie("csrf_token", generate_csrf())`): the
    page's script reads it to echo the token in a header, so it cannot be `HttpOnly`,
    and HttpOnly would protect nothing (Django's docs say so of its CSRF cookie). Also
    a CSP nonce handed to a front-end app (`set_cookie("csp_nonce", nonce)`), which the
    page's `<script nonce>` attributes show every script already."""
    key = ctx.argument(call, 0, "key")
    name = _key_name(ctx, key)
    words = set(identifier_words(name)) if isinstance(name, str) else set()
    if _TOKEN_ECHO_WORDS & words or words >= _NONCE_WORDS:
        return True
    value = ctx.argument(call, 1, "value")
    return isinstance(value, ast.Call) and ctx.call_name(value) in _TOKEN_MAKERS


_OTHER_FRAMEWORKS = (
    "tornado",
    "aiohttp",
    "starlette",
    "fastapi",
    "falcon",
    "pyramid",
    "bottle",
    "sanic",
    "cherrypy",
    "twisted",
    "webob",
)
"""Web frameworks whose responses a module importing neither Flask nor Django may set
cookies on: its `set_cookie` calls are theirs."""


def sets_cookie_for(ctx: FileContext, call: ast.Call, framework: str) -> bool:
    """Whether `call` (a `.set_cookie`) is a response of `framework` setting a cookie: in
    a module that imports it and not the other framework, or in one that imports neither,
    a helper handed the response (`def create(response, username): response.set_cookie(
    "app_session", ...)`), when it names the cookie with a constant, or a name built
    from one (`"%spswd" % project.slug`), as a response does
    (`http.cookiejar`'s `set_cookie(cookie)` takes an object), and imports no other web
    framework nor sets the cookie on `self` (a Tornado handler's own); never a test
    client's. The engine keeps a helper's finding only in a project of that one framework
    (`refuted_in_other_project`)."""
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    if (receiver is not None and _test_client(ctx, receiver)) or _server_name_first(ctx, call):
        return False
    if ctx.frameworks:
        return framework in ctx.frameworks and len(ctx.frameworks) == 1
    if isinstance(receiver, ast.Name) and receiver.id == "self":
        return False  # NOTE: a handler class of its own (Tornado's `RequestHandler`)
    if any(ctx.names.imports(other) for other in _OTHER_FRAMEWORKS):
        return False
    return _names_cookie(ctx, ctx.argument(call, 0, "key"))


def _names_cookie(ctx: FileContext, key: ast.expr | None) -> bool:
    """Whether `key` is a cookie's name as a response takes it: a constant string, or
    one built from a constant part (`"%spswd" % project.slug`, `f"{slug}_seen"`,
    `prefix + "_token"`), also through the one local it is kept in."""
    if isinstance(key, ast.Name):
        key = ctx.lookup(key) or key
    if isinstance(ctx.evaluate(key), str):
        return True
    if isinstance(key, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and v.value for v in key.values)
    if isinstance(key, ast.BinOp) and isinstance(key.op, ast.Mod):
        return isinstance(ctx.evaluate(key.left), str)
    if isinstance(key, ast.BinOp) and isinstance(key.op, ast.Add):
        return any(isinstance(ctx.evaluate(side), str) for side in (key.left, key.right))
    return False


def _server_name_first(ctx: FileContext, call: ast.Call) -> bool:
    """`client.set_cookie("localhost", "language", "fr")`: Werkzeug's test client before
    2.3 took `(server_name, key, value)`. A response's third parameter is `max_age`, a
    number, never a word."""
    if len(call.args) < 3 or any(isinstance(arg, ast.Starred) for arg in call.args[:3]):
        return False
    third = ctx.evaluate(call.args[2])
    return isinstance(third, str) and not third.strip().isdigit()


_TEST_CLIENTS = frozenset(
    {
        "werkzeug.test.Client",
        "flask.testing.FlaskClient",
        "webtest.TestApp",
        "webtest.app.TestApp",
        "django_webtest.DjangoTestApp",
    }
)


_CLIENT_WORDS = frozenset({"client", "app", "testapp", "webapp"})
"""Last words of a name holding a test client: `client`, or WebTest's `TestApp` kept as
`app` (a pytest fixture, django-webtest's `self.app`). A Flask or Django application
has no `set_cookie`, so an `app` that has one is WebTest's."""


def _test_client(ctx: FileContext, receiver: ast.expr) -> bool:
    """A test client (`with app.test_client() as c:`, a `client` fixture, Flask-Testing's
    `self.client`, WebTest's `TestApp` and django-webtest's `self.app`, also an `app`
    fixture a `conftest.py` makes): its `set_cookie` puts a cookie in the jar of the
    requests the test sends, which no browser ever receives."""
    if isinstance(receiver, ast.Name):
        made = ctx.scopes.made_by(receiver)
        if isinstance(made, ast.Call) and (
            (isinstance(made.func, ast.Attribute) and made.func.attr == "test_client")
            or ctx.call_name(made) in _TEST_CLIENTS
        ):
            return True
        name = receiver.id
    elif isinstance(receiver, ast.Attribute):
        name = receiver.attr
    else:
        return False
    words = identifier_words(name)
    return bool(words) and words[-1] in _CLIENT_WORDS


def refuted_in_other_project(finding: Finding, project: ProjectModel, framework: str) -> bool:
    """A finding of a helper module that imports neither framework (`sets_cookie_for`) in
    a project that is not of `framework` alone."""
    summary = project.modules.get(finding.location.path)
    if summary is None or summary.frameworks:
        return False
    return project.frameworks != {framework}


def _key_name(ctx: FileContext, key: ast.expr | None) -> object:
    """The cookie's name: its text, or the name of the constant or attribute holding it
    (`COOKIE_NAME_THEME`, `settings.LANGUAGE_COOKIE_NAME`), also through a local bound
    to one alone (`cookie_name = settings.XSRF_COOKIE_NAME`)."""
    name = ctx.evaluate(key)
    if isinstance(name, str):
        return name
    if isinstance(key, ast.Name):
        # NOTE: `session[cookie_name] = token` changes an object, never what the local names
        values = [v for v in ctx.scopes.values_of(key) or [] if v is not CHANGED_BINDING]
        held = values[0] if len(values) == 1 else None
        if isinstance(held, ast.Name | ast.Attribute) and not isinstance(ctx.evaluate(held), str):
            key = held
    if isinstance(key, ast.Name | ast.Attribute):
        return key.id if isinstance(key, ast.Name) else key.attr
    return name
