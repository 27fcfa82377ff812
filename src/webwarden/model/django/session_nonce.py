"""Whether a Django view refuses a request whose parameter does not match a value it kept
in the session: an OAuth callback's `state` checked against the one stored when the
flow began (`if request.GET.get("state") != state: return HttpResponseForbidden()`, or
`if not constant_time_compare(request.GET["state"], state): raise ...`).

Another site cannot read the user's session, so its forged link carries no matching
value: the check does for the callback what a CSRF token does for a form.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence

from webwarden.model.caller_checks import SECURE_COMPARES
from webwarden.model.django.caller_checks import is_request
from webwarden.model.module import FileContext

_SENT = frozenset({"GET", "POST", "query_params", "data"})


def checks_session_nonce(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> bool:
    """Whether a statement of the body itself is `if <sent> != <kept>: return ...` (or
    raises, or `if not compare_digest(<sent>, <kept>)`), `<sent>` read from the request's
    parameters and `<kept>` from its session (directly, or through a local assigned from
    it)."""
    kept = _session_locals(function)
    return any(
        isinstance(statement, ast.If)
        and _exits(statement.body)
        and any(_mismatch(ctx, test, kept) for test in _alternatives(statement.test))
        for statement in _refusing_statements(function.body)
    )


def refuses_unmatched(ctx: FileContext, statement: ast.If, body: Sequence[ast.stmt]) -> bool:
    """Whether `statement`, an `if` of a function whose statements are `body`, refuses
    (its branch ends by returning or raising) a request whose parameter does not match a
    value kept in its session (`if request.GET.get("state") != state: return ...`, past
    `state = request.session.pop("pushover")`), wherever it stands in the function: what
    follows it in its block runs only for a request that knew the session's value."""
    if not _exits(statement.body) or not ctx.mentions("session"):
        return False
    tests = [
        test
        for test in _alternatives(statement.test)
        if (sides := _compared(ctx, test)) is not None and any(map(_sent, sides))
    ]
    if not tests:
        return False  # NOTE: spares the walk of the body for every other `if`
    kept: set[str] = set()
    for each in body:
        kept |= _session_locals(each)
    return any(_mismatch(ctx, test, kept) for test in tests)


def _refusing_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The body's statements, and those of a `try` whose every handler exits too: a
    raise its handler turns into an error response still refuses the request."""
    for statement in body:
        yield statement
        if isinstance(statement, ast.Try) and all(
            _exits(handler.body) for handler in statement.handlers
        ):
            yield from _refusing_statements(statement.body)


def _session_locals(function: ast.AST) -> set[str]:
    """Locals assigned from the session (`state, code = request.session.pop("flow")`)."""
    found: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and _reads(node.value, "session"):
            for target in node.targets:
                found.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return found


def _alternatives(test: ast.expr) -> list[ast.expr]:
    """`a or b`: each refuses on its own."""
    return test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or) else [test]


def _mismatch(ctx: FileContext, test: ast.expr, kept: set[str]) -> bool:
    sides = _compared(ctx, test)
    if sides is None:
        return False
    return any(
        _sent(one) and (_reads(other, "session") or _kept(other, kept))
        for one, other in (sides, sides[::-1])
    )


def _compared(ctx: FileContext, test: ast.expr) -> tuple[ast.expr, ast.expr] | None:
    """The two sides of `a != b` (`a is not b`), or of `not compare_digest(a, b)`."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        if isinstance(test.ops[0], ast.NotEq | ast.IsNot):
            return test.left, test.comparators[0]
        return None
    if not (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)):
        return None
    call = test.operand
    if not isinstance(call, ast.Call) or ctx.call_name(call) not in SECURE_COMPARES:
        return None
    if len(call.args) != 2 or call.keywords:
        return None
    return call.args[0], call.args[1]


def _sent(node: ast.expr) -> bool:
    return any(attr in _SENT for attr in _request_reads(node))


def _reads(node: ast.expr, attr: str) -> bool:
    return attr in _request_reads(node)


def _request_reads(node: ast.expr) -> set[str]:
    """The attributes of the request `node` reads (`GET` of `request.GET.get("state")`)."""
    return {
        inner.attr
        for inner in ast.walk(node)
        if isinstance(inner, ast.Attribute) and is_request(inner.value)
    }


def _kept(node: ast.expr, kept: set[str]) -> bool:
    return isinstance(node, ast.Name) and node.id in kept


def _exits(body: list[ast.stmt]) -> bool:
    return bool(body) and isinstance(body[-1], ast.Return | ast.Raise)
