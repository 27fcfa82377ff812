"""Whether a view turns away, before it does anything, every request that does not prove a
credential of its caller: the shared secret a webhook or callback sends in a header, a
signature of what it sends, or a token signed with the app's key.

A browser sends none of these on its own: such a view is another server's to call (a
payment provider's notification, an SMS gateway's callback), authenticated by what that
server knows, not by the session.
"""

from __future__ import annotations

import ast
import re

from webwarden.model.flask.view_body import after_docstring
from webwarden.model.module import FileContext

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_REQUEST = "flask.request"
_VERIFYING = re.compile(r"^_*(verify|validate|check|authenticate)_?\w*$|^_*is_valid\w*$")
"""A check's name (`verify_incoming_request`, `validate_signature`, `check_hmac`)."""
_TOKEN_DECODERS = frozenset({"jwt.decode", "jose.jwt.decode", "jwt.api_jwt.decode"})
"""Decoders that raise unless the token was signed with the key they are given."""
_SECURE_COMPARES = frozenset({"hmac.compare_digest", "secrets.compare_digest"})
_LOGGING = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "print"}
    | {"d", "i", "w", "e"}
    | {"incr", "decr", "increment", "decrement", "gauge", "timing", "histogram"}
)
"""Calls that only log or count (a StatsD client's `statsd.incr(...)`), which may come
before the check."""


def verifies_caller(ctx: FileContext, function: ast.AST) -> bool:
    """Whether the view's first statement after local reads, set-up, logging and refusals
    of a request lacking what it must send refuses a request that proves no credential:
    `if request.headers.get(H) != SECRET: return ...`, `if not
    verify_signature(request.form): return ...`, or a `try` decoding a JSON Web Token with
    a key, or ending in a check of what the request sent (`validator.check(message)`),
    whose handlers return or raise. Whatever the refusal returns, nothing after it runs
    for a request without the credential."""
    if not isinstance(function, _FUNCTIONS):
        return False
    from_request: set[str] = set()
    for statement in after_docstring(function.body):
        if _refuses_missing(ctx, statement, from_request):
            continue
        if isinstance(statement, ast.If):
            return _ends(ctx, statement.body) and _unproven(ctx, statement.test, from_request)
        if isinstance(statement, ast.Try):
            return _decodes_signed_token(ctx, statement) or _ends_in_check(
                ctx, statement, from_request
            )
        if isinstance(statement, ast.Assign) and _reads_request(ctx, statement.value):
            from_request.update(t.id for t in statement.targets if isinstance(t, ast.Name))
        elif not (_logs(ctx, statement) or _sets_up(statement)):
            return False
    return False


def _refuses_missing(ctx: FileContext, statement: ast.stmt, from_request: set[str]) -> bool:
    """`if not signature: return ...` (a value the request sends, absent), also for each
    of a list of headers (`for h in HEADERS: if not request.headers.get(h): return ...`):
    it only turns requests away, and proves nothing of the caller."""
    if isinstance(statement, ast.For):
        return bool(statement.body) and all(
            _refuses_missing(ctx, s, from_request) for s in statement.body
        )
    if not (isinstance(statement, ast.If) and not statement.orelse):
        return False
    test = statement.test
    missing = (
        isinstance(test, ast.UnaryOp)
        and isinstance(test.op, ast.Not)
        and _sent(ctx, test.operand, from_request)
        and not (isinstance(test.operand, ast.Call) and _checks(ctx, test.operand, from_request))
    )
    body = statement.body
    return missing and _ends(ctx, body) and all(_logs(ctx, s) for s in body[:-1])


def _sets_up(statement: ast.stmt) -> bool:
    """`validator = RequestValidator(app.config["TOKEN"])`, `key = app.config["KEY"]`: a
    local made of the app's settings or a class, which changes nothing."""
    if not (
        isinstance(statement, ast.Assign)
        and all(isinstance(t, ast.Name) for t in statement.targets)
    ):
        return False
    value = statement.value
    if isinstance(value, ast.Call):
        callee = value.func.attr if isinstance(value.func, ast.Attribute) else None
        callee = callee or (value.func.id if isinstance(value.func, ast.Name) else "")
        if callee[:1].isupper():
            return True
    return any(isinstance(n, ast.Attribute) and n.attr == "config" for n in ast.walk(value))


