"""A verdict on each method of the project's top-level classes, by qualified name.

Each module gives its verdicts as `(Class.method, verdict)` pairs (see
`markup_methods.class_methods`); the index keeps them as given and makes a module's
lookup table when a name in that module is first asked for: a large project defines
tens of thousands of methods and its templates ask about a few.
"""

from __future__ import annotations


class ModuleMethods:
    """`module.Class.method` -> a verdict, from the pairs each module gave."""

    __slots__ = ("_given", "_tables")

    def __init__(self) -> None:
        self._given: dict[str, list[tuple[tuple[str, bool], ...]]] = {}
        self._tables: dict[str, dict[str, bool]] = {}

    def add(self, module: str, methods: tuple[tuple[str, bool], ...]) -> None:
        """Keep a module's pairs (a later module of the same name wins a name both give)."""
        if methods:
            self._given.setdefault(module, []).append(methods)
            self._tables.pop(module, None)

    def get(self, qualified: str) -> bool | None:
        """The verdict on `module.Class.method` (None: no such method is known)."""
        parts = qualified.rsplit(".", 2)
        if len(parts) != 3:
            return None
        module, cls, method = parts
        table = self._tables.get(module)
        if table is None:
            given = self._given.get(module)
            if given is None:
                return None
            table = self._tables[module] = {name: v for pairs in given for name, v in pairs}
        return table.get(f"{cls}.{method}")
