"""Functions declared to narrow a type: `def is_staff_request(request) ->
TypeIs[StaffRequest]` (PEP 742) or `-> TypeGuard[...]` (PEP 647).

A call of one in an `assert` is there for the type checker, as `assert isinstance(x, T)`
is: the project step (`declares_type_guard`) finds the function in the module that
defines it, following a module that only imports it from another.
"""

from __future__ import annotations

import ast

from webwarden.model.imported import MAX_HOPS, Modules, imported_name
from webwarden.model.module import FileContext

_GUARD_TYPES = frozenset({"TypeIs", "TypeGuard"})


def guard_function(ctx: FileContext, name: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The module's top-level function `name` (None when it defines none so named)."""
    for node in ctx.tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name:
            return node
    return None


def returns_type_guard(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the function's return annotation is `TypeIs[...]` or `TypeGuard[...]`
    (also `typing.TypeIs[...]`, `typing_extensions.TypeGuard[...]`, or as a string)."""
    returns = function.returns
    if isinstance(returns, ast.Constant) and isinstance(returns.value, str):
        try:
            returns = ast.parse(returns.value, mode="eval").body
        except SyntaxError:
            return False
    if not isinstance(returns, ast.Subscript):
        return False
    held = returns.value
    name = held.attr if isinstance(held, ast.Attribute) else getattr(held, "id", None)
    return name in _GUARD_TYPES


def called_guard(ctx: FileContext, call: ast.Call) -> str | None:
    """For a call of a function the module imports (`is_staff_request(request)`), its
    qualified name, to be judged by `declares_type_guard`; None for any other call."""
    return imported_name(ctx, call.func)


def declares_type_guard(read_module: Modules | None, qualified: str) -> bool:
    """Whether the project module defining `qualified` declares it to return `TypeIs` or
    `TypeGuard` (following re-exports up to `MAX_HOPS` modules)."""
    for _ in range(MAX_HOPS + 1):
        module, _, name = qualified.rpartition(".")
        ctx = read_module(module) if read_module is not None and module else None
        if ctx is None:
            return False
        function = guard_function(ctx, name)
        if function is not None:
            return returns_type_guard(function)
        further = ctx.names.aliases.get(name)
        if further is None:
            return False
        qualified = further
    return False
