"""Rows an ORM query loads: which locals hold them, and which project model they are.

A row's changed attributes are written by a commit (`note.pinned = True` then
`db.session.commit()`), and a method the project's model defines runs on it
(`connector.deactivate()` saving `self`), so the writes follow into that method.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import ProjectIndex
from webwarden.analysis.taint.lookup_test import ANY_ROW
from webwarden.analysis.writes.calls import names, split
from webwarden.analysis.writes.documents import is_document

_LOADS = frozenset(
    {"query", "objects", "get_or_404", "first_or_404", "one_or_404", "get_object_or_404",
     "get_list_or_404", "get_object", "scalars", "scalar_one"}
)  # fmt: skip
"""Names of ORM reads (`Note.objects.get()`, `Note.query.filter_by().first()`,
`db.get_or_404()`): what they return are rows, whose changed attributes a commit writes."""
_ONE_ROW = frozenset(
    {"get", "first", "last", "latest", "earliest", "create", "get_or_404", "first_or_404",
     "one", "one_or_none", "one_or_404"}
)  # fmt: skip
"""Methods of a Django manager or queryset, or a SQLAlchemy query, returning one row of
the model queried (`Note.objects.filter(...).first()`, `Note.query.get_or_404(1)`)."""
_ROW_OF_ARGUMENT = frozenset({"get_object_or_404", "get_or_404", "first_or_404"})
"""Functions returning a row of the model given first: Django's `get_object_or_404(Note,
pk=1)`, Flask-SQLAlchemy's `db.get_or_404(Note, 1)`."""
_MANAGERS = frozenset({"objects", "query"})
_MODEL_BASES = (
    "django.db.models.",
    "django.contrib.auth.models.",
    "django.contrib.auth.base_user.",
)


def loads(value: ir.Expr, loaded: set[str]) -> bool:
    """Whether a value is rows an ORM query loaded (or a local holding them)."""
    if isinstance(value, ir.Local):
        return value.name in loaded
    found = names(value)
    if "()" not in found:
        return False
    # NOTE: SQLAlchemy 2's `session.get(Note, 1)`; a plain `get()` is a dict's
    return bool(_LOADS & set(found)) or any(
        n.endswith("session") and after == "get" for n, after in pairwise(found)
    )


def test_bindings(statement: ir.Stmt) -> Iterator[ir.Assign]:
    """The names an `if` or `while` test binds with `:=` (`if row :=
    Note.objects.filter(...).first():`, also inside `not`, a comparison or `and`), each as
    the assignment it makes before the arm runs (at no position: it is no statement)."""
    test = statement.test if isinstance(statement, ir.If) else None
    if isinstance(statement, ir.Loop) and statement.target is None:
        test = statement.iterable
    pending = [test] if test is not None else []
    while pending:
        expr = pending.pop()
        if isinstance(expr, ir.Walrus):
            yield ir.Assign((ir.TName(expr.name),), expr.value, (0, 0))
            pending.append(expr.value)
        elif isinstance(expr, ir.Union | ir.Clean):
            pending.extend(expr.values if isinstance(expr, ir.Union) else expr.parts)


def sets_attribute(target: ir.Target, loaded: set[str]) -> bool:
    """`orm_dag.is_paused = True`: an attribute of a row an ORM query loaded, held in a
    local or straight from the query (`Note.query.get_or_404(1).pinned = True`)."""
    return isinstance(target, ir.TAttr) and loads(target.value, loaded)


def is_model(index: ProjectIndex, cls: str) -> bool:
    """Whether a project class is a Django model (its `save()` and `delete()` write its
    row), or a base of one (an abstract model's methods run on the concrete model's rows),
    or a MongoEngine document (`documents.is_document`), whose `save()` and `delete()`
    write its document."""
    return (
        index.inherits(cls, _MODEL_BASES)
        or index.mixed_into(cls, _MODEL_BASES)
        or is_document(index, cls)
    )


def row_class(value: ir.Expr, index: ProjectIndex) -> str | None:
    """The project model of the one row a call returns: `get_object_or_404(Note, pk=1)`,
    `Note.objects.get(pk=1)`, `Note.objects.filter(...).first()`, `Note.query.get(1)`."""
    if not isinstance(value, ir.Call):
        return None
    receiver, method = split(value)
    if method in _ROW_OF_ARGUMENT and value.args and isinstance(value.args[0], ir.Global):
        resolved = index.resolve(value.args[0].name)
        return resolved if resolved in index.classes else None
    if method not in _ONE_ROW:
        return None
    return _manager_model(receiver, index)


def counted_class(value: ir.Expr, index: ProjectIndex) -> str | None:
    """The project model whose rows a test looks for: one row's (see `row_class`), or
    any matching one's (`Team.objects.count()`, `Team.objects.filter(...).exists()`)."""
    if isinstance(value, ir.Call) and split(value)[1] in ANY_ROW:
        return _manager_model(split(value)[0], index)
    return row_class(value, index)


QUERYSET_METHODS = frozenset({"filter", "exclude", "all"})
"""Manager or queryset methods giving the rows of the model that match (a queryset)."""


def queryset_class(value: ir.Expr, index: ProjectIndex) -> str | None:
    """The project model a call queries the matching rows of (`Team.objects.filter(...)`,
    `Team.objects.all()`), None for another call."""
    if not isinstance(value, ir.Call) or split(value)[1] not in QUERYSET_METHODS:
        return None
    return _manager_model(split(value)[0], index)


def manager_model(call: ir.Call, index: ProjectIndex) -> str | None:
    """The project model whose manager or queryset a method is called on
    (`Team.objects.bulk_create(...)`: `Team`)."""
    return _manager_model(split(call)[0], index)


def _manager_model(receiver: list[str], index: ProjectIndex) -> str | None:
    """The project model whose manager a call's receiver goes through (`Note.objects`,
    `Note.objects.filter()`)."""
    dotted = receiver[: receiver.index("()")] if "()" in receiver else receiver
    for cut in range(len(dotted) - 1, 0, -1):
        resolved = index.resolve(".".join(dotted[:cut]))
        if resolved in index.classes:
            manager = dotted[cut]
            return resolved if manager in _MANAGERS or is_model(index, resolved) else None
    return None


_VIEW_GETTER = "get_object"
"""The method of a generic view returning the row its URL names: Django's
`SingleObjectMixin.get_object()` (`DetailView`, `UpdateView`, `DeleteView`), django-vanilla-views'
`GenericModelView.get_object()`, both a row of the class's `model`."""


def view_row_class(value: ir.Expr, owner: str, index: ProjectIndex) -> str | None:
    """The project model of the row `self.get_object()` returns in a method of a generic
    view the class `owner` is: its `model = Proposal` (own or inherited from a mixin), when
    the project does not define `get_object()` itself (then what that returns decides)."""
    if not owner or not isinstance(value, ir.Call) or split(value) != (["self"], _VIEW_GETTER):
        return None
    return _view_model(owner, index)


def view_member_class(owner: str, attribute: str, index: ProjectIndex) -> str | None:
    """The project model of the row a generic view keeps as `self.<attribute>` when a
    method of it (or of an ancestor) sets it to `self.get_object()` (`self.object =
    self.get_object()`, as Django's own `get()` does)."""
    for cls in index.mro(owner):
        definition = index.classes.get(cls)
        if definition is not None and (attribute, f"@{_VIEW_GETTER}") in definition.members:
            return _view_model(owner, index)
    return None


def _view_model(owner: str, index: ProjectIndex) -> str | None:
    if index.method(owner, _VIEW_GETTER) is not None:
        return None
    model = index.class_ref(owner, "model")
    return (
        model if model is not None and model in index.classes and is_model(index, model) else None
    )
