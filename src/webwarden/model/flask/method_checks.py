"""Whether a method of a project class checks the visitor's right before it stores.

A view may build an object of one of the project's classes and call a method of it
(`Page(path).save(text)`, or `page = Page(path)` then `page.rename(new)`) whose first act
turns the request away as unauthorised: `if not has_permission("WRITE"): abort(403)`. The
module step reads each method once (`leading_check`): whether its leading statements
refuse so, and which calls they make before any statement that may store; the project
step (`guard_functions.checking_methods`) follows those calls on `self`, and those of the
project's permission checks, to tell which methods check first.

The leading statements are those before the first that may store: a local name bound
(taken as a read, whatever it calls), a test whose branches do no more or leave
(`abort(404)`), a bare `pass`, and calls the project step shows to check or to store
nothing (`self.check_if_enabled()`, a method answering 404 when a feature is off). Any
other call (`store.write(path, text)`) may store before anything after it checks.
"""

from __future__ import annotations

import ast

from webwarden.analysis.taint.specs import ABORTS
from webwarden.model.caller_checks import LOG_LEVELS, after_docstring
from webwarden.model.flask.references import Namer
from webwarden.model.flask.view_body import refuses_anonymous

SELF_CALL = "self."
"""How `FunctionFact.first_calls` writes a call of a method on `self` (`self.rename`)."""
_MAX_CALLS = 8
"""Leading calls kept, at most: the project step stops at the first that may store."""


def leading_check(
    namer: Namer, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> tuple[bool, tuple[tuple[str, bool], ...]]:
    """Whether the method's leading statements turn the request away as unauthorised
    (or turn away the visitor the session does not name), and the calls they make
    before, in order, each with whether its answer is bound to a local name (taken as a
    read): `self.<method>` for a method called on `self`, else the callee's reference.
    The project step reads the calls in order: one it cannot show to check, to store
    nothing or to read (its answer kept) ends the leading statements there."""
    calls: list[tuple[str, bool]] = []
    for statement in after_docstring(function.body):
        if _refuses(namer, statement):
            return True, tuple(calls)
        call = _called(statement)
        if call is not None and not _leaves(namer, call):
            if not _logs(call.func):
                kept = isinstance(statement, ast.Assign | ast.AnnAssign)
                calls.append((_callee(namer, call.func), kept))
            if isinstance(statement, ast.Return) or len(calls) >= _MAX_CALLS:
                break
            continue
        if call is None and not _inert(namer, statement):
            break
    return refuses_anonymous(namer.ctx, function), tuple(calls)


def _refuses(namer: Namer, statement: ast.stmt) -> bool:
    """`if not may("write"): abort(403)` (the refusal anywhere in a branch), `with
    permission.require():`, a bare `abort(403)` or `raise Forbidden()`."""
    if isinstance(statement, ast.If):
        branches = [*statement.body, *statement.orelse]
        return any(namer.refuses(node) for branch in branches for node in ast.walk(branch))
    if isinstance(statement, ast.With | ast.AsyncWith):
        return any(namer.refuses(item.context_expr) for item in statement.items)
    if isinstance(statement, ast.Raise):
        return statement.exc is not None and namer.refuses(statement.exc)
    if isinstance(statement, ast.Expr):
        return namer.refuses(statement.value)
    if isinstance(statement, ast.Return):
        value = statement.value
        return namer.refuses(statement) or (value is not None and namer.refuses(value))
    return False


def _called(statement: ast.stmt) -> ast.Call | None:
    """The call a statement makes as a whole: `self.check()`, `return self.rename(new)`,
    `page = self.load()` binding a local name."""
    if isinstance(statement, ast.Assign):
        held = all(map(_local, statement.targets))
    elif isinstance(statement, ast.AnnAssign):
        held = _local(statement.target)
    else:
        held = isinstance(statement, ast.Expr | ast.Return)
    value = getattr(statement, "value", None) if held else None
    return value if isinstance(value, ast.Call) else None


def _callee(namer: Namer, func: ast.expr) -> str:
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return SELF_CALL + func.attr if func.value.id == "self" else namer.ref(func) or ""
    return namer.ref(func) or ""


def _leaves(namer: Namer, call: ast.Call) -> bool:
    """`abort(400)`: the request ends there, with nothing stored."""
    return namer.ctx.call_name(call) in ABORTS


def _logs(func: ast.expr) -> bool:
    """`logger.info(...)`: a call that only logs, which may come before the check."""
    return isinstance(func, ast.Attribute) and func.attr in LOG_LEVELS


def _inert(namer: Namer, statement: ast.stmt) -> bool:
    """Whether the statement stores nothing before the check: `pass`, a constant, a local
    name bound to what no call makes, a test whose branches do no more, or leave by
    `abort(404)`, `raise` or a `return` of what no call makes."""
    if isinstance(statement, ast.Pass | ast.Raise):
        return True
    if isinstance(statement, ast.Expr | ast.Return):
        value = statement.value
        if isinstance(value, ast.Call):
            return _leaves(namer, value)
        return value is None or isinstance(value, ast.Constant) or not _calls(value)
    if isinstance(statement, ast.Assign | ast.AnnAssign | ast.AugAssign):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        value = statement.value
        return all(map(_local, targets)) and (value is None or not _calls(value))
    if isinstance(statement, ast.If):
        # NOTE: a test reads (`if not page.exists(): abort(404)`), whatever it calls.
        return all(_inert(namer, s) for s in [*statement.body, *statement.orelse])
    return False


def _local(target: ast.expr) -> bool:
    if isinstance(target, ast.Tuple | ast.List):
        return all(map(_local, target.elts))
    return isinstance(target, ast.Name)


def _calls(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) for n in ast.walk(node))
