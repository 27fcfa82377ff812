"""Class views that take no password: what a view exchanging a trusted identity reads."""

from __future__ import annotations

import ast

from webwarden.model.auth.logins import password_check
from webwarden.model.caller_checks import LOG_LEVELS
from webwarden.model.module import PASSWORD_WORDS, FileContext, identifier_words
from webwarden.model.tree import walk

_GUESSED = PASSWORD_WORDS | {"pin", "otp", "totp", "hotp", "passcode", "code", "secret"}
"""Words of something a caller could guess: a password, a one-time code, a PIN."""
_SUBMITTED = frozenset({"data", "POST", "body", "FILES", "query_params", "GET", "stream"})
_CHECKING_CALLS = frozenset({"login", "is_valid", "get_serializer", "full_clean"})
"""Calls that log in or hand the submitted data to a serializer or a form to check."""
_CHECKING_ATTRIBUTES = frozenset({"serializer_class", "form_class", "get_serializer_class"})


def takes_no_password(node: ast.ClassDef, ctx: FileContext | None = None) -> bool:
    """Whether a class view's own body takes nothing a caller could guess: it names no
    password, PIN or one-time code (in a name, attribute, keyword or string; not in a
    docstring), checks no password and logs no one in (`authenticate`, `check_password`,
    `login`), hands the submitted data to no serializer or form (`serializer_class`,
    `is_valid()`, a `...Serializer(data=...)` or `...Form(...)`; a serializer handed a
    row alone writes the answer), and hands the request, or what it submitted, whole to
    nothing but a logger: it reads single fields (`request.data.get("email")`) and
    answers with what it looked up, as an API does that trades the identity a single
    sign-on service vouched for, sent by a trusted front end, for a token. So does one
    whose every `django.contrib.auth.authenticate()` is handed the request alone
    (`_credential_free`: the backends read a bearer token or a proxy's headers; Django's
    `ModelBackend` checks nothing without a username and a password), logging in the
    user they return (`login(request, user)`) or out (`logout(request)`); an exception
    it raises (`AuthenticationFailed(...)`) checks nothing either."""
    submitted: set[str] = set()
    nodes = list(walk(node))
    passed = _credential_free(ctx, nodes) if ctx is not None else set()
    described = {id(n.value) for n in nodes if isinstance(n, ast.Expr) and _is_docstring(n)}
    raised = {id(n.exc) for n in nodes if isinstance(n, ast.Raise) and n.exc is not None}
    for child in nodes:
        if isinstance(child, ast.Assign) and _is_submitted(child.value, submitted):
            submitted.update(t.id for t in child.targets if isinstance(t, ast.Name))
    for child in nodes:
        if id(child) in described:
            continue
        for word in _words(child):
            if word in _GUESSED:
                return False
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            if child.name in _CHECKING_ATTRIBUTES:
                return False
        elif isinstance(child, ast.Assign):
            targets = {t.id for t in child.targets if isinstance(t, ast.Name)}
            if targets & _CHECKING_ATTRIBUTES:
                return False
        elif (
            isinstance(child, ast.Call)
            and id(child) not in passed | raised
            and not _reads_only(child, submitted)
        ):
            return False
    return True


_AUTHENTICATE = "django.contrib.auth.authenticate"
_SESSION_CALLS = frozenset({"django.contrib.auth.login", "django.contrib.auth.logout"})


def _credential_free(ctx: FileContext, nodes: list[ast.AST]) -> set[int]:
    """The calls (by id) of `authenticate(request)` handed the request alone (positional
    or `request=`), with `login()` and `logout()` beside them, when every
    `authenticate()` of the class is so handed; none otherwise (a `username=` or a
    `**credentials` may carry a password). `logout()` alone ends a session: always."""
    calls = [n for n in nodes if isinstance(n, ast.Call)]
    names = {id(call): ctx.call_name(call) for call in calls}
    checks = [call for call in calls if names[id(call)] == _AUTHENTICATE]
    alone = bool(checks) and all(_request_alone(call) for call in checks)
    return {
        id(call)
        for call in calls
        if (alone and names[id(call)] in {_AUTHENTICATE, *_SESSION_CALLS})
        or names[id(call)] == "django.contrib.auth.logout"
    }


def _request_alone(call: ast.Call) -> bool:
    if len(call.args) > 1 or any(isinstance(a, ast.Starred) for a in call.args):
        return False
    if call.args and not _is_request(call.args[0]):
        return False
    return all(k.arg == "request" and _is_request(k.value) for k in call.keywords)


def _is_docstring(node: ast.Expr) -> bool:
    """A string written as a statement: a docstring, or prose between statements."""
    return isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _reads_only(call: ast.Call, submitted: set[str]) -> bool:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name in _CHECKING_CALLS or password_check(name) or name.endswith("Form"):
        return False
    if name.endswith("Serializer") and any(k.arg in {"data", None} for k in call.keywords):
        return False  # NOTE: `Serializer(data=...)` checks what was sent; `(user)` answers
    if isinstance(func, ast.Attribute) and name in LOG_LEVELS:
        return True
    given = [*call.args, *(k.value for k in call.keywords)]
    return not any(
        _is_request(arg) or _is_submitted(arg, submitted)
        for arg in (a.value if isinstance(a, ast.Starred) else a for a in given)
    )


def _is_request(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return node.id == "request"
    return isinstance(node, ast.Attribute) and node.attr == "request"


def _is_submitted(node: ast.expr, submitted: set[str]) -> bool:
    """`request.data` (`self.request.POST`, ...), `dict(...)` or `json.loads(...)` of it, or
    a local assigned one."""
    if isinstance(node, ast.Name):
        return node.id in submitted
    if isinstance(node, ast.Attribute):
        return node.attr in _SUBMITTED and _is_request(node.value)
    if isinstance(node, ast.Call):
        return any(_is_submitted(arg, submitted) for arg in node.args)
    return False


def _words(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Name):
        text = node.id
    elif isinstance(node, ast.Attribute):
        text = node.attr
    elif isinstance(node, ast.keyword):
        text = node.arg or ""
    elif isinstance(node, ast.arg):
        text = node.arg
    elif isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 64:
        text = node.value
    else:
        return []
    return [word.lower() for word in identifier_words(text)]