def _ends_in_check(ctx: FileContext, statement: ast.Try, from_request: set[str]) -> bool:
    """`try: ...; validator.check(message) except Invalid: return ...`: the block ends in a
    check of what the request sent, and every handler leaves the view."""
    last = statement.body[-1]
    checked = (
        isinstance(last, ast.Expr)
        and isinstance(last.value, ast.Call)
        and _checks(ctx, last.value, from_request)
    )
    return (
        checked and bool(statement.handlers) and all(_ends(ctx, h.body) for h in statement.handlers)
    )


def _unproven(ctx: FileContext, node: ast.expr, from_request: set[str]) -> bool:
    """A test holding for a request without the credential."""
    match node:
        case ast.BoolOp(op=ast.Or(), values=values):
            return any(_unproven(ctx, value, from_request) for value in values)
        case ast.UnaryOp(op=ast.Not(), operand=ast.Call() as call):
            return _checks(ctx, call, from_request)
        case ast.Compare(left=left, ops=[ast.NotEq()], comparators=[right]):
            sent = [_sent(ctx, side, from_request) for side in (left, right)]
            # NOTE: one side what the request sends, the other what the app knows.
            return sent.count(True) == 1 and not any(
                isinstance(side, ast.Constant) for side in (left, right)
            )
    return False


def _checks(ctx: FileContext, call: ast.Call, from_request: set[str]) -> bool:
    """`verify_incoming_request(dict(request.form))`, `hmac.compare_digest(sent, known)`:
    a check given what the request sends."""
    name = ctx.call_name(call) or ""
    named = name in _SECURE_COMPARES or _VERIFYING.match(name.rsplit(".", 1)[-1]) is not None
    arguments = [*call.args, *(k.value for k in call.keywords)]
    return named and any(_sent(ctx, a, from_request) for a in arguments)


def _decodes_signed_token(ctx: FileContext, statement: ast.Try) -> bool:
    """`try: jwt.decode(token, key=SECRET, ...)` with every handler returning or raising."""
    decodes = any(
        isinstance(node, ast.Call)
        and ctx.call_name(node) in _TOKEN_DECODERS
        and ctx.argument(node, 1, "key") is not None
        and "verify_signature" not in ast.unparse(node)  # NOTE: a check switched off
        for s in statement.body
        for node in ast.walk(s)
    )
    return (
        decodes and bool(statement.handlers) and all(_ends(ctx, h.body) for h in statement.handlers)
    )


def _sent(ctx: FileContext, node: ast.expr, from_request: set[str]) -> bool:
    """Whether the value is what the request sends (read from `request`, or a local bound
    to such a read)."""
    return any(
        (isinstance(n, ast.Name) and n.id in from_request) or ctx.qualified(n) == _REQUEST
        for n in ast.walk(node)
    )


def _reads_request(ctx: FileContext, node: ast.expr) -> bool:
    return any(ctx.qualified(n) == _REQUEST for n in ast.walk(node))


def _ends(ctx: FileContext, branch: list[ast.stmt]) -> bool:
    """Whether the branch leaves the view: it returns, raises or calls `abort()`."""
    if not branch:
        return False
    last = branch[-1]
    if isinstance(last, ast.Return | ast.Raise):
        return True
    return (
        isinstance(last, ast.Expr)
        and isinstance(last.value, ast.Call)
        and (ctx.call_name(last.value) or "").rsplit(".", 1)[-1] == "abort"
    )


def _logs(ctx: FileContext, statement: ast.stmt) -> bool:
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return False
    func = statement.value.func
    tail = func.attr if isinstance(func, ast.Attribute) else ast.unparse(func)
    return tail in _LOGGING
