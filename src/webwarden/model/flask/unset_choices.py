"""Config choices read from the environment: which config a missing variable selects."""

from __future__ import annotations

import ast

from webwarden.analysis.environment import DeployTime
from webwarden.model.flask.references import Namer
from webwarden.model.scopes import parameter_defaults

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def unset_choice(namer: Namer, node: ast.expr) -> tuple[str, str] | None:
    """(variable, text) for a value read from the environment that is that text while
    the variable is unset: `os.getenv("FLASK_CONFIG") or "default"`,
    `os.environ.get("APP_ENV", "development")`."""
    value = namer.value(node)
    if isinstance(value, DeployTime) and isinstance(value.if_unset, str) and value.variables:
        return value.variables[0], value.if_unset
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
        # NOTE: `name or os.getenv("APP_ENV", "development")`: what a caller may hand
        # in, else the environment's choice.
        *given, last = node.values
        if all(isinstance(part, ast.Name) for part in given):
            return unset_choice(namer, last)
    return None


def mapping_key(namer: Namer, node: ast.expr | None) -> tuple[tuple[tuple[str, str], ...], str]:
    """For `from_object(configs[key])`: the (variable, key) pairs the key takes while a
    variable is unset, read here (the key itself, or what the function assigns the name
    it reads: `if name is None: name = os.getenv("FLASK_CONFIG", "development")`), and
    the key's parameter reference when the function is handed the key (its callers are
    read at the project step)."""
    if not isinstance(node, ast.Subscript):
        return (), ""
    key = node.slice
    found = [unset_choice(namer, key)]
    parameter = ""
    function = namer.ctx.scopes.enclosing_function(key)
    if isinstance(key, ast.Name) and isinstance(function, _FUNCTIONS):
        bound = namer.ctx.scopes.bindings(function).get(key.id) or []
        found += [unset_choice(namer, value) for value in bound]
        if key.id in _parameters(function):
            parameter = f"{namer.function_ref(function)}:{key.id}"
            default = parameter_defaults(function.args).get(key.id)
            found.append(unset_choice(namer, default) if default is not None else None)
    return tuple(dict.fromkeys(f for f in found if f is not None)), parameter


def unset_arguments(namer: Namer, call: ast.Call) -> tuple[tuple[str, str, str], ...]:
    """(position or keyword, variable, text) of each argument of `call` read from the
    environment with a text while unset (`create_app(os.getenv("FLASK_CONFIG") or
    "default")`). Only calls and `or` expressions are evaluated: a lookup is one."""
    given = [(str(i), a) for i, a in enumerate(call.args)]
    given += [(k.arg, k.value) for k in call.keywords if k.arg]
    return tuple(
        (place, *choice)
        for place, node in given
        if isinstance(node, ast.Call | ast.BoolOp) and (choice := unset_choice(namer, node))
    )


def _parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    arguments = function.args
    return {a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]}
