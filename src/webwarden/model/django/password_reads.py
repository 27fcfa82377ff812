"""Class views that take no password: what a view exchanging a trusted identity reads."""

from __future__ import annotations

import ast

from webwarden.model.auth.logins import password_check
from webwarden.model.caller_checks import LOG_LEVELS
from webwarden.model.module import PASSWORD_WORDS, identifier_words
from webwarden.model.tree import walk

_GUESSED = PASSWORD_WORDS | {"pin", "otp", "totp", "hotp", "passcode", "code", "secret"}
"""Words of something a caller could guess: a password, a one-time code, a PIN."""
_SUBMITTED = frozenset({"data", "POST", "body", "FILES", "query_params", "GET", "stream"})
_CHECKING_CALLS = frozenset({"login", "is_valid", "get_serializer", "full_clean"})
"""Calls that log in or hand the submitted data to a serializer or a form to check."""
_CHECKING_ATTRIBUTES = frozenset({"serializer_class", "form_class", "get_serializer_class"})


def takes_no_password(node: ast.ClassDef) -> bool:
    """Whether a class view's own body takes nothing a caller could guess: it names no
    password, PIN or one-time code (in a name, attribute, keyword or string), checks no
    password and logs no one in (`authenticate`, `check_password`, `login`), hands the
    submitted data to no serializer or form (`serializer_class`, `is_valid()`, a
    `...Serializer(...)` or `...Form(...)`), and hands the request, or what it submitted,
    whole to nothing but a logger: it reads single fields (`request.data.get("email")`)
    and answers with what it looked up, as an API does that trades the identity a
    single sign-on service vouched for, sent by a trusted front end, for a token."""
    submitted: set[str] = set()
    nodes = list(walk(node))
    for child in nodes:
        if isinstance(child, ast.Assign) and _is_submitted(child.value, submitted):
            submitted.update(t.id for t in child.targets if isinstance(t, ast.Name))
    for child in nodes:
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
        elif isinstance(child, ast.Call) and not _reads_only(child, submitted):
            return False
    return True


def _reads_only(call: ast.Call, submitted: set[str]) -> bool:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name in _CHECKING_CALLS or password_check(name) or name.endswith(("Serializer", "Form")):
        return False
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
