"""Which class attributes SQLAlchemy, Flask-SQLAlchemy, SQLModel and Peewee declare as
columns of numbers, booleans, UUIDs or dates.

A Flask model writes `id = db.Column(db.Integer, primary_key=True)`, `active =
Column("is_active", Boolean)`, `price = sa.Column(sa.Numeric(10, 2))` or, with
SQLAlchemy 2.0's typed mapping, `seats: Mapped[int] = mapped_column()`; SQLModel
annotates its table model's fields (`age: int | None = Field(default=None)`), Peewee
calls its field classes (`likes = IntegerField()`). What the template reads from such an
instance is the Python value the column's type hands back: an `int`, a `bool`, a
`Decimal`, a `float`, a `uuid.UUID` or `None` (the type's `TypeEngine[...]` parameter in
`sqlalchemy.sql.sqltypes`), whose text holds no space, quote or `<`; a date type's is
a `datetime`, `date`, `time` or `timedelta`. An `Enum` of literal values holds one of
those values. The column and type classes are named by their last name
(`db.Integer`, `sa.types.Integer`, `Integer()`): Flask-SQLAlchemy hands them on as
attributes of a `db` object the models import from the application.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.templates.inert_reads import PLAIN_WORDS

ORM_MODULES = (
    "sqlalchemy",
    "flask_sqlalchemy",
    "sqlmodel",
    "peewee",
    "playhouse",
    "flask_appbuilder",
    "flask_security",
    "wtforms",
    "flask_wtf",
)
"""Modules whose import tells that the module may declare ORM models, or forms: a
WTForms form's `votes = IntegerField()` is a field object, whose text is an `<input>`
tag, and vetoes the name as a model's column of it would not (as Django's forms, read
with its models, veto theirs)."""
COLUMN_CALLS = frozenset({"Column", "mapped_column"})
"""SQLAlchemy's column constructors: `Column(name?, type?, ...)`, `mapped_column(...)`."""
NUMBER_TYPES = frozenset(
    {
        "Integer", "SmallInteger", "BigInteger", "Numeric", "Float", "Double", "Boolean",
        "Uuid", "INTEGER", "SMALLINT", "BIGINT", "NUMERIC", "DECIMAL", "FLOAT", "REAL",
        "DOUBLE", "DOUBLE_PRECISION", "BOOLEAN", "UUID", "TINYINT", "MEDIUMINT",
        "UNIQUEIDENTIFIER",
    }
)  # fmt: skip
"""SQLAlchemy's types (and its MySQL and SQL Server dialects' integer and UUID types)
whose values are `int`, `Decimal`, `float`, `bool` or `uuid.UUID`. Not `BIT` (a boolean
on SQL Server, a bit string elsewhere), nor `MONEY` (PostgreSQL's is text with a
currency sign)."""
DATE_TYPES = frozenset(
    {
        "DateTime", "Date", "Time", "Interval", "DATETIME", "DATE", "TIME", "INTERVAL",
        "DATETIME2", "SMALLDATETIME",
    }
)  # fmt: skip
"""SQLAlchemy's types whose values are dates, times or durations (not `TIMESTAMP`, a
binary row version on SQL Server)."""
ENUM_TYPE = "Enum"
PEEWEE_MODULES = ("peewee.", "playhouse.")
PEEWEE_NUMBER_FIELDS = frozenset(
    {
        "IntegerField", "BigIntegerField", "SmallIntegerField", "AutoField", "BigAutoField",
        "IdentityField", "PrimaryKeyField", "FloatField", "DoubleField", "DecimalField",
        "BooleanField", "UUIDField", "BinaryUUIDField", "BitField",
    }
)  # fmt: skip
"""Peewee's fields whose values are numbers, booleans or UUIDs."""
PEEWEE_DATE_FIELDS = frozenset({"DateTimeField", "DateField", "TimeField", "TimestampField"})
NUMBER_ANNOTATIONS = frozenset({"int", "float", "bool", "Decimal", "UUID"})
"""The Python types a `Mapped[...]` or a SQLModel field names for such a column."""
DATE_ANNOTATIONS = frozenset({"datetime", "date", "time", "timedelta"})
SQLMODEL_BASES = frozenset({"sqlmodel.SQLModel", "sqlmodel.main.SQLModel"})


def orm_module(ctx: FileContext) -> bool:
    """Whether the module may declare ORM models or forms: it imports one, or a line of it
    calls a column constructor (`db.Column(` or `db.mapped_column(`, the `db` imported
    from the application), as `extract._sqlalchemy_models` reads it."""
    if any(ctx.names.imports(module) for module in ORM_MODULES):
        return True
    return ctx.holds("Column(") or ctx.holds("mapped_column(")


