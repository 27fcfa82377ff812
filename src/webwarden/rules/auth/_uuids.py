"""Values that are `uuid.UUID` objects, which compare as numbers, not as text (WW744)."""

from __future__ import annotations

import ast

from webwarden.findings import Finding
from webwarden.model.imported import imported_name, project_class
from webwarden.model.project import ProjectModel
from webwarden.rules.context import FileContext

TAG = "compared-model-field:"
"""Tag of a comparison one side of which is a field read off an instance of a model
imported from another module, followed by the model's qualified name, `:` and the
field's name."""

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
    model = _module_class(ctx, _instance_model(ctx, node))
    return model is not None and node.attr in _uuid_fields(model, ctx)


def imported_field_tag(ctx: FileContext, sides: tuple[ast.expr, ...]) -> tuple[str, ...]:
    """The tag naming a field read off a row of a model imported from another module
    (`get_object_or_404(Event, pk=pk).token` after `from events.models import Event`):
    one file cannot see the model's fields; the project step reads them
    (`refuted_by_uuid_field`). () when no side is such a field."""
    for side in sides:
        if not isinstance(side, ast.Attribute):
            continue
        model = _instance_model(ctx, side)
        qualified = imported_name(ctx, model) if isinstance(model, ast.expr) else None
        if qualified is not None:
            return (f"{TAG}{qualified}:{side.attr}",)
    return ()


def refuted_by_uuid_field(finding: Finding, project: ProjectModel) -> bool:
    """A tagged comparison whose model, a class of the project, declares the field a
    Django `UUIDField`."""
    for tag in finding.tags:
        if not tag.startswith(TAG):
            continue
        qualified, _, field = tag.removeprefix(TAG).rpartition(":")
        found = project_class(project.read_module, qualified)
        if found is not None and field in _uuid_fields(found[1], found[0]):
            return True
    return False


def _instance_model(ctx: FileContext, node: ast.Attribute) -> ast.ClassDef | ast.expr | None:
    """The class `node.value` is an instance of: `self` in one of its methods (the
    class itself), or one row of it (`Model.objects.get(...)`, `get_object_or_404(Model,
    ...)`, a local bound once to either: the expression naming the model)."""
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
        return owner.args[0]
    if not isinstance(owner.func, ast.Attribute) or owner.func.attr not in _ROW_METHODS:
        return None
    receiver: ast.expr = owner.func.value
    while isinstance(receiver, ast.Call | ast.Attribute):
        # NOTE: down the queryset chain: `Model.objects.filter(...).order_by(...)`.
        receiver = receiver.func if isinstance(receiver, ast.Call) else receiver.value
    return receiver


def _module_class(ctx: FileContext, node: ast.AST | None) -> ast.ClassDef | None:
    if isinstance(node, ast.ClassDef):
        return node
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
