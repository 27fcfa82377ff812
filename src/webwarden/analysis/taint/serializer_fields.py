"""The keys of a DRF serializer's `validated_data` that hold no text of the client's.

DRF hands a serializer's `create(validated_data)`, `update(instance, validated_data)` and
`validate(attrs)` the fields it validated, each turned into its field's type: a
`DateTimeField` gives a `datetime`, an `IntegerField` an `int`, a `UUIDField` a `UUID`,
whatever the client sent (the field refuses anything else); a `ChoiceField` gives one of
the choices the server declared (`MultipleChoiceField` a set of them): DRF looks the sent
text up among the choices and hands on the choice's own key, refusing any other. A `ModelSerializer` builds
each field it does not declare from its `Meta.model`'s field of that name
(`ModelSerializer.serializer_field_mapping`: `models.DateTimeField` ->
`serializers.DateTimeField`), so the model's typed fields (`saved_models.TYPED_MODEL_FIELDS`)
hold no text either. A field the serializer declares itself wins over the model's
(`starts_at = serializers.CharField()` is text), and a class of the project's defining
`to_internal_value()` decides what the dict holds itself: then nothing is known.
"""

from __future__ import annotations

from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.saved_models import typed_fields
from webwarden.analysis.taint.values import CLEAN, EMPTY, Value

_DRF_FIELDS = "rest_framework."
TYPED_SERIALIZER_FIELDS = frozenset(
    {
        *("IntegerField", "FloatField", "DecimalField", "BooleanField", "NullBooleanField"),
        *("DateField", "DateTimeField", "TimeField", "DurationField", "UUIDField"),
    }
)
"""DRF's serializer fields whose validated value is a number, a truth value, a date or
time, or a UUID."""
CHOICE_SERIALIZER_FIELDS = frozenset({"ChoiceField", "MultipleChoiceField"})
"""DRF's serializer fields whose validated value is one (or a set) of the declared
choices, never the client's own text."""
MODEL_SERIALIZERS = (
    "rest_framework.serializers.ModelSerializer",
    "rest_framework.serializers.HyperlinkedModelSerializer",
)


def typed_validated_keys(index: IndexView, serializer: str) -> dict[str, Value]:
    """The keys (`[name]`) of what `serializer` validated that hold no text of the
    client's, each clean: its declared typed and choice fields, and a model serializer's undeclared fields the model types
    (see the module's docstring); none when a project class of its defines
    `to_internal_value`."""
    declared: dict[str, str] = {}
    for cls in reversed(index.mro(serializer)):
        definition = index.classes.get(cls)
        if definition is None:
            continue
        if "to_internal_value" in definition.methods:
            return {}
        declared.update(definition.fields)
    keys = {
        f"[{name}]": CLEAN
        for name, callee in declared.items()
        if callee.startswith(_DRF_FIELDS)
        and callee.rsplit(".", 1)[-1] in TYPED_SERIALIZER_FIELDS | CHOICE_SERIALIZER_FIELDS
    }
    model = _meta_model(index, serializer)
    if model is None:
        return keys
    for attribute, value in typed_fields(index, model, EMPTY).items():
        name = attribute[1:]
        if name not in declared and value is CLEAN:
            keys[f"[{name}]"] = CLEAN
    return keys


def _meta_model(index: IndexView, serializer: str) -> str | None:
    """The project model of a model serializer: its own or an inherited `Meta.model`."""
    if not index.inherits(serializer, MODEL_SERIALIZERS):
        return None
    for cls in index.mro(serializer):
        model = index.class_ref(f"{cls}.Meta", "model")
        if model is not None:
            return model if model in index.classes else None
    return None
