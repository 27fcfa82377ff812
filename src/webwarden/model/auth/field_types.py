"""The kind of value a class member is declared to hold: a password-named member that
holds no text (`change_password = models.BooleanField()`) is a flag or a date about a
password, never the password itself."""

from __future__ import annotations

import ast

from webwarden.model.names import last_name

_NO_TEXT_FIELDS = frozenset(
    {"BooleanField", "NullBooleanField", "IntegerField", "SmallIntegerField", "BigIntegerField"}
    | {"PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField"}
    | {"FloatField", "DecimalField", "DateField", "DateTimeField", "TimeField", "DurationField"}
    | {"IntField", "LongField", "BooleanProperty", "IntegerProperty", "DateTimeProperty"}
)
"""Field classes of Django, MongoEngine and Google's ndb holding numbers, truths or dates."""
_NO_TEXT_COLUMNS = frozenset(
    {"Boolean", "Integer", "SmallInteger", "BigInteger", "Float", "Numeric", "DateTime"}
    | {"Date", "Time", "Interval"}
)
"""SQLAlchemy column types holding numbers, truths or dates (`Column(db.Boolean)`)."""
_COLUMN_CALLS = frozenset({"Column", "mapped_column"})
_NO_TEXT_ANNOTATIONS = frozenset(
    {"bool", "int", "float", "Decimal", "datetime", "date", "time", "timedelta"}
)
_ANNOTATION_WRAPPERS = frozenset({"Mapped", "Optional", "None", "ClassVar"})


def holds_no_text(statement: ast.stmt) -> bool:
    """Whether a class body's assignment declares a member holding no text: a boolean,
    number or date field (`models.BooleanField(default=False)`, `Column(db.Boolean)`),
    or an annotation naming such a type (`must_change: Mapped[bool]`, `flag: bool =
    Field(default=False)`)."""
    if isinstance(statement, ast.AnnAssign) and _no_text_annotation(statement.annotation):
        return True
    value = statement.value if isinstance(statement, ast.Assign | ast.AnnAssign) else None
    if not isinstance(value, ast.Call):
        return False
    called = last_name(value.func)
    if called in _NO_TEXT_FIELDS:
        return True
    if called not in _COLUMN_CALLS:
        return False
    # NOTE: `Column("must_change", Boolean)`: the column's own name may come first.
    kinds = [a for a in value.args if not isinstance(a, ast.Constant)]
    if not kinds:
        return False
    kind = kinds[0].func if isinstance(kinds[0], ast.Call) else kinds[0]
    return last_name(kind) in _NO_TEXT_COLUMNS


def _no_text_annotation(annotation: ast.expr) -> bool:
    named = set(_type_names(annotation)) - _ANNOTATION_WRAPPERS
    return bool(named) and named <= _NO_TEXT_ANNOTATIONS


def _type_names(node: ast.expr) -> list[str]:
    """The types an annotation names, wrappers included (`Mapped[bool | None]` ->
    `Mapped`, `bool`, `None`); a string annotation counts as the name it holds."""
    if isinstance(node, ast.Subscript):
        return [*_type_names(node.value), *_type_names(node.slice)]
    if isinstance(node, ast.BinOp):
        return [*_type_names(node.left), *_type_names(node.right)]
    if isinstance(node, ast.Tuple):
        return [name for item in node.elts for name in _type_names(item)]
    if isinstance(node, ast.Constant):
        return [node.value if isinstance(node.value, str) else "None"]
    return [last_name(node)]
