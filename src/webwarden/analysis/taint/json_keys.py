"""A lookup pinned under a JSON field: past `if key.startswith("extra__"):`.

A client's key that starts with a field's name and `__` names that field first; what
follows is read as key transforms and a lookup of the field (`extra__floor__gte`). When
the field is a `JSONField` (or an `HStoreField`), each further name is a key of the
stored document, never a relation: the query compares that column of the model's own
rows and reaches no other model, as past `Model._meta.get_field(name)` (`LOOKUPS`).

The model the query runs on is not known where the key is checked, so the name must be
a JSON field of some project model and no other kind of field of any of them, nor the
name a relation to a project model takes by default (`author`, of the model `Author`).
"""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.values import LOOKUPS

_DOCUMENT_FIELDS = frozenset({"JSONField", "HStoreField"})
"""Django's fields whose lookups past the name are keys of the stored value (the last
names of `django.db.models.JSONField`, `django.contrib.postgres.fields.HStoreField`, and
of the `jsonfield` packages' fields)."""
_SEPARATOR = "__"


def json_prefix_kinds(index: IndexView, prefix: ir.Expr | None) -> frozenset[str]:
    """The sink kinds a key is safe for past `key.startswith(prefix)`."""
    if not isinstance(prefix, ir.Const) or not isinstance(prefix.value, str):
        return frozenset()
    field, separated, _ = prefix.value.partition(_SEPARATOR)
    if not separated or not field.isidentifier():
        return frozenset()
    return frozenset({LOOKUPS}) if _document_field(index, field) else frozenset()


def _document_field(index: IndexView, name: str) -> bool:
    """Whether the project's classes declare `name` only as a JSON field, at least once."""
    found = False
    for qualname, definition in index.classes.items():
        if qualname.rsplit(".", 1)[-1].lower() == name:
            return False  # NOTE: the default query name of a relation to that model
        for attribute, callee in definition.fields:
            if attribute != name:
                continue
            if callee.rsplit(".", 1)[-1] not in _DOCUMENT_FIELDS:
                return False
            found = True
    return found
