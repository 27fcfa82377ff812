"""The project index as a recorded component sees it: every question it asks, with the
answer, is noted by the `Recorder` (see `memo`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeVar

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import Located, ProjectIndex

if TYPE_CHECKING:
    from webwarden.analysis.taint.memo import Recorder

_T = TypeVar("_T")
Query = tuple[str, tuple[object, ...]]
"""A question to the index: the method's name and its arguments."""


def ask(index: ProjectIndex, query: Query) -> object:
    """The answer `index` gives to `query` now."""
    name, args = query
    if name == "functions":
        return index.functions.get(str(args[0]))
    if name == "classes":
        return index.classes.get(str(args[0]))
    method: Callable[..., object] = getattr(index, name)
    if name == "method":
        return method(args[0], args[1], skip_first=bool(args[2]))
    return method(*args)


class RecordingIndex:
    """The project index as the interpreter sees it: every question is recorded."""

    def __init__(self, index: ProjectIndex, recorder: Recorder) -> None:
        self._index = index
        self._recorder = recorder
        self.functions: Mapping[str, Located] = _RecordingMap(
            "functions", index.functions, recorder
        )
        self.classes: Mapping[str, ir.ClassDef] = _RecordingMap("classes", index.classes, recorder)
        self._known: dict[Query, tuple[object, int]] = {}
        """Query -> (answer, id): the index does not change during a run, and most
        questions are asked many times (six in seven on the Django tree)."""

    def _ask(self, query: Query) -> object:
        known = self._known.get(query)
        if known is not None:
            self._recorder.asked_again(known[1])
            return known[0]
        answer = ask(self._index, query)
        self._known[query] = (answer, self._recorder.asked(query, answer))
        return answer

    def resolve(self, name: str) -> str | None:
        """`ProjectIndex.resolve`, recorded."""
        return self._ask(("resolve", (name,)))  # type: ignore[return-value]

    def canonical(self, name: str) -> str:
        """`ProjectIndex.canonical`, recorded."""
        return self._ask(("canonical", (name,)))  # type: ignore[return-value]

    def instance_kind(self, name: str) -> str | None:
        """`ProjectIndex.instance_kind`, recorded."""
        return self._ask(("instance_kind", (name,)))  # type: ignore[return-value]

    def compiled_pattern(self, name: str) -> str | None:
        """`ProjectIndex.compiled_pattern`, recorded."""
        return self._ask(("compiled_pattern", (name,)))  # type: ignore[return-value]

    def mro(self, qualname: str) -> list[str]:
        """`ProjectIndex.mro`, recorded."""
        answer = self._ask(("mro", (qualname,)))
        return [str(name) for name in answer] if isinstance(answer, list) else []

    def method(self, qualname: str, name: str, *, skip_first: bool = False) -> Located | None:
        """`ProjectIndex.method`, recorded."""
        return self._ask(("method", (qualname, name, skip_first)))  # type: ignore[return-value]

    def class_ref(self, qualname: str, name: str) -> str | None:
        """`ProjectIndex.class_ref`, recorded."""
        return self._ask(("class_ref", (qualname, name)))  # type: ignore[return-value]

    def subclass_refs(self, qualname: str, name: str) -> tuple[str, ...]:
        """`ProjectIndex.subclass_refs`, recorded."""
        answer = self._ask(("subclass_refs", (qualname, name)))
        return tuple(str(cls) for cls in answer) if isinstance(answer, tuple) else ()

    def member_class(self, qualname: str, name: str) -> str | None:
        """`ProjectIndex.member_class`, recorded."""
        return self._ask(("member_class", (qualname, name)))  # type: ignore[return-value]

    def member_callee(self, qualname: str, name: str) -> str | None:
        """`ProjectIndex.member_callee`, recorded."""
        return self._ask(("member_callee", (qualname, name)))  # type: ignore[return-value]

    def settled_member(self, qualname: str, name: str) -> str | None:
        """`ProjectIndex.settled_member`, recorded."""
        return self._ask(("settled_member", (qualname, name)))  # type: ignore[return-value]

    def manager_class(self, model: str | None, attr: str) -> str | None:
        """`ProjectIndex.manager_class`, recorded."""
        return self._ask(("manager_class", (model, attr)))  # type: ignore[return-value]

    def is_module(self, name: str) -> bool:
        """`ProjectIndex.is_module`, recorded."""
        return bool(self._ask(("is_module", (name,))))

    def inherits(self, qualname: str, prefixes: tuple[str, ...]) -> bool:
        """`ProjectIndex.inherits`, recorded."""
        return bool(self._ask(("inherits", (qualname, prefixes))))

    def mixed_into(self, qualname: str, prefixes: tuple[str, ...]) -> bool:
        """`ProjectIndex.mixed_into`, recorded."""
        return bool(self._ask(("mixed_into", (qualname, prefixes))))

    def resolved_field(self, qualname: str) -> tuple[str, str] | None:
        """`ProjectIndex.resolved_field`, recorded."""
        return self._ask(("resolved_field", (qualname,)))  # type: ignore[return-value]

    def sole_method(self, name: str) -> str | None:
        """`ProjectIndex.sole_method`, recorded."""
        return self._ask(("sole_method", (name,)))  # type: ignore[return-value]

    def method_definers(self, name: str) -> tuple[str, ...]:
        """`ProjectIndex.method_definers`, recorded."""
        answer = self._ask(("method_definers", (name,)))
        return tuple(str(owner) for owner in answer) if isinstance(answer, tuple) else ()

    def subclass_definers(self, qualname: str, name: str) -> tuple[str, ...]:
        """`ProjectIndex.subclass_definers`, recorded."""
        answer = self._ask(("subclass_definers", (qualname, name)))
        return tuple(str(cls) for cls in answer) if isinstance(answer, tuple) else ()

    def subclasses(self, qualname: str) -> tuple[str, ...]:
        """`ProjectIndex.subclasses`, recorded."""
        answer = self._ask(("subclasses", (qualname,)))
        return tuple(str(cls) for cls in answer) if isinstance(answer, tuple) else ()


class _RecordingMap(Mapping[str, _T]):
    """`index.functions` / `index.classes` with lookups recorded."""

    def __init__(self, name: str, mapping: Mapping[str, _T], recorder: Recorder) -> None:
        self._name = name
        self._mapping = mapping
        self._recorder = recorder

    def __getitem__(self, key: str) -> _T:
        answer = self._mapping.get(key)
        self._recorder.asked((self._name, (key,)), answer)
        if answer is None:
            raise KeyError(key)
        return answer

    def __iter__(self) -> Iterator[str]:
        return iter(self._mapping)

    def __len__(self) -> int:
        return len(self._mapping)