def sqlmodel_class(ctx: FileContext, node: ast.ClassDef) -> bool:
    """`class Hero(SQLModel, table=True)`: its annotated attributes are columns."""
    return any(ctx.qualified(base) in SQLMODEL_BASES for base in node.bases)


def column_kind(
    ctx: FileContext, statement: ast.Assign | ast.AnnAssign, sqlmodel: bool
) -> tuple[bool, bool] | None:
    """(whether a number, whether a date) of an ORM column the statement declares, None
    when it declares none. `sqlmodel`: the class is a SQLModel, whose annotation is the
    column's type."""
    value = statement.value
    kind = call_kind(ctx, value) if isinstance(value, ast.Call) else None
    if kind is not None or not isinstance(statement, ast.AnnAssign):
        return kind
    annotation = statement.annotation
    match annotation:
        case ast.Subscript(value=ast.Name(id="Mapped") | ast.Attribute(attr="Mapped")):
            annotation = annotation.slice
        case _ if not sqlmodel:
            return None
    return (
        annotation_names(annotation, NUMBER_ANNOTATIONS),
        annotation_names(annotation, DATE_ANNOTATIONS),
    )


def call_kind(ctx: FileContext, call: ast.Call) -> tuple[bool, bool] | None:
    """(whether a number, whether a date) of the column a call makes (`Column(Integer)`,
    `mapped_column("n", sa.Numeric(10, 2))`, `peewee.IntegerField()`); None when it makes
    none, or a `mapped_column()` naming no type (its annotation tells)."""
    name = _last_name(call.func)
    if name in COLUMN_CALLS:
        column_type = _column_type(call)
        if column_type is None:
            return None
        type_name = _last_name(
            column_type.func if isinstance(column_type, ast.Call) else column_type
        )
        if type_name == ENUM_TYPE and isinstance(column_type, ast.Call):
            return _literal_enum(column_type), False
        return type_name in NUMBER_TYPES, type_name in DATE_TYPES
    qualified = ctx.call_name(call) or ""
    if qualified.startswith(PEEWEE_MODULES):
        field = qualified.rpartition(".")[2]
        return field in PEEWEE_NUMBER_FIELDS, field in PEEWEE_DATE_FIELDS
    return None


def _column_type(call: ast.Call) -> ast.expr | None:
    """The type handed to a column constructor: its first positional argument, or the
    second when the first is the column's name, or `type_=`; None for none (a
    `ForeignKey` or `Sequence` argument is not a type, and `mapped_column()` may name
    none)."""
    for keyword in call.keywords:
        if keyword.arg == "type_":
            return keyword.value
    arguments = list(call.args)
    if arguments and isinstance(arguments[0], ast.Constant) and isinstance(arguments[0].value, str):
        arguments = arguments[1:]
    if not arguments:
        return None
    first = arguments[0]
    called = first.func if isinstance(first, ast.Call) else first
    if _last_name(called) in {"ForeignKey", "Sequence", "Identity", "Computed"}:
        return None
    return first


def _literal_enum(call: ast.Call) -> bool:
    """`Enum("admin", "member", name="role")`: every value a plain word. An `Enum` of a
    Python enum class hands back its members, which this does not follow."""
    return bool(call.args) and all(
        isinstance(a, ast.Constant)
        and isinstance(a.value, str)
        and a.value
        and PLAIN_WORDS.fullmatch(a.value) is not None
        for a in call.args
    )


def annotation_names(annotation: ast.expr, names: frozenset[str]) -> bool:
    """Whether the annotation names one of `names`, maybe or `None`: `int`, `uuid.UUID`,
    `int | None`, `Optional[Decimal]`."""
    match annotation:
        case ast.BinOp(op=ast.BitOr(), left=left, right=right):
            sides = [left, right]
            if not any(annotation_names(side, names) for side in sides):
                return False
            return all(
                annotation_names(side, names)
                or (isinstance(side, ast.Constant) and side.value is None)
                for side in sides
            )
        case ast.Subscript(value=ast.Name(id="Optional") | ast.Attribute(attr="Optional")):
            return annotation_names(annotation.slice, names)
        case ast.Name(id=name) | ast.Attribute(attr=name):
            return name in names
    return False


def declared_column(ctx: FileContext, returned: list[ast.expr]) -> tuple[bool, bool]:
    """(whether a number, whether a date) of a `@declared_attr` method every `return` of
    which makes a column (a mixin's `def user_id(cls): return Column(Integer, ...)`)."""
    kinds = [call_kind(ctx, v) if isinstance(v, ast.Call) else None for v in returned]
    if not kinds or any(kind is None for kind in kinds):
        return False, False
    return all(k[0] for k in kinds if k), all(k[1] for k in kinds if k)


def _last_name(node: ast.expr) -> str:
    match node:
        case ast.Name(id=name) | ast.Attribute(attr=name):
            return name
    return ""
