"""Whether a Django view refuses a request whose parameter does not match a value it kept
in the session: an OAuth callback's `state` checked against the one stored when the
flow began (`if request.GET.get("state") != state: return HttpResponseForbidden()`).

Another site cannot read the user's session, so its forged link carries no matching
value: the check does for the callback what a CSRF token does for a form.
"""

from __future__ import annotations

import ast

from webwarden.model.django.caller_checks import is_request

_SENT = frozenset({"GET", "POST", "query_params", "data"})


def checks_session_nonce(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a statement of the body itself is `if <sent> != <kept>: return ...` (or
    raises), `<sent>` read from the request's parameters and `<kept>` from its session
    (directly, or through a local assigned from it)."""
    kept = _session_locals(function)
    return any(
        isinstance(statement, ast.If)
        and _exits(statement.body)
        and any(_mismatch(test, kept) for test in _alternatives(statement.test))
        for statement in function.body
    )


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


def _mismatch(test: ast.expr, kept: set[str]) -> bool:
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    if not isinstance(test.ops[0], ast.NotEq | ast.IsNot):
        return False
    sides = (test.left, test.comparators[0])
    return any(
        _sent(one) and (_reads(other, "session") or _kept(other, kept))
        for one, other in (sides, sides[::-1])
    )


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
