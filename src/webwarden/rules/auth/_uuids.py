"""Values that are `uuid.UUID` objects, which compare as numbers, not as text (WW744)."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_UUID_TYPES = frozenset({"uuid.UUID"})
_UUID_FIELDS = frozenset({"django.db.models.UUIDField", "django.db.models.fields.UUIDField"})
"""Django's model field whose value is a `uuid.UUID` (`to_python` and `from_db_value`
make one; PostgreSQL's `uuid` column or a 32-character `char` column holds it)."""
_ROW_METHODS = frozenset({"get", "first", "last", "earliest", "latest"})
"""Queryset methods that give one instance of the model: `Model.objects.get(...)`."""


def uuid_object(ctx: FileContext, node: ast.expr) -> bool:
    """`uuid.UUID(request.data["secret"])`, or a local assigned one: `UUID.__eq__` compares
    the two 128-bit integers (and is never equal to text), and an integer comparison
    stops only at a differing 30-bit digit, so how long it takes tells an attacker
    nothing he could build a guess on one character at a time. So is a `UUIDField` of a
    model the module defines, read off the instance (`self.token` in a method of the
    model, `Token.objects.get(...).token`, `get_object_or_404(Token, ...).token`, also
    through a local bound to one)."""
    value = ctx.lookup(node) if isinstance(node, ast.Name) else node
    if isinstance(value, ast.Call) and ctx.call_name(value) in _UUID_TYPES:
        return True
    if not isinstance(node, ast.Attribute):
        return False
    model = _instance_model(ctx, node)
    return model is not None and node.attr in _uuid_fields(model, ctx)


def _instance_model(ctx: FileContext, node: ast.Attribute) -> ast.ClassDef | None:
    """The class of the module `node.value` is an instance of: `self` in one of its
    methods, or one row of it (`Model.objects.get(...)`, `get_object_or_404(Model, ...)`,
    a local bound once to either)."""
    owner = node.value
    if isinstance(owner, ast.Name) and owner.id == "self":
        return next((a for a in ctx.ancestors(node) if isinstance(a, ast.ClassDef)), None)
    if isinstance(owner, ast.Name):
        bound = ctx.lookup(owner)
        owner = bound if isinstance(bound, ast.Call) else owner
    if not isinstance(owner, ast.Call):
        return None
    name = ctx.call_name(owner) or ""
    if name.endswith("get_object_or_404") and owner.args:
        return _module_class(ctx, owner.args[0])
    if not isinstance(owner.func, ast.Attribute) or owner.func.attr not in _ROW_METHODS:
        return None
    receiver: ast.expr = owner.func.value
    while isinstance(receiver, ast.Call | ast.Attribute):
        # NOTE: down the queryset chain: `Model.objects.filter(...).order_by(...)`.
        receiver = receiver.func if isinstance(receiver, ast.Call) else receiver.value
    return _module_class(ctx, receiver)


def _module_class(ctx: FileContext, node: ast.expr) -> ast.ClassDef | None:
    if not isinstance(node, ast.Name):
        return None
    return next(
        (s for s in ctx.tree.body if isinstance(s, ast.ClassDef) and s.name == node.id), None
    )


def _uuid_fields(model: ast.ClassDef, ctx: FileContext) -> frozenset[str]:
    """The attributes the class body declares as Django `UUIDField`s."""
    found: set[str] = set()
    for statement in model.body:
        if (
            isinstance(statement, ast.Assign)
            and isinstance(statement.value, ast.Call)
            and ctx.call_name(statement.value) in _UUID_FIELDS
        ):
            found.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    return frozenset(found)
