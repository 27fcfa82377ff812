"""Django Ninja operations: where the data of a request arrives, as parameters.

`@api.get("/items/{item_id}")`, `@router.post(...)` (and `put`, `patch`, `delete`,
`api_operation`) on a `NinjaAPI` or a `Router` make the function an operation: Ninja
calls it with the request first, then each other parameter filled from the path, the
query string or the body (a `Schema` parameter holds the body's fields), each validated
against its annotation, so one annotated `int`, `bool`, `UUID` or a date holds no text.
"""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import IndexView, of_library
from webwarden.model.django.ninja import OPERATIONS

_NINJA = ("ninja.",)


def operation(index: IndexView, function: ir.Function) -> tuple[str, ...] | None:
    """The parameters of a Django Ninja operation that hold the client's data (all but
    the request), or None when `function` is no operation."""
    if function.kind != "function" or not any(_operates(index, d) for d in function.decorators):
        return None
    names = [p.name for p in function.params if p.kind in {"pos", "kwonly"}]
    return tuple(names[1:])


def _operates(index: IndexView, decorator: str) -> bool:
    holder, _, method = decorator.rpartition(".")
    if method not in OPERATIONS or not holder:
        return False
    kind = index.instance_kind(holder)
    return kind is not None and of_library(index, kind, _NINJA)
