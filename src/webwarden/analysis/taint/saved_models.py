"""The model instance a Django model form saves, and which of its attributes are typed.

`export = form.save(commit=False)` gives the model instance the form filled in from the
request: its `CharField`s hold the client's text, but a `DateField` holds a `date`, an
`IntegerField` an `int`, a `UUIDField` a `UUID`, a `SlugField` a slug, whatever the
client sent (the form field refuses anything else). Their text has no path separator, quote or markup, so
`open(f"{export.date_from}.csv")` is not a path the client chose. The model is the
form's `Meta.model`, or a generic editing view's `model` when Django builds the form
from its `fields`.

A model form fills in only the fields its `Meta.fields` lists (`construct_instance`
skips every other): the instance's other fields keep what the database held (the row an
edit view loaded) or the model's defaults, not what the client sent, so
`aidproject.aid.name` of a form listing `["aid_requested"]` is no request data, unless
the form's own `save()` does more.
"""

from __future__ import annotations

import ast

from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.specs import DJANGO_UPLOAD
from webwarden.analysis.taint.values import CLEAN, Taint, Value

SAVED_MODEL = "<saved>"
"""The kind of what an unmodelled `.save()` returns: the instance a form saved, of a
model webwarden does not know (`saved_kind` names the model when it does)."""
_SAVED_PREFIX = "<saved:"


def saved_kind(model: str | None) -> str:
    """The kind of an instance a form saved: `<saved:app.models.Guest>` when the model is
    a project class, so that its methods are followed (`guest.confirmation_url()`), else
    `SAVED_MODEL`."""
    return f"{_SAVED_PREFIX}{model}>" if model else SAVED_MODEL


def is_saved(kind: str) -> bool:
    """Whether a value of this kind is an instance a form saved (`saved_kind`)."""
    return kind == SAVED_MODEL or kind.startswith(_SAVED_PREFIX)


def saved_class(kind: str) -> str | None:
    """The project model of an instance a form saved, when known (`saved_kind`)."""
    return kind[len(_SAVED_PREFIX) : -1] if kind.startswith(_SAVED_PREFIX) else None


_MODEL_FIELDS = "django.db.models."
TYPED_MODEL_FIELDS = frozenset(
    {
        "IntegerField", "SmallIntegerField", "BigIntegerField", "PositiveIntegerField",
        "PositiveSmallIntegerField", "PositiveBigIntegerField", "AutoField", "BigAutoField",
        "SmallAutoField", "FloatField", "DecimalField", "BooleanField", "NullBooleanField",
        "DateField", "DateTimeField", "TimeField", "DurationField", "UUIDField", "SlugField",
    }
)  # fmt: skip
"""Django's model fields whose value is a number, a boolean, a date or time, a UUID, or a
slug (letters, digits, `-` and `_`, as its form field's `validate_slug` and the app's own
generated numbers keep it: `SlugField(editable=False)` for a document number), like the
`<slug:...>` URL converter's."""

FILE_MODEL_FIELDS = frozenset({"FileField", "ImageField"})
"""Django's model fields whose value is a `FieldFile`: the client's upload, its `.name`
the storage chose (`upload_to`, the upload's last segment made valid, a suffix when
taken) and its `.path` that name joined to the storage's folder by `safe_join`."""

DJANGO_MODEL_FORMS = ("django.forms.ModelForm", "django.forms.models.ModelForm")


def form_model(index: IndexView, form: str) -> str | None:
    """The project model a model form class saves: its own or an inherited `Meta.model`."""
    if not index.inherits(form, DJANGO_MODEL_FORMS):
        return None
    for cls in index.mro(form):
        model = index.class_ref(f"{cls}.Meta", "model")
        if model is not None:
            return model if model in index.classes else None
    return None


def typed_fields(index: IndexView, model: str, taint: Taint) -> dict[str, Value]:
    """The attributes of the model's instances that typed fields hold (see
    `TYPED_MODEL_FIELDS`), as parts of an instance, each clean, and those file fields
    hold (`FILE_MODEL_FIELDS`), each an upload carrying `taint`, whose `.name` and
    `.path` are as safe as Django made them. A name some class of its ancestry defines
    otherwise (a text field, a method) is neither."""
    found: dict[str, str] = {}
    for cls in reversed(index.mro(model)):
        definition = index.classes.get(cls)
        if definition is None:
            continue
        for name, callee in definition.fields:
            found[name] = callee.rsplit(".", 1)[-1] if callee.startswith(_MODEL_FIELDS) else ""
        for name in definition.methods:
            found[name] = ""
    parts = {f".{name}": CLEAN for name, field in found.items() if field in TYPED_MODEL_FIELDS}
    for name, field in found.items():
        if field in FILE_MODEL_FIELDS:
            parts[f".{name}"] = Value(taint, kind=DJANGO_UPLOAD)
    return parts


def saved_fields(index: IndexView, form: Value, taint: Taint) -> dict[str, Value]:
    """The typed and file attributes of what `form.save()` returns (carrying `taint`):
    of the `Meta.model` of a project model form, or of the instance a form a generic
    view built holds."""
    if form.kind.startswith("cls:"):
        model = form_model(index, form.kind[4:])
        if model is None:
            return {}
        return unlisted_fields(index, form.kind[4:], model) | typed_fields(index, model, taint)
    instance = form.part(".instance")
    return dict(instance.parts) if instance is not None and instance.parts else {}


def saved_instance_kind(index: IndexView, form: Value) -> str:
    """The kind of what `form.save()` returns: an instance of the `Meta.model` of a
    project model form, or of the model a generic editing view builds its form for
    (the kind of the form's `.instance`), as `saved_kind` spells it."""
    if form.kind.startswith("cls:"):
        return saved_kind(form_model(index, form.kind[4:]))
    instance = form.part(".instance")
    return instance.kind if instance is not None and is_saved(instance.kind) else SAVED_MODEL


def listed_meta_fields(node: ast.ClassDef) -> tuple[str, ...] | None:
    """The names a class named `Meta` sets as its `fields`, a list or tuple of constant
    text (`fields = ["aid_requested", "aid_paid"]`); None for any other class or value
    (`"__all__"`, a name, a sum)."""
    if node.name != "Meta":
        return None
    listed: tuple[str, ...] | None = None
    for statement in node.body:
        if not (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "fields" for t in statement.targets)
        ):
            continue
        value = statement.value
        items = value.elts if isinstance(value, ast.List | ast.Tuple) else None
        if items is None or not all(
            isinstance(i, ast.Constant) and isinstance(i.value, str) for i in items
        ):
            return None
        listed = tuple(str(getattr(i, "value", "")) for i in items)
    return listed


def unlisted_fields(index: IndexView, form: str, model: str) -> dict[str, Value]:
    """The model's fields the model form `form` does not fill in (see the module's
    docstring), each clean: none when its `Meta.fields` is not a known list, or when a
    class of the form's own defines `save`."""
    listed: tuple[str, ...] | None = None
    for cls in index.mro(form):
        definition = index.classes.get(cls)
        if definition is not None and "save" in definition.methods:
            return {}
        meta = index.classes.get(f"{cls}.Meta")
        if meta is not None and listed is None:
            if meta.listed_fields is None:
                return {}
            listed = meta.listed_fields
    if listed is None:
        return {}
    declared = {
        name
        for cls in index.mro(model)
        if (definition := index.classes.get(cls)) is not None
        for name, _ in definition.fields
    }
    return {f".{name}": CLEAN for name in sorted(declared - set(listed))}
