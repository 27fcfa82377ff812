"""Which attributes of the project's models are numbers the database keeps.

A template writes `onclick="setDeposit({{ settings.default_deposit }})"`, where the
model declares `default_deposit = models.IntegerField()`: Django hands the template an
`int` (a `Decimal`, a `float`, a `bool`, or `None`), whose text holds no quote, `<`
or `\\` to end a string or start code. Read per class, as `markup_methods` reads escaped
properties: any other attribute of that name (a text field, a property, a method) may
hold anything, and vetoes it.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_MODELS = "django.db.models."
NUMBER_FIELDS = frozenset(
    {
        "IntegerField", "SmallIntegerField", "BigIntegerField", "PositiveIntegerField",
        "PositiveSmallIntegerField", "PositiveBigIntegerField", "AutoField", "BigAutoField",
        "SmallAutoField", "FloatField", "DecimalField", "BooleanField", "NullBooleanField",
    }
)  # fmt: skip
"""Django's model fields whose values are numbers or booleans."""


def number_attributes(ctx: FileContext) -> tuple[tuple[str, bool], ...]:
    """(name, whether it is a number field) for each attribute the classes of a Django
    module define; a name defined twice is a number only if both are."""
    if not ctx.names.imports("django"):
        return ()
    found: dict[str, bool] = {}
    for node in ctx.nodes(ast.ClassDef):
        if not isinstance(node, ast.ClassDef):
            continue
        for name, number in _class_attributes(ctx, node):
            found[name] = found.get(name, True) and number
    return tuple(found.items())


def _class_attributes(ctx: FileContext, node: ast.ClassDef) -> list[tuple[str, bool]]:
    found: list[tuple[str, bool]] = []
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            found.append((statement.name, False))
        elif isinstance(statement, ast.Assign | ast.AnnAssign):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            number = _number_field(ctx, statement.value)
            found.extend((t.id, number) for t in targets if isinstance(t, ast.Name))
    return found


def _number_field(ctx: FileContext, value: ast.expr | None) -> bool:
    if not isinstance(value, ast.Call):
        return False
    name = ctx.call_name(value) or ""
    return name.startswith(_MODELS) and name.removeprefix(_MODELS) in NUMBER_FIELDS
