"""A settings module's own functions that set a setting by its name.

Some settings modules set every option through a helper of their own, which stores into
the module's namespace under the name it is given, usually after looking for an
environment variable of that name:

    def set_option(name, value):
        return _set_option(name, value, globals())

    def _set_option(name, value, context):
        context[name] = os.environ.get(name, value)

    set_option("SECURE_HSTS_SECONDS", 31536000)

`setters` finds them in one pass over the module's top-level functions: a function
stores by name when its body assigns `namespace[name] = ...` with `name` one of its
parameters and `namespace` `globals()` or another parameter, or hands both on to such a
function. The call `set_option("X", value)` is then read as `X = value`, decided at deploy
time by `$X` when the helper reads the environment.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

_ENVIRONMENT = frozenset({"environ", "getenv"})
_MAX_ROUNDS = 4
"""Helpers handing the name on to helpers: a chain this deep is followed."""


@dataclass(frozen=True, slots=True)
class Setter:
    """A module function storing into the module's namespace under a name it is given."""

    name_index: int
    """The position of the parameter giving the setting's name."""
    value_index: int | None
    """The position of the parameter giving its value, None when it takes none."""
    reads_environment: bool


@dataclass(frozen=True, slots=True)
class _Store:
    """A function stores under parameter `name` into parameter `namespace` (or, with
    `namespace` None, into `globals()`)."""

    name: int
    namespace: int | None


def setters(tree: ast.Module) -> dict[str, Setter]:
    """The module's functions that set a module global by the name they are given."""
    functions = {stmt.name: stmt for stmt in tree.body if isinstance(stmt, ast.FunctionDef)}
    if not functions:
        return {}
    stores: dict[str, set[_Store]] = {name: set() for name in functions}
    environment = {name: _reads_environment(f) for name, f in functions.items()}
    for name, function in functions.items():
        stores[name].update(_direct_stores(function))
    for _ in range(_MAX_ROUNDS):
        changed = False
        for name, function in functions.items():
            for callee, store in _handed_on(function, functions, stores):
                environment[name] = environment[name] or environment[callee]
                if store not in stores[name]:
                    stores[name].add(store)
                    changed = True
        if not changed:
            break
    found: dict[str, Setter] = {}
    for name, function in functions.items():
        module_store = next((s for s in stores[name] if s.namespace is None), None)
        if module_store is None:
            continue
        value_index = module_store.name + 1
        found[name] = Setter(
            module_store.name,
            value_index if value_index < len(_parameters(function)) else None,
            environment[name],
        )
    return found


def _parameters(function: ast.FunctionDef) -> list[str]:
    return [a.arg for a in function.args.args]


def _direct_stores(function: ast.FunctionDef) -> set[_Store]:
    parameters = _parameters(function)
    found: set[_Store] = set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if not (isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Name)):
                continue
            if target.slice.id not in parameters:
                continue
            name = parameters.index(target.slice.id)
            if _is_globals(target.value):
                found.add(_Store(name, None))
            elif isinstance(target.value, ast.Name) and target.value.id in parameters:
                found.add(_Store(name, parameters.index(target.value.id)))
    return found


def _handed_on(
    function: ast.FunctionDef,
    functions: dict[str, ast.FunctionDef],
    stores: dict[str, set[_Store]],
) -> list[tuple[str, _Store]]:
    """What `function` stores through the calls it makes of the module's storing
    functions, with the name and namespace it hands them."""
    parameters = _parameters(function)
    found: list[tuple[str, _Store]] = []
    for node in ast.walk(function):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        callee = node.func.id
        if callee not in functions or callee == function.name:
            continue
        for store in list(stores[callee]):
            name = _argument(node, store.name)
            if not (isinstance(name, ast.Name) and name.id in parameters):
                continue
            if store.namespace is None:
                found.append((callee, _Store(parameters.index(name.id), None)))
                continue
            namespace = _argument(node, store.namespace)
            if namespace is not None and _is_globals(namespace):
                found.append((callee, _Store(parameters.index(name.id), None)))
            elif isinstance(namespace, ast.Name) and namespace.id in parameters:
                found.append(
                    (callee, _Store(parameters.index(name.id), parameters.index(namespace.id)))
                )
    return found


def _argument(call: ast.Call, index: int) -> ast.expr | None:
    if index < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args):
        return call.args[index]
    return None


def _is_globals(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "globals"
        and not node.args
    )


def _reads_environment(function: ast.FunctionDef) -> bool:
    return any(
        isinstance(node, ast.Attribute) and node.attr in _ENVIRONMENT for node in ast.walk(function)
    )
