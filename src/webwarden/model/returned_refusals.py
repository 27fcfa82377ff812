"""A view handing back the refusal a check of its own returns: `response =
check_secret()` followed by `if response: return response`.

The check answers `None` for a request it lets through and the response refusing it
otherwise (`return jsonify(message="Unauthorized"), 401`); the view returns that
response before it does anything else."""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.model.tree import own_returns


def returned_call(statement: ast.stmt, following: list[ast.stmt]) -> ast.Call | None:
    """The call whose answer the view returns when it is set: `error = check()` and then
    `if error: return error` (or `if error is not None:`), or `if (error := check()):
    return error` alone; None for anything else."""
    if isinstance(statement, ast.If):
        test = statement.test
        if isinstance(test, ast.Compare) and _is_not_none(test):
            test = test.left
        match test:
            case ast.NamedExpr(target=ast.Name(id=name), value=ast.Call() as call):
                return call if _returns_when_set(statement, name) else None
        return None
    if not (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and isinstance(statement.value, ast.Call)
        and following
        and isinstance(following[0], ast.If)
    ):
        return None
    name = statement.targets[0].id
    return statement.value if _returns_when_set(following[0], name) else None


def _returns_when_set(statement: ast.If, name: str) -> bool:
    """`if name: return name` (or `if name is not None:`), with no `else`."""
    test = statement.test
    if isinstance(test, ast.Compare) and _is_not_none(test):
        test = test.left
    if isinstance(test, ast.NamedExpr):
        test = test.target
    match statement:
        case ast.If(body=[ast.Return(value=ast.Name(id=returned))], orelse=[]):
            return isinstance(test, ast.Name) and test.id == name == returned
    return False


def _is_not_none(test: ast.Compare) -> bool:
    return (
        len(test.ops) == 1
        and isinstance(test.ops[0], ast.IsNot)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    )


def returns_none_or(
    function: ast.FunctionDef | ast.AsyncFunctionDef, refusing: Callable[[ast.Return], bool]
) -> bool:
    """Whether every `return` of the function (not of functions it defines) gives
    `None`, or a refusal by `refusing` that is not a bare constant, and at least one
    refuses: a check whose answer
    is set only when it turns the request away."""
    returns = own_returns(function)
    given = [r for r in returns if not _none(r.value)]
    # NOTE: a bare constant (`return False` for a bad secret) is no response: `if
    # refused:` would let the caller through, or stop every caller (`return True`).
    return bool(given) and all(not isinstance(r.value, ast.Constant) and refusing(r) for r in given)


def _none(value: ast.expr | None) -> bool:
    return value is None or (isinstance(value, ast.Constant) and value.value is None)
