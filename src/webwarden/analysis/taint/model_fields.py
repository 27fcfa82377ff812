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

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.lower_expr import Scope
from webwarden.analysis.taint.lower_guards import always_evaluated
from webwarden.analysis.taint.specs import MODEL_FIELD


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
