"""The model instance a Django model form saves, and which of its attributes are typed.

`export = form.save(commit=False)` gives the model instance the form filled in from the
request: its `CharField`s hold the client's text, but a `DateField` holds a `date`, an
`IntegerField` an `int`, a `UUIDField` a `UUID`, a `SlugField` a slug, whatever the
client sent (the form field refuses anything else). Their text has no path separator, quote or markup, so
`open(f"{export.date_from}.csv")` is not a path the client chose. The model is the
form's `Meta.model`, or a generic editing view's `model` when Django builds the form
from its `fields`.
"""

from __future__ import annotations

from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.specs import DJANGO_UPLOAD
from webwarden.analysis.taint.values import CLEAN, Taint, Value

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
        return typed_fields(index, model, taint) if model is not None else {}
    instance = form.part(".instance")
    return dict(instance.parts) if instance is not None and instance.parts else {}
