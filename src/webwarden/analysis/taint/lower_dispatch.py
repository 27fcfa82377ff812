"""Lowering a call through a table of functions as a call of each (`dispatch_tables`).

`ACTIONS[name](request)` becomes the lookup (kept, as `ir.Clean`, for what it reads)
and then one call per function the table holds, with the same arguments: a
`ir.Union(dispatch=True)`, which the taint interpreter joins and the writes analysis
walks like any other calls. So does a local bound once to such a lookup
(`handler = HANDLERS.get(kind, export_json)`, then `handler(request)`), and
`getattr(self, "do_" + action)(request)` in a method: a call of each method of the
class (as written in this module, with those of its bases written here) whose name
starts with the fixed text, through `self`, so a subclass's override is the one run.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TYPE_CHECKING

from webwarden.analysis.dispatch_tables import (
    Entries,
    local_table,
    looked_up,
    pick_shaped,
    prefixed_getattr,
)
from webwarden.analysis.taint import ir

if TYPE_CHECKING:
    from webwarden.analysis.taint.lower_expr import Scope

Lower = Callable[[ast.expr, "Scope"], ir.Expr]


def picked_functions(func: ast.expr, scope: Scope, lower: Lower) -> list[ir.Expr] | None:
    """What a call of `func` may run, when `func` picks from a known table or by a fixed
    prefix (see the module); None otherwise."""
    picked = _picked(func, scope, lower) if pick_shaped(func) else None
    if picked is not None or not isinstance(func, ast.Name) or not scope.is_local(func.id):
        return picked
    tables = scope.dispatch_tables
    if tables is not None and not tables.may_pick(func.id):
        return None
    assignments = scope.assignments(func.id)
    if assignments is None or len(assignments) != 1:
        return None
    return _picked(assignments[0].value, scope, lower)


def _picked(func: ast.expr, scope: Scope, lower: Lower) -> list[ir.Expr] | None:
    tables = scope.dispatch_tables
    module_table: Callable[[str], Entries | None] = (
        (lambda name: None if _shadowed(name, scope) else tables.table(name))
        if tables is not None and not scope.is_module
        else (lambda name: None)
    )
    lookup = looked_up(func, module_table, lambda name: _local(name, scope))
    if lookup is not None:
        within = scope if lookup.local else _module_scope(scope)
        picked = [lower(entry, within) for entry in lookup.entries]
        if lookup.default is not None:
            picked.append(lower(lookup.default, scope))
        return picked
    prefixed = prefixed_getattr(func)
    if prefixed is None or not scope.receiver or prefixed.receiver != scope.receiver:
        return None
    if not scope.is_local(prefixed.receiver):
        return None
    named = sorted(filter(prefixed.names, scope.methods))
    if not named:
        return None
    receiver = lower(ast.Name(prefixed.receiver, ast.Load()), scope)
    assert isinstance(receiver, ir.Local)  # noqa: S101 - `is_local` above
    methods: list[ir.Expr] = [scope.attribute(receiver, method) for method in named]
    if prefixed.default is not None:
        methods.append(lower(prefixed.default, scope))
    return methods


def _shadowed(name: str, scope: Scope) -> bool:
    """Whether the function reads `name` as its own or its closure's, not the module's."""
    return scope.is_local(name) or (name in scope.enclosing and name not in scope.declared_global)


def _local(name: str, scope: Scope) -> Entries | None:
    if scope.is_module or not scope.is_local(name):
        return None
    return local_table(name, scope.assignments(name), scope.own_nodes())


def _module_scope(scope: Scope) -> Scope:
    """A scope reading names as the module body does: a module-level table's functions
    are the module's, whatever the calling function names its locals."""
    # NOTE: imported here: `lower_expr` imports this module.
    from webwarden.analysis.taint.lower_expr import Scope

    return Scope(
        qualname=scope.qualname,
        module=scope.module,
        locals=frozenset(),
        enclosing=frozenset(),
        declared_global=frozenset(),
        aliases=scope.aliases,
        module_names=scope.module_names,
        position=scope.position,
        shared=scope.shared,
    )
