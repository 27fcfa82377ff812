"""Project classes whose instances show a template only the attributes their code sets."""

from __future__ import annotations

from webwarden.analysis.taint.index import IndexView

_ROOTS = frozenset({"object", "builtins.object"})


def attributes_only(index: IndexView, cls: str) -> bool:
    """Whether an instance of the project class `cls` holds nothing a template could read
    but the attributes its code sets: every class of its ancestry is the project's (or
    `object`), and none defines a method but `__init__` and static methods. A method or a
    property (`__str__` too) may read an attribute under another name, and a library's
    base may define any."""
    for name in index.mro(cls):
        if name in _ROOTS:
            continue
        definition = index.classes.get(name)
        if definition is None:
            return False
        for method in definition.methods:
            located = index.method(name, method)
            if method != "__init__" and (
                located is None or located.function.kind != "staticmethod"
            ):
                return False
    return True
