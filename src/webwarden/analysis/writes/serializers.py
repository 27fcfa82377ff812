"""What `serializer.save()` runs on a Django REST framework serializer of the project.

DRF's `save()` writes nothing itself: it calls the serializer's `create()` (no
instance given) or `update()`. A `ModelSerializer`'s own saves the model's row; a plain
`Serializer`'s raise `NotImplementedError`, so the project's overrides are all it does
(a locale serializer whose `create()` stores the language in the session).
"""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import ProjectIndex

_DRF_SERIALIZERS = "rest_framework.serializers."
_PLAIN = frozenset(
    {"rest_framework.serializers.Serializer", "rest_framework.serializers.BaseSerializer"}
)
"""DRF's serializers whose `create()` and `update()` only raise `NotImplementedError`."""
_HOOKS = ("create", "update")


def save_hooks(index: ProjectIndex, classes: dict[str, str], call: ir.Call) -> list[str] | None:
    """The project methods `local.save()` runs when the local holds an object of a project
    class on DRF's serializers that keeps DRF's `save()` (`serializer =
    LocaleSerializer(data=request.data)`): its `create()` and `update()`, when the
    project defines both or the missing ones are a plain `Serializer`'s. None when the
    call is no such save, or may run a `ModelSerializer`'s own, which writes a row."""
    if call.callee is not None or not isinstance(call.func, ir.Attr) or call.func.attr != "save":
        return None
    value = call.func.value
    cls = classes.get(value.name) if isinstance(value, ir.Local) else None
    if cls is None or cls not in index.classes or index.method(cls, "save") is not None:
        return None
    library = [base for base in index.mro(cls) if base.startswith(_DRF_SERIALIZERS)]
    if not library:
        return None
    found = [index.method(cls, name) for name in _HOOKS]
    if any(method is None for method in found) and not all(base in _PLAIN for base in library):
        return None
    return [method.function.qualname for method in found if method is not None]
