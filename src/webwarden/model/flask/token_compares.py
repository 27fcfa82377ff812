"""Whether a function refuses a request whose CSRF token does not match, compared the
project's own way, and which methods it calls on `self`.

An app may check its double-submit or synchronizer token inside its access decorator
rather than with `CSRFProtect`: the decorator's wrapper, or a method of the decorator's
class it calls (`self.get_logged_in_user()` calling `self.extra_session_checks(session)`,
a hook a subclass overrides), compares the token the request sends (an `X-XSRF-TOKEN`
header, a `csrf_token` form field) with the one the session keeps and answers a mismatch
with a refusal (`if session["xsrf_token"] != request.headers.get("X-XSRF-TOKEN"):
abort(403)`). Another site's form can send neither the header nor the session's token.
The function answers for itself alone; following the calls is the app model's part.
"""

from __future__ import annotations

import ast

from webwarden.model.caller_checks import SECURE_COMPARES
from webwarden.model.flask.token_wrappers import ends_request
from webwarden.model.module import FileContext, identifier_words
from webwarden.model.tree import own_nodes

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_TOKEN_WORDS = frozenset({"csrf", "xsrf"})
_REQUEST = "flask.request"
_EQUALITIES = (ast.Eq, ast.NotEq)


def refuses_token_mismatch(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> bool:
    """Whether an `if` of the function, whose block ends the request (returns, raises or
    calls `abort(...)`), tests a comparison (`==`, `!=`, `hmac.compare_digest`) of a
    value named for a CSRF token (`"xsrf_token"`, `"HTTP_X_XSRF_TOKEN"`, `csrf_token`)
    with what the request sends, read there or through a local name bound to it."""
    if not any(map(ctx.mentions, ("csrf", "xsrf", "CSRF", "XSRF"))):
        return False  # NOTE: a cheap screen; most modules name no such token
    sent = _request_locals(ctx, function)
    for node in own_nodes(function):
        if not (isinstance(node, ast.If) and ends_request(node.body)):
            continue
        for test in ast.walk(node.test):
            if _compares(ctx, test) and _names_token(test) and _reads_sent(ctx, test, sent):
                return True
    return False


def self_calls(function: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, ...]:
    """The methods the function calls on `self` (`self.check(session)` -> `check`), in a
    method or in a function nested in one, whose `self` is the method's."""
    return tuple(
        dict.fromkeys(
            node.func.attr
            for node in own_nodes(function)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "self"
        )
    )


def turned_off(options: tuple[tuple[str, object], ...]) -> bool:
    """Whether a decorator's options turn its token check off (`check_xsrf_token=False`,
    `csrf=False`)."""
    return any(value is False and _TOKEN_WORDS & set(identifier_words(k)) for k, value in options)


def _compares(ctx: FileContext, node: ast.AST) -> bool:
    if isinstance(node, ast.Compare):
        return all(isinstance(op, _EQUALITIES) for op in node.ops)
    return isinstance(node, ast.Call) and ctx.qualified(node.func) in SECURE_COMPARES


def _names_token(node: ast.AST) -> bool:
    for part in ast.walk(node):
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            word = part.value
        elif isinstance(part, ast.Name):
            word = part.id
        elif isinstance(part, ast.Attribute):
            word = part.attr
        else:
            continue
        if len(word) < 64 and _TOKEN_WORDS & set(identifier_words(word)):
            return True
    return False


def _reads_sent(ctx: FileContext, node: ast.AST, sent: frozenset[str]) -> bool:
    return any(
        (isinstance(part, ast.Name) and part.id in sent) or _reads_request(ctx, part)
        for part in ast.walk(node)
    )


def _reads_request(ctx: FileContext, node: ast.AST) -> bool:
    return isinstance(node, ast.Name | ast.Attribute) and ctx.qualified(node) == _REQUEST


def _request_locals(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> frozenset[str]:
    """The local names the function binds to a value read from the request
    (`sent = request.headers.get("X-CSRF-Token")`)."""
    return frozenset(
        target.id
        for node in own_nodes(function)
        if isinstance(node, ast.Assign)
        and any(_reads_request(ctx, part) for part in ast.walk(node.value))
        for target in node.targets
        if isinstance(target, ast.Name)
    )
