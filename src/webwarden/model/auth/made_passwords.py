"""`authenticate()` handed a password the function made itself, not one a user typed."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_DEPTH = 3
"""How many locals deep the making of the password is followed."""


def password_made_here(ctx: FileContext, call: ast.Call) -> bool:
    """Whether `authenticate(username=..., password=password)` is handed a local that
    every assignment in its function makes from nothing the function was given (no
    parameter: not the request, not `self`): `username = password = prefix +
    uuid.uuid4().hex` in a test-only view that creates a user and logs it in. No one
    types that password, so the call is no login entry point."""
    given = next((k.value for k in call.keywords if k.arg == "password"), None)
    function = ctx.scopes.enclosing_function(call)
    if not isinstance(given, ast.Name) or not isinstance(function, _Function):
        return False
    arguments = function.args
    extra = [x for x in (arguments.vararg, arguments.kwarg) if x is not None]
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, *extra]
    parameters = {a.arg for a in every}
    return _made(given.id, function, parameters, _DEPTH)


def _made(name: str, function: _Function, parameters: set[str], depth: int) -> bool:
    if name in parameters or depth == 0:
        return False
    values = _assigned(name, function)
    if not values:
        return False
    return all(
        _made(read.id, function, parameters, depth - 1)
        if _is_local(read.id, function)
        else read.id not in parameters
        for value in values
        for read in ast.walk(value)
        if isinstance(read, ast.Name)
    )


def _assigned(name: str, function: _Function) -> list[ast.expr]:
    """The values every binding of `name` in the function gives it, or [] when one
    binding is not a plain assignment (a loop variable, `+=`, unpacking)."""
    values: list[ast.expr] = []
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
            owner = _assignment_of(node, function)
            if owner is None:
                return []
            values.append(owner.value)
    return values


def _assignment_of(target: ast.Name, function: _Function) -> ast.Assign | None:
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and any(t is target for t in node.targets):
            return node
    return None


def _is_local(name: str, function: _Function) -> bool:
    return any(
        isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store)
        for node in ast.walk(function)
    )
