"""Which attributes of the project's models are numbers: number fields (and Wagtail's
number blocks), counting methods; and slug and UUID fields, whose text is one word.

A template writes `onclick="setDeposit({{ settings.default_deposit }})"`, where the
model declares `default_deposit = models.IntegerField()`: Django hands the template an
`int` (a `Decimal`, a `float`, a `bool`, or `None`), whose text holds no quote, `<`
or `\\` to end a string or start code; a slug field (`slug = models.SlugField()`)
holds letters, digits, `-` and `_`, no more, as does the `AutoSlugField` of
django-extensions or django-autoslug that fills itself with `slugify()`. So does a method or property that returns only
counts and numbers (`return self.voter_set.count()`), which the template calls. Read
per class, as `markup_methods` reads escaped properties: any other attribute of that
name (a text field, a method returning text) may hold anything, and vetoes it.
"""

from __future__ import annotations

import ast
import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from webwarden.model.module import FileContext
from webwarden.model.templates.field_subclasses import FieldUse, project_field
from webwarden.model.templates.orm_columns import (
    DATE_ANNOTATIONS,
    annotation_names,
    column_kind,
    declared_column,
    orm_module,
    sqlmodel_class,
)
from webwarden.model.test_factories import is_factory_base

_MODELS = "django.db.models."
NUMBER_FIELDS = frozenset(
    {
        "IntegerField", "SmallIntegerField", "BigIntegerField", "PositiveIntegerField",
        "PositiveSmallIntegerField", "PositiveBigIntegerField", "AutoField", "BigAutoField",
        "SmallAutoField", "FloatField", "DecimalField", "BooleanField", "NullBooleanField",
    }
)  # fmt: skip
"""Django's model fields whose values are numbers or booleans."""
WORD_FIELDS = frozenset({"SlugField", "UUIDField"})
"""Django's model fields whose values are one word: a slug (ASCII letters, digits, `-`
and `_`, or any letters with `allow_unicode`), which Django's forms, its admin and
Django REST framework's serializers check and `slugify` makes, or a UUID."""
AUTO_SLUG_FIELDS = frozenset(
    {
        "django_extensions.db.fields.AutoSlugField",
        "autoslug.AutoSlugField",
        "autoslug.fields.AutoSlugField",
    }
)
"""Slug fields of django-extensions and django-autoslug: subclasses of Django's
`SlugField` that fill themselves with `slugify()` of another field and are kept out of
forms (`editable=False`), so one word as well, unless given a slugify function of the
project's (`_OWN_SLUGIFY`)."""
_OWN_SLUGIFY = frozenset({"slugify_function", "slugify"})
"""The keywords of `AutoSlugField(...)` naming the function that makes the slug
(django-extensions', django-autoslug's): it may return any text."""
WAGTAIL_BLOCKS = ("wagtail.blocks.", "wagtail.core.blocks.", "wagtail.wagtailcore.blocks.")
"""Where Wagtail's StreamField block classes live (since 3.0, in 2.x, in 1.x)."""
NUMBER_BLOCKS = frozenset({"IntegerBlock", "FloatBlock", "DecimalBlock", "BooleanBlock"})
"""Wagtail's blocks whose values are numbers or booleans: a `StructBlock`'s child
(`width = blocks.IntegerBlock(required=False)`) is an `int` or `None` in its template
(`{{ self.width }}`), as a number model field is."""


