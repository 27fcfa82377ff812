"""Methods of a project class that return a queryset: `self.pending_holds().update(...)`.

A model often names a query it runs in several places (`def pending_holds(self): return
self.hold_set.filter(released__isnull=True)`) and changes its rows through it (`def
release(self): self.pending_holds().update(released=now())`). The method's name tells
nothing of a query, so `update()` on what it returns would read as a dict's: the method's
every `return` tells instead.
"""

from __future__ import annotations

from collections.abc import Callable

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import Located, ProjectIndex
from webwarden.analysis.writes.calls import split

_CHAINED = frozenset(
    {"filter", "exclude", "all", "order_by", "distinct", "select_related",
     "prefetch_related", "only", "defer", "select_for_update", "annotate", "reverse"}
)  # fmt: skip
"""Manager and queryset methods that give back a queryset of the same rows."""


def _queryset(value: ir.Expr | None, held: set[str]) -> bool:
    """Whether an expression is a Django queryset: a chain of `_CHAINED` calls on a
    manager (`Hold.objects`), a reverse relation's (`self.hold_set`), or a local holding
    such a queryset."""
    if not isinstance(value, ir.Call):
        return isinstance(value, ir.Local) and value.name in held
    receiver, method = split(value)
    if method not in _CHAINED or not receiver:
        return False
    if isinstance(value.func, ir.Attr) and _queryset(value.func.value, held):
        return True
    plain = [part for part in receiver if part not in {"()", "[]"}]
    return plain[-1:] == ["objects"] or plain[-1].endswith("_set") or plain[0] in held


def returns_queryset(function: ir.Function) -> bool:
    """Whether every `return` of a function gives a queryset (and it has one)."""
    held: set[str] = set()
    returned = False
    for statement in ir.statements(function.body):
        match statement:
            case ir.Assign(targets=(ir.TName(name=name),), value=value):
                if _queryset(value, held):
                    held.add(name)
                else:
                    held.discard(name)
            case ir.Return(value=value):
                if not _queryset(value, held):
                    return False
                returned = True
    return returned


def queryset_methods(
    function: ir.Function, index: ProjectIndex, body: Callable[[Located], ir.Function | None]
) -> frozenset[str]:
    """The methods of the function's class it calls on `self` and whose result it
    updates (`self.pending_holds().update(...)`), when they return a queryset (`body`
    gives a method's lowered body)."""
    owner = function.owner
    if not owner:
        return frozenset()
    found: set[str] = set()
    for node in ir.walk(function.body):
        if not isinstance(node, ir.Call) or split(node)[1] != "update":
            continue
        receiver = split(node)[0]
        if len(receiver) != 3 or receiver[0] != "self" or receiver[2] != "()":
            continue
        method = index.method(owner, receiver[1])
        lowered = body(method) if method is not None else None
        if lowered is not None and returns_queryset(lowered):
            found.add(receiver[1])
    return frozenset(found)
