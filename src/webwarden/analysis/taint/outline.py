"""A module's taint IR split in two: the outline the project index is built from, and the
function bodies, read only for the functions an analysis actually interprets.

Both stay pickled (`Packed`) in the module's facts. A scan after an edit builds the index
and the call graph from the outlines and from the previous run's record, and unpickles
the bodies of the few modules whose functions it interprets anew.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from webwarden.analysis.taint import ir
from webwarden.model.facts import Packed
from webwarden.pickling import fast_pickling


@dataclass(frozen=True, slots=True)
class Outline:
    """What the index needs of a module: its functions without their bodies, its classes,
    and its module-level objects."""

    module: str
    functions: tuple[ir.Function, ...]
    classes: tuple[ir.ClassDef, ...]
    instances: tuple[tuple[str, str], ...]
    """Module-level `name = Call(...)`: (qualified name, the callee's qualified name)."""


@dataclass(frozen=True, slots=True)
class Lowered:
    """The taint facts of one module, both parts pickled."""

    outline: Packed
    bodies: Packed
    """The whole `ir.ModuleIR`."""

    @classmethod
    def of(cls, lowered: ir.ModuleIR) -> Lowered:
        """Both parts of `lowered`."""
        return cls(Packed.of(outline_of(lowered)), Packed.of(lowered))

    def unpack_outline(self) -> Outline:
        """The outline again."""
        found = self.outline.unpack()
        assert isinstance(found, Outline)  # noqa: S101 - packed by `of`
        return found

    def functions(self) -> dict[str, ir.Function]:
        """Qualified name -> the whole function (the first one of a name, as the index)."""
        lowered = self.bodies.unpack()
        assert isinstance(lowered, ir.ModuleIR)  # noqa: S101 - packed by `of`
        found: dict[str, ir.Function] = {}
        for function in lowered.functions:
            found.setdefault(function.qualname, function)
        return found


def outline_of(lowered: ir.ModuleIR) -> Outline:
    """The outline of a lowered module."""
    instances: list[tuple[str, str]] = []
    for function in lowered.functions:
        if function.kind == "module":
            instances += _instances(lowered.module, function)
    return Outline(
        lowered.module,
        tuple(dataclasses.replace(f, body=(), defaults=()) for f in lowered.functions),
        lowered.classes,
        tuple(instances),
    )


def _instances(module: str, body: ir.Function) -> list[tuple[str, str]]:
    found = []
    for statement in body.body:
        if (
            isinstance(statement, ir.Assign)
            and isinstance(statement.value, ir.Call)
            and statement.value.callee is not None
        ):
            for target in statement.targets:
                if isinstance(target, ir.TName):
                    name = f"{module}.{target.name}" if module else target.name
                    found.append((name, statement.value.callee))
    return found


fast_pickling(globals())