POINT_FIELDS = frozenset(
    {"django.contrib.gis.db.models.PointField", "django.contrib.gis.db.models.fields.PointField"}
)
"""GeoDjango's point field: its value is a GEOS `Point`, whose `x`, `y` and `z` are floats."""
POINT_COORDINATES = frozenset({"x", "y", "z"})
POINT_MARK = "@point"
"""Appended to an attribute's name in `number_attributes`: whether it is a point field,
so that a template's `{{ place.location.y }}` writes a number."""
DATE_MARK = "@date"
"""Appended to an attribute's name in `number_attributes`: whether it holds a date, so
that a filter handed `{{ event.created_on|timedate }}` gets a `datetime`, not text."""
DATE_FIELDS = frozenset({"DateField", "DateTimeField", "TimeField", "DurationField"})
"""Django's model and form fields, and REST framework's serializer fields, whose values
are dates, times or durations (a form's or serializer's field is taken off the class by
its metaclass; a template given the form or serializer reads its bound field)."""
_DATE_FIELD_MODULES = ("django.db.models.", "django.forms.", "rest_framework.serializers.")


def number_attributes(ctx: FileContext) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The attributes the classes of a Django module, or of one declaring SQLAlchemy,
    SQLModel or Peewee models (`orm_columns`), define: those that are number fields or
    columns (a name defined twice is one only if both are), and the others. Each also as
    `name@point` (`POINT_MARK`), one when it is a GeoDjango point field, whose
    coordinates are numbers, and as `name@date` (`DATE_MARK`)."""
    django = ctx.names.imports("django") or ctx.names.imports("wagtail")
    if not (django or orm_module(ctx)):
        return (), ()
    found: dict[str, bool] = {}
    stored = _stored_attributes(ctx)
    for node in ctx.nodes(ast.ClassDef):
        if not isinstance(node, ast.ClassDef) or factory_class(ctx, node):
            continue
        for name, number, point, date in _class_attributes(ctx, node, django, stored):
            if number is not None:
                found[name] = found.get(name, True) and number
            found[name + POINT_MARK] = found.get(name + POINT_MARK, True) and point
            found[name + DATE_MARK] = found.get(name + DATE_MARK, True) and date
    # NOTE: two lists of names, not pairs: the project joins those of every module with
    # set unions (a large tree's classes define some 90,000 of them).
    return (
        tuple(name for name, number in found.items() if number),
        tuple(name for name, number in found.items() if not number),
    )


def factory_class(ctx: FileContext, node: ast.ClassDef) -> bool:
    """A factory_boy factory (`class ImageFactory(DjangoModelFactory)`): its attributes
    say how tests fill a model's fields (`width = factory.Faker("pyint")`, `answer =
    factory.fuzzy.FuzzyText()`), not what an object a template reads holds."""
    return any(is_factory_base(ctx.qualified(base) or "") for base in node.bases)


def _class_attributes(
    ctx: FileContext, node: ast.ClassDef, django: bool, stored: frozenset[str] = frozenset()
) -> list[tuple[str, bool | None, bool, bool]]:
    """(name, whether a number, whether a point field, whether a date) of each attribute
    the class defines; whether a number is None, in a Django module, for a field class
    that may be the project's, judged once every module is read
    (`number_field_attributes`); elsewhere such a call (a WTForms `IntegerField()`) is
    no number. A class constant (`STATUS_DRAFT = "D"`, `MAX_TEAMS = 4`: a plain
    assignment of a number, a boolean, `None` or a one-word string, `_constant_word`) is
    what every instance reads, unless the module rebinds the name on some object
    (`stored`)."""
    found: list[tuple[str, bool | None, bool, bool]] = []
    sqlmodel = sqlmodel_class(ctx, node)
    columns: set[str] = set()
    for statement in node.body:
        if isinstance(statement, ast.Assign | ast.AnnAssign):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            column = column_kind(ctx, statement, sqlmodel)
            number: bool | None = _number_field(ctx, statement.value) or bool(column and column[0])
            if (
                not number
                and django
                and project_field(ctx, statement.value) is not None
                and not _auto_slug(ctx, statement.value)
            ):
                number = None  # NOTE: `field_uses` hands it to the project step
            point = isinstance(statement.value, ast.Call) and (
                ctx.call_name(statement.value) in POINT_FIELDS
            )
            date = _holds_date(ctx, statement) or bool(column and column[1])
            constant = isinstance(statement, ast.Assign) and _constant_word(statement.value)
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            found.extend(
                (name, True if constant and name not in stored else number, point, date)
                for name in names
            )
            if number:
                columns.update(names)
    numbers = _number_methods(ctx, node, frozenset(columns))
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef) and not _accessor(statement):
            number, date = statement.name in numbers, False
            if _declares_attribute(ctx, statement):
                returned = [r.value for r in _own(ctx, statement, ast.Return)]  # type: ignore[attr-defined]
                number, date = declared_column(ctx, [v for v in returned if v is not None])
            found.append((statement.name, number, False, date))
        elif isinstance(statement, ast.AsyncFunctionDef):
            found.append((statement.name, False, False, False))
    return found


_WORD = re.compile(r"[\w-]*")


def _constant_word(value: ast.expr) -> bool:
    """A literal whose text holds no quote, `<`, `&`, `\\` or space: a number, a
    boolean, `None`, or a string of letters, digits, `_` and `-`."""
    if not isinstance(value, ast.Constant):
        return False
    if isinstance(value.value, str):
        return _WORD.fullmatch(value.value) is not None
    return value.value is None or isinstance(value.value, bool | int | float)


def _stored_attributes(ctx: FileContext) -> frozenset[str]:
    """The attribute names the module's code assigns on an object (`self.TITLE = title`):
    there the instance holds that value, not its class's."""
    return frozenset(
        node.attr
        for node in ctx.nodes(ast.Attribute)
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
    )


_ACCESSORS = frozenset({"setter", "deleter", "expression", "comparator", "update_expression"})
"""What a decorator `@name.setter` (of a `property`, or of SQLAlchemy's `hybrid_property`,
also `@name.expression` for its SQL side) adds to a property the class defined: not
what an instance's attribute gives."""


def _accessor(function: ast.FunctionDef) -> bool:
    """`@stars.setter def stars(self, value)`: a second definition of a property's name
    that only sets, deletes or builds the SQL of it."""
    return any(
        isinstance(d, ast.Attribute)
        and d.attr in _ACCESSORS
        and isinstance(d.value, ast.Name)
        and d.value.id == function.name
        for d in function.decorator_list
    )


def _declares_attribute(ctx: FileContext, function: ast.FunctionDef) -> bool:
    """`@declared_attr` (SQLAlchemy's; also `declared_attr.cascading`): the method makes
    the mapped class's column, whose value an instance's attribute holds."""
    for decorator in function.decorator_list:
        name = ctx.qualified(decorator) or ""
        if "declared_attr" in name.split("."):
            return True
    return False


def _holds_date(ctx: FileContext, statement: ast.Assign | ast.AnnAssign) -> bool:
    """`created_on = models.DateTimeField()` (or a form's or serializer's date field), or
    a bare annotation naming a date type (`time: datetime`, `ended: date | None`)."""
    value = statement.value
    if isinstance(value, ast.Call):
        name = ctx.call_name(value) or ""
        module, _, field = name.rpartition(".")
        return field in DATE_FIELDS and f"{module}.".startswith(_DATE_FIELD_MODULES)
    if value is not None or not isinstance(statement, ast.AnnAssign):
        return False
    # NOTE: `datetime`, `datetime.date`, `datetime | None`, `Optional[date]`.
    return annotation_names(statement.annotation, DATE_ANNOTATIONS)


def number_field_attributes(
    uses: Iterable[FieldUse],
    classes: Mapping[str, tuple[tuple[str, ...], bool]],
    reexported: Callable[[str], str],
) -> dict[str, bool]:
    """Attribute name -> whether every use of the name makes one of the project's field
    classes deriving from a Django number, slug or UUID field and keeping the value it
    gives (`fine = PaymentAmountField(default=0)`, `class PaymentAmountField(
    models.DecimalField)` overriding only `__init__`), following `classes` (qualified
    name -> bases, whether it keeps its parents' value) across modules; `reexported`
    names what a module re-exports by its origin."""
    found: dict[str, bool] = {}
    for attribute, qualified, _ in uses:
        number = _derives_number(qualified, classes, reexported, 0)
        found[attribute] = found.get(attribute, True) and number
    return found


_MAX_DEPTH = 8


def _derives_number(
    qualified: str,
    classes: Mapping[str, tuple[tuple[str, ...], bool]],
    reexported: Callable[[str], str],
    depth: int,
) -> bool:
    qualified = reexported(qualified)
    if qualified.startswith(_MODELS):
        return qualified.rpartition(".")[2] in NUMBER_FIELDS | WORD_FIELDS
    if qualified in AUTO_SLUG_FIELDS:
        # NOTE: one given a slugify function of its own is no word: `_class_attributes`
        # lists its name among the others, which veto it.
        return True
    entry = classes.get(qualified)
    if entry is None or depth >= _MAX_DEPTH:
        return False
    bases, keeps_value = entry
    return keeps_value and any(_derives_number(b, classes, reexported, depth + 1) for b in bases)


def _auto_slug(ctx: FileContext, value: ast.expr | None) -> bool:
    """`AutoSlugField(...)` of django-extensions or django-autoslug: judged here, with
    its keywords, not handed to the project step as a field class of the project's."""
    return isinstance(value, ast.Call) and ctx.call_name(value) in AUTO_SLUG_FIELDS


def _number_field(ctx: FileContext, value: ast.expr | None) -> bool:
    if not isinstance(value, ast.Call):
        return False
    name = ctx.call_name(value) or ""
    if name.startswith(WAGTAIL_BLOCKS):
        return name.rpartition(".")[2] in NUMBER_BLOCKS
    if name in AUTO_SLUG_FIELDS:
        return not any(keyword.arg in _OWN_SLUGIFY for keyword in value.keywords)
    return name.startswith(_MODELS) and name.removeprefix(_MODELS) in NUMBER_FIELDS | WORD_FIELDS


_NUMBER_BUILTINS = frozenset({"len", "int", "float", "bool", "round", "abs"})
_COUNTING_METHODS = frozenset({"count", "exists"})
"""A query set's `count()` and `exists()`, a string's or list's `count(x)`: an int or a bool."""
_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Pow)


def _number_methods(
    ctx: FileContext, node: ast.ClassDef, columns: frozenset[str]
) -> frozenset[str]:
    """The class's methods that return numbers (see `_returns_number`), also through
    another such method of the class (`return self.balance_on(date.today())`), or a
    number field or column of it (`return self._stars`), unless the class defines the
    name twice (a property's setter aside)."""
    methods = [s for s in node.body if isinstance(s, ast.FunctionDef) and not _accessor(s)]
    counts = Counter(method.name for method in methods)
    methods = [method for method in methods if counts[method.name] == 1]
    numbers = frozenset(m.name for m in methods if _returns_number(ctx, m, frozenset(), columns))
    if not numbers:
        return numbers  # NOTE: no method to hand a number on: most classes
    # NOTE: only a method returning a call of a method of `self` can be judged otherwise
    # once more methods are known to give numbers: the others are judged once.
    pending = [m for m in methods if m.name not in numbers and _returns_self_call(ctx, m)]
    for _ in range(_MAX_DELEGATION):
        found = frozenset(m.name for m in pending if _returns_number(ctx, m, numbers, columns))
        if not found:
            break
        numbers |= found
        pending = [m for m in pending if m.name not in found]
    return numbers


def _returns_self_call(ctx: FileContext, function: ast.FunctionDef) -> bool:
    """Whether a `return` of the method may hold a call of a method of `self`: its text
    names `self.` (the judgement that follows is exact), looked at rather than walked,
    for the many methods of a class with a number method."""
    return any(
        "self." in line
        for node in _own(ctx, function, ast.Return)
        for line in ctx.lines[node.lineno - 1 : node.end_lineno or node.lineno]  # type: ignore[attr-defined]
    )


_MAX_DELEGATION = 3
"""How many methods deep a method's number is followed through its class's methods."""


def _returns_number(
    ctx: FileContext,
    function: ast.FunctionDef,
    numbers: frozenset[str],
    columns: frozenset[str] = frozenset(),
) -> bool:
    """Whether every `return` of the method gives a number or a boolean (`return
    self.voter_set.count()`, `return len(self.items) > 0`, a call of a method of
    `numbers` on `self`, or an attribute of `columns` of `self`), and it has one and
    yields nothing: what a template calling it writes is digits, `True`, `False` or
    `None`."""
    returned = _own(ctx, function, ast.Return)
    if not returned or not all(
        isinstance(node, ast.Return) and _number(ctx, node.value, numbers, columns)
        for node in returned
    ):
        return False
    return not _own(ctx, function, ast.Yield, ast.YieldFrom)


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def _own(ctx: FileContext, function: ast.FunctionDef, *kinds: type[ast.AST]) -> list[ast.AST]:
    """The nodes of these kinds in the function's own body (not in a function or class
    defined in it), found from the module's node index by line, not by walking the body:
    a module defines thousands of methods."""
    nodes = _by_line(ctx, kinds)
    start = bisect.bisect_left(nodes, (function.lineno, 0), key=_line_key)
    end = bisect.bisect_right(
        nodes, (function.end_lineno or function.lineno, 1 << 30), key=_line_key
    )
    return [node for node in nodes[start:end] if _scope_of(ctx, node) is function]


def _by_line(ctx: FileContext, kinds: tuple[type[ast.AST], ...]) -> list[ast.AST]:
    key = (_by_line, kinds)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = sorted(ctx.nodes(*kinds), key=_line_key)
    return found  # type: ignore[return-value]


def _line_key(node: ast.AST) -> tuple[int, int]:
    return getattr(node, "lineno", 0), getattr(node, "col_offset", 0)


def _scope_of(ctx: FileContext, node: ast.AST) -> ast.AST | None:
    """The innermost function, lambda or class holding `node`."""
    holder = ctx.parent(node)
    while holder is not None and not isinstance(holder, _SCOPES):
        holder = ctx.parent(holder)
    return holder


def _number(
    ctx: FileContext,
    value: ast.expr | None,
    numbers: frozenset[str],
    columns: frozenset[str] = frozenset(),
) -> bool:
    match value:
        case None | ast.Compare() | ast.UnaryOp(op=ast.Not()):
            return True
        case ast.Constant(value=constant):
            return constant is None or isinstance(constant, int | float)
        case ast.UnaryOp(op=ast.USub() | ast.UAdd(), operand=operand):
            return _number(ctx, operand, numbers, columns)
        case ast.BinOp(left=left, op=op, right=right) if isinstance(op, _ARITHMETIC):
            return _number(ctx, left, numbers, columns) and _number(ctx, right, numbers, columns)
        case ast.BoolOp(values=values):
            return all(_number(ctx, each, numbers, columns) for each in values)
        case ast.IfExp(body=body, orelse=orelse):
            return _number(ctx, body, numbers, columns) and _number(ctx, orelse, numbers, columns)
        case ast.Attribute(value=ast.Name(id="self"), attr=attribute):
            return attribute in columns
        case ast.Call(func=ast.Name(id=name)):
            return name in _NUMBER_BUILTINS and ctx.call_name(value) == name
        case ast.Call(func=ast.Attribute(value=ast.Name(id="self"), attr=method)) if (
            method in numbers
        ):
            return True
        case ast.Call(func=ast.Attribute(attr=method)):
            return method in _COUNTING_METHODS and ctx.call_name(value) != "itertools.count"
    return False
