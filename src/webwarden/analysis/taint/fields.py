"""Request data whose keys name a model's fields: mass assignment (WW1114) and the
field lookups of a Django query (WW443).

`Order(**request.POST)`, `Order.objects.create(**data)` or `setattr(user, key, value)` in
a loop over `request.json.items()` let the client choose which fields it sets: the ones
the form shows, and `is_staff`, `owner_id` or `price` too. What matters is the keys, not
the values: a dict display (`{"name": request.POST["name"]}`) names its own keys, a form's
`cleaned_data` or a serializer's `validated_data` its declared fields. A client that
chooses a query's lookups (`filter(**request.GET.dict())`) can filter on any field a
relation reaches (`author__password__startswith=...`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.binding import CLEANED_DATA
from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.shapes import dict_keys, unnamed_parts
from webwarden.analysis.taint.specs import OBJECT_OR_404
from webwarden.analysis.taint.values import (
    AFTER_PREFIX,
    BEFORE_SUFFIX,
    EMPTY,
    KEYS,
    LOOKUPS,
    Taint,
    Value,
    extend,
    union,
)

if TYPE_CHECKING:
    from webwarden.analysis.taint.interpret import Interpreter

RULE = "WW1114"
_BESIDE_TEXT = frozenset({AFTER_PREFIX, BEFORE_SUFFIX})
FIELDS_CHECKED = frozenset({"fields", LOOKUPS})
"""What data that names no fields is safe for: a serializer's validated data (its keys
are the serializer's fields), a form field's value, a path parameter of the URL."""

DJANGO_MODELS = ("django.db.models.Model", "django.db.models.base.Model")
SQLALCHEMY_COLUMNS = frozenset({"Column", "mapped_column", "column_property"})
"""Calls that declare a mapped column: a class holding one is a SQLAlchemy model, whose
default constructor sets any mapped attribute named by a keyword."""

MODEL_LOADERS = frozenset(
    {
        "swapper.load_model",
        "django.apps.apps.get_model",
        "django.apps.registry.apps.get_model",
        "django.contrib.auth.get_user_model",
    }
)
"""Calls that return a Django model class by its name (a swappable model, the user
model): `Device = load_model("config", "Device")`, then `Device(**data)` sets fields."""

ORM_SPREAD_METHODS = frozenset({"create", "get_or_create", "update_or_create", "update"})
"""Django manager and queryset methods that set fields from their keywords (and from
the keys of `defaults=`)."""
_DEFAULTS = frozenset({"defaults", "create_defaults"})

LOOKUP_RULE = "WW443"
ORM_LOOKUP_METHODS = frozenset({"filter", "exclude", "get"})
"""Django manager and queryset methods whose keywords are field lookups."""
LOOKUP_FUNCTIONS = frozenset(
    {
        "django.db.models.Q",
        "django.db.models.query_utils.Q",
        # NOTE: `When(condition=None, then=None, **lookups)` makes `Q(**lookups)`.
        "django.db.models.When",
        "django.db.models.expressions.When",
        *OBJECT_OR_404,
        "django.shortcuts.get_list_or_404",
    }
)


def is_model(index: IndexView, cls: str) -> bool:
    """Whether a project class is a Django or SQLAlchemy model (its own or an inherited
    column declaration)."""
    if index.inherits(cls, DJANGO_MODELS):
        return True
    for ancestor in index.mro(cls):
        definition = index.classes.get(ancestor)
        if definition is not None and any(
            callee.rsplit(".", 1)[-1] in SQLALCHEMY_COLUMNS for _, callee in definition.fields
        ):
            return True
    return False


def keys_of(interp: Interpreter, node: ir.Expr, value: Value) -> Taint:
    """The data that may choose a mapping's keys (`d.keys()`, `**d`): none for a form's
    checked data, a dict display's own keys, a parameter's keys as its caller's argument
    holds them (read through `KEYS`), anything else's all it holds but what it holds
    under keys the code wrote (`user["pwhash"] = hash(user.pop("password"))` sets a key
    named `pwhash`, whatever the value). A parameter among a dict display's keys is read
    through `KEYS` too: `{**params}` has the keys of the caller's mapping, and so has
    `params or {}` (a join that takes the display's kind), whatever its values."""
    if value.kind == CLEANED_DATA:
        return EMPTY
    if value.kind == "<dict>" or value.fresh:
        return interp.refine(dict_keys(value), KEYS, node)
    return union(interp.refine(value.taint, KEYS, node), *unnamed_parts(value))


def check_spread(
    interp: Interpreter,
    node: ir.Call,
    keywords: list[tuple[str | None, ir.Expr, Value]],
    given: tuple[ir.Expr, Value] | None = None,
) -> None:
    """Report request data choosing the keys of `**mapping` (or of `defaults=`, or of
    `given`, a mapping passed as such) in a call that sets a model's fields."""
    mappings = [(expr, value) for key, expr, value in keywords if key is None or key in _DEFAULTS]
    if given is not None:
        mappings.append(given)
    _reached_by_keys(interp, node, mappings, RULE, "its keys name the fields set by")


def check_lookup(
    interp: Interpreter, node: ir.Call, keywords: list[tuple[str | None, ir.Expr, Value]]
) -> None:
    """Report request data choosing the keys of `**mapping` given to a Django lookup
    (`filter()`, `exclude()`, `get()`, `Q()`, `get_object_or_404()`)."""
    mappings = [(expr, value) for key, expr, value in keywords if key is None]
    _reached_by_keys(interp, node, mappings, LOOKUP_RULE, "its keys name the lookups of")


def _reached_by_keys(
    interp: Interpreter,
    node: ir.Call,
    mappings: list[tuple[ir.Expr, Value]],
    rule: str,
    note: str,
) -> None:
    for expr, value in mappings:
        taint = keys_of(interp, expr, value)
        if taint:
            text = interp.callee_text(node) + "()"
            step = interp.step(f"{note} `{text}`")
            interp.reached(rule, interp.relpath, node.pos, text, extend(taint, step))


def check_setattr(
    interp: Interpreter, node: ir.Call, name: Value, target: tuple[ir.Expr, Value]
) -> None:
    """`setattr(obj, name, value)` with request data choosing `name`, all of it: data
    written beside fixed text (`"{0}#{1}".format(server_id, conn_id)`, a cache key kept
    on `g`; `f"_{name}_cache"`) names only attributes carrying that text, never a field
    the model has, as a name looked up after a prefix picks among the functions so named
    (`dispatch`). An attribute bag (an instance of a project class deriving from
    `types.SimpleNamespace` or `argparse.Namespace`, `self` in its methods) has no
    fields: any name it is given is as good as any other."""
    if _attribute_bag(interp, *target):
        return
    taint = {
        label: trace for label, trace in name.whole().items() if not label.cleansed & _BESIDE_TEXT
    }
    if not taint:
        return
    step = interp.step("names the attribute set by `setattr()`")
    interp.reached(RULE, interp.relpath, node.pos, "setattr()", extend(taint, step))


ATTRIBUTE_BAGS = ("types.SimpleNamespace", "argparse.Namespace")
"""Classes whose instances hold whatever attributes they are given, no model's fields."""


def _attribute_bag(interp: Interpreter, expr: ir.Expr, value: Value) -> bool:
    """Whether `setattr()` sets an attribute of a project class that only derives from
    an attribute bag (`class Config(SimpleNamespace)`): the value's class, or the class
    of the method whose first parameter (`self`) it is."""
    cls = value.kind[4:] if value.kind.startswith("cls:") else None
    function = interp.function
    positional = [p.name for p in function.params if p.kind == "pos"]
    if cls is None and function.kind == "method" and positional:
        cls = function.owner if expr == ir.Local(positional[0]) else None
    if not cls:
        return False
    index = interp.engine.index
    return index.inherits(cls, ATTRIBUTE_BAGS) and not is_model(index, cls)
