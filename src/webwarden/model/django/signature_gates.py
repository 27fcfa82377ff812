"""Whether a view decorator's wrapper lets a request through to the view only once an
HMAC signature of what was sent matches: `@mailgun_verify`, whose wrapper reads the
posted form or the JSON body into a local and calls the view only `if _verify(data)`,
`_verify` comparing the signature sent with an `hmac.new(key, ...)` digest.

A page on another site can post a form, but not sign it with the provider's key: the
view behind such a gate is the provider's to call, as one checking a header credential.
"""

from __future__ import annotations

import ast

from webwarden.model.auth.hmac_keys import HMAC_CALLS
from webwarden.model.caller_checks import SECURE_COMPARES, after_docstring
from webwarden.model.module import FileContext
from webwarden.model.names import last_name

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_READS = frozenset({"loads", "decode", "get", "getlist"})
"""Calls that only read what was sent (`json.loads(request.body.decode())`)."""


def signature_gated(ctx: FileContext, wrapper: _Function, view: str) -> bool:
    """Whether `wrapper` (of a decorator given the view as `view`), after only reading
    what was sent into locals, refuses unless an HMAC check holds: `if check(...):
    return view(...)` with a refusal in `else`, or `if not check(...): return ...`."""
    body = after_docstring(wrapper.body)
    for index, statement in enumerate(body):
        if isinstance(statement, ast.If) and _hmac_checked(ctx, statement.test):
            test = statement.test
            if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
                return _refuses(statement.body, view)
            ends = bool(statement.body) and isinstance(statement.body[-1], ast.Return)
            # NOTE: `if check(...): return view(request)` then the refusal after it
            rest = body[index + 1 :] if ends and not statement.orelse else statement.orelse
            return _refuses(rest, view)
        if not _reads_only(statement, view):
            return False
    return False


def _hmac_checked(ctx: FileContext, test: ast.expr) -> bool:
    """A test calling a secure comparison, or a function of the module that compares
    with an HMAC it computes."""
    for node in ast.walk(test):
        if not isinstance(node, ast.Call):
            continue
        if ctx.call_name(node) in SECURE_COMPARES:
            return True
        helper = ctx.called_function(node.func) if isinstance(node.func, ast.Name) else None
        if helper is not None and _compares_hmac(ctx, helper):
            return True
    return False


def _compares_hmac(ctx: FileContext, function: _Function) -> bool:
    nodes = list(ast.walk(function))
    makes = any(isinstance(n, ast.Call) and ctx.call_name(n) in HMAC_CALLS for n in nodes)
    compares = any(
        (isinstance(n, ast.Call) and ctx.call_name(n) in SECURE_COMPARES)
        or (isinstance(n, ast.Compare) and any(isinstance(o, ast.Eq | ast.NotEq) for o in n.ops))
        for n in nodes
    )
    return makes and compares


def _reads_only(statement: ast.stmt, view: str) -> bool:
    """An assignment, or a branch of assignments, calling nothing but readers."""
    if isinstance(statement, ast.If):
        return all(_reads_only(s, view) for s in (*statement.body, *statement.orelse))
    if not isinstance(statement, ast.Assign):
        return False
    return all(
        last_name(n.func) in _READS and last_name(n.func) != view
        for n in ast.walk(statement)
        if isinstance(n, ast.Call)
    )


def _refuses(branch: list[ast.stmt], view: str) -> bool:
    """A branch that ends the request without calling the view."""
    calls_view = any(
        isinstance(n, ast.Call) and last_name(n.func) == view for s in branch for n in ast.walk(s)
    )
    return bool(branch) and isinstance(branch[-1], ast.Return | ast.Raise) and not calls_view
