"""Predicates of the app's own that hold only for a caller proving a shared secret, and
the views whose first act refuses a request one of them does not hold for.

`if not is_github_hook(request): return "", 401` in a webhook's view, with the check in
a helper module: `is_github_hook` answers `False` unless the signature of the body it
computes with the hook's secret matches the one sent (`hmac.compare_digest`), itself or
through a function of its module that does (`return signature_check(key, sent, body)`).
The view's module records which function it asks (`BodyFacts.checked_by`); the function's
module whether it is such a predicate (`FunctionFact.proves_caller`); the app model joins
the two, wherever each is defined.
"""

from __future__ import annotations

import ast

from webwarden.model.caller_checks import (
    SECURE_COMPARES,
    after_docstring,
    ends,
    unchanging_before_check,
)
from webwarden.model.module import FileContext
from webwarden.model.tree import own_returns

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_MAX_DEPTH = 3
_REQUEST = "flask.request"


def proves_caller(ctx: FileContext, function: ast.AST, depth: int = 0) -> bool:
    """Whether the function returns something true only after a constant-time
    comparison of secrets held: each of its `return`s gives a false constant (`False`,
    `None`, nothing), the result of such a comparison (`hmac.compare_digest(...)`), or
    the result of a call of a function of its module that is such a predicate; one at
    least does not give a constant."""
    if not isinstance(function, _FUNCTIONS) or depth > _MAX_DEPTH:
        return False
    if not ctx.mentions("compare"):
        return False  # NOTE: each of `SECURE_COMPARES` is named so; most modules name none
    proofs = 0
    for node in own_returns(function):
        value = node.value
        if value is None or (isinstance(value, ast.Constant) and not value.value):
            continue
        if not (isinstance(value, ast.Call) and _proving_call(ctx, value, depth)):
            return False
        proofs += 1
    return proofs > 0


def _proving_call(ctx: FileContext, call: ast.Call, depth: int) -> bool:
    if ctx.call_name(call) in SECURE_COMPARES:
        return True
    if not isinstance(call.func, ast.Name):
        return False
    helper = ctx.called_function(call.func)
    return helper is not None and proves_caller(ctx, helper, depth + 1)


def asked_predicate(ctx: FileContext, function: ast.AST) -> ast.expr | None:
    """The callee of `if not check(request): return ...` (or `abort(...)`, or `raise`)
    when that is the view's first act after its docstring: the function whose answer
    decides whether the view runs at all, handed what the request carries. Statements
    that change nothing may come first (`unchanging_before_check`: the site's config read,
    `hook_branch = _cfg("hook_branch")`, a branch answering `"ignored"` when it is unset,
    logging), also inside a `try` whose handlers leave the view."""
    if not isinstance(function, _FUNCTIONS):
        return None
    return _first_check(ctx, after_docstring(function.body), _MAX_DEPTH)


def _first_check(ctx: FileContext, body: list[ast.stmt], depth: int) -> ast.expr | None:
    for statement in body:
        if isinstance(statement, ast.If):
            asked = _refused_on(ctx, statement)
            if asked is not None:
                return asked
        if isinstance(statement, ast.Try) and depth > 0:
            handlers = [h.body for h in statement.handlers]
            if handlers and not statement.finalbody and all(ends(ctx, h) for h in handlers):
                return _first_check(ctx, statement.body, depth - 1)
        if not unchanging_before_check(ctx, statement):
            return None
    return None


def _refused_on(ctx: FileContext, statement: ast.If) -> ast.expr | None:
    """The callee of `check` in `if not check(request...): <leave>`."""
    if not ends(ctx, statement.body):
        return None
    test = statement.test
    if not (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)):
        return None
    call = test.operand
    if not isinstance(call, ast.Call):
        return None
    given = [*call.args, *(k.value for k in call.keywords)]
    if not any(_reads_request(ctx, node) for node in given):
        return None
    return call.func


def _reads_request(ctx: FileContext, node: ast.expr) -> bool:
    return any(isinstance(n, ast.expr) and ctx.qualified(n) == _REQUEST for n in ast.walk(node))
