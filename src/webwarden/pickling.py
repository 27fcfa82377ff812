"""Faster pickling for the frozen, slotted dataclasses that cross processes and the cache.

`dataclasses` gives a slotted dataclass `__getstate__`/`__setstate__` methods that call
`dataclasses.fields()` on every object; for the hundreds of thousands of small IR and
fact objects a scan sends from workers and reads from its cache, that lookup costs more
than the pickling itself. These versions look the field names up once per class. The
state is the same list of field values, so pickles stay compatible both ways.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any


def _methods(names: tuple[str, ...]) -> tuple[Callable[..., Any], Callable[..., None]]:
    def getstate(self: object) -> list[object]:
        return [getattr(self, name) for name in names]

    def setstate(self: object, state: list[object]) -> None:
        for name, value in zip(names, state, strict=False):
            object.__setattr__(self, name, value)

    return getstate, setstate


def fast_pickling(namespace: Mapping[str, object]) -> None:
    """Give every slotted dataclass defined in `namespace` (a module's `globals()`) the
    faster state methods."""
    module = namespace.get("__name__")
    for value in list(namespace.values()):
        if not (
            isinstance(value, type)
            and value.__module__ == module
            and dataclasses.is_dataclass(value)
            and "__slots__" in value.__dict__
            and getattr(value.__dict__.get("__setstate__"), "__name__", "") == "_dataclass_setstate"
        ):
            continue
        names = tuple(field.name for field in dataclasses.fields(value))
        getstate, setstate = _methods(names)
        type.__setattr__(value, "__getstate__", getstate)
        type.__setattr__(value, "__setstate__", setstate)
