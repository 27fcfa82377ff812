"""A name Django found among a model's own fields: past `Model._meta.get_field(name)`.

`Options.get_field(name)` raises `FieldDoesNotExist` unless `name` is the name of a field
of that model itself: it follows no relation (`author__password` names no field) and
takes no lookup. Past a statement that calls it whatever happens (an `if`'s test, the
value assigned, the call itself), the name is one of the model's fields, as after
`if name in [f.name for f in Model._meta.get_fields()]`: a lookup built of it
(`f"{name}__icontains"`) compares that field of the model's own rows and reaches no
other model (`LOOKUPS`). Any field of the model still, so no check of which fields a
client may set (WW1114).
"""

from __future__ import annotations

import ast
import bisect

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.lower_expr import Scope
from webwarden.analysis.taint.lower_guards import always_evaluated
from webwarden.analysis.taint.specs import MODEL_FIELD
from webwarden.model.module import FileContext

_GET_FIELD = frozenset({"get_field"})


class FieldLookups:
    """The lines of a module's `<model>._meta.get_field` reads: `model_field_guards` finds
    a guard only in a call of one, so a statement spanning none of these lines has none
    (Django's own ORM names `get_field` in most of its modules, and walking every value
    assigned there was a twentieth of the lowering)."""

    def __init__(self, ctx: FileContext) -> None:
        self._ctx = ctx
        self._lines: list[int] | None = None

    def may_hold(self, value: ast.expr) -> bool:
        """Whether a `get_field` read may start on a line `value` spans."""
        lines = self._lines if self._lines is not None else self._find()
        if not lines:
            return False
        first = getattr(value, "lineno", None)
        if first is None:
            return True  # NOTE: a node the lowering made itself: walk it
        last = value.end_lineno or first
        at = bisect.bisect_left(lines, first)
        return at < len(lines) and lines[at] <= last

    def _find(self) -> list[int]:
        ctx = self._ctx
        reads = ctx.attributes(_GET_FIELD) if ctx.holds("get_field") else []
        self._lines = sorted(
            node.lineno
            for node in reads
            if isinstance(node.value, ast.Attribute) and node.value.attr == "_meta"
        )
        return self._lines


def model_field_guards(value: ast.expr, scope: Scope) -> tuple[ir.Guard, ...]:
    """The locals a statement evaluating `value` finds among a model's fields."""
    found: dict[str, ir.Guard] = {}
    for node in always_evaluated(value):
        name = _field_name(node, scope)
        if name is not None and name not in found:
            found[name] = ir.Guard(name, "call", MODEL_FIELD)
    return tuple(found.values())


def _field_name(node: ast.AST, scope: Scope) -> str | None:
    """The local `node` looks up as `<model>._meta.get_field(name)`."""
    if not isinstance(node, ast.Call) or len(node.args) != 1 or node.keywords:
        return None
    func, arg = node.func, node.args[0]
    if not (
        isinstance(func, ast.Attribute)
        and func.attr == "get_field"
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "_meta"
    ):
        return None
    return arg.id if isinstance(arg, ast.Name) and scope.is_local(arg.id) else None
