"""What a class-based view keeps on `self` before its other methods run.

Django's `View` runs `setup()` and `dispatch()` (Django REST framework's `APIView`,
`initial()` too) and then the handler of the method (`get()`, `post()`...), which calls
`get_context_data()`, `get_queryset()`, `form_valid()` and the rest. An attribute one of
the first sets from the request (`self.location = Path(kwargs["location"])` in
`dispatch`) holds the request's data when a later one reads it (`self.location` in
`get_context_data`).
"""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.state import Summary
from webwarden.analysis.taint.values import Value, concrete

EARLY_METHODS = ("setup", "dispatch", "initial", "get", "post", "put", "patch", "delete")
"""The methods of a view that run before the others a request reaches: they set what
those read."""


def kept(summary: Summary, function: ir.Function, attr: str) -> Value | None:
    """What a method left in `self.<attr>` (its summary's effect on `self`): the request
    data it holds, or None when the method does not set it."""
    positional = [p.name for p in function.params if p.kind == "pos"]
    effect = summary.effects.get(positional[0]) if positional else None
    part = effect.part(f".{attr}") if effect is not None else None
    if part is None:
        return None
    return _sourced(part)


def _sourced(value: Value) -> Value:
    """`value` with the data of real sources only, its parts kept apart (the symbols of
    the method's parameters, `self` and `request`, mean nothing to the reader)."""
    parts = value.parts
    if not parts:
        return Value(concrete(value.taint), kind=value.kind)
    return value.remade(
        concrete(value.taint), {k: _sourced(p) for k, p in parts.items()}, value.kind
    )
