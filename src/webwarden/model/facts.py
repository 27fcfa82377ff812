"""Per-file fact extractors: how framework models learn about a module.

The per-file step runs every extractor on every parsed Python module and stores what it
returns (small, picklable data, never AST nodes) in `ModuleSummary.facts[name]`. The
project step then builds the Django and Flask models from those facts alone, so the
per-file step can run in worker processes and be cached by content hash.

An extractor is registered by adding it to `EXTRACTORS` in the module that defines it,
and that module is listed in `EXTRACTOR_MODULES` so it is imported before a scan.
"""

from __future__ import annotations

import importlib
import pickle
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, partial

from webwarden.deep_stack import with_room
from webwarden.model.module import FileContext
from webwarden.pickling import fast_pickling


@dataclass(frozen=True, slots=True)
class FactExtractor:
    """A named function from a module's context to picklable facts (None: nothing)."""

    name: str
    extract: Callable[[FileContext], object | None]
    in_tests: bool = True
    """False when no consumer reads these facts from a test module (`ModuleSummary.is_test`):
    the per-file step does not run the extractor on test modules, two thirds of a large
    tree."""


@dataclass(frozen=True, slots=True)
class Packed:
    """Facts kept pickled until a project-level pass asks for them.

    For large facts that a warm scan may not need at all (the taint IR, when the taint
    results come from the cache): unpickling bytes is nearly free, unpickling hundreds of
    thousands of small objects is not.
    """

    data: bytes

    @classmethod
    def of(cls, value: object) -> Packed:
        """`value`, pickled."""
        return cls(pickle.dumps(value, protocol=5))

    def unpack(self) -> object:
        """The value again."""
        return pickle.loads(self.data)  # noqa: S301 - our own facts, made by this process or its workers


_NONE = object()


class Facts(Mapping[str, object]):
    """A module's facts by extractor name, each value kept pickled until first read.

    Pickling pickles every value on its own and unpickling keeps those bytes: the project
    passes of a scan after an edit read a few of the facts the cache holds (the views of
    the modules routes lead to, not of every module), and pay only for what they read.
    Equal facts compare equal whatever their bytes (a set pickles in hash order).
    """

    __slots__ = ("_packed", "_values")

    def __init__(self, values: Mapping[str, object] | None = None) -> None:
        self._values: dict[str, object] = dict(values or {})
        self._packed: dict[str, bytes] = {}
        """Every value by name, pickled (b"" once read), when these facts came from a
        pickle; their order is the facts' order."""

    def get(self, name: str, default: object = None) -> object:
        """The fact `name` (unpickled on first read), or `default` when there is none.

        NOTE: not `Mapping.get`, which would raise and catch a `KeyError` for every
        module without the fact, and rules ask every module.
        """
        value = self._values.get(name, _NONE)
        if value is _NONE:
            data = self._packed.get(name)
            if data is None:
                return default
            value = self._values[name] = pickle.loads(data)  # noqa: S301 - our own facts
            # NOTE: no second copy of a read value (the taint IR's bytes are megabytes);
            # an empty pickle is never a value's.
            self._packed[name] = b""
        return value

    def __getitem__(self, name: str) -> object:
        value = self.get(name, _NONE)
        if value is _NONE:
            raise KeyError(name)
        return value

    def __contains__(self, name: object) -> bool:
        return name in (self._packed or self._values)

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed or self._values)

    def __len__(self) -> int:
        return len(self._packed or self._values)

    def __repr__(self) -> str:
        return f"Facts({list(self)!r})"

    def __getstate__(self) -> dict[str, bytes]:
        return {
            name: self._packed.get(name) or pickle.dumps(self[name], protocol=5) for name in self
        }

    def __setstate__(self, state: dict[str, bytes]) -> None:
        self._packed = state
        self._values = {}


EXTRACTORS: list[FactExtractor] = []
EXTRACTOR_MODULES: tuple[str, ...] = (
    "webwarden.model.flask.extract",
    "webwarden.model.flask.invenio",
    "webwarden.model.django.extractors",
    "webwarden.model.secrets",
    "webwarden.model.auth",
    "webwarden.model.templates.extract",
    "webwarden.model.yaml_loaders",
    "webwarden.model.operator_callers",
    "webwarden.model.converters",
    "webwarden.model.random_makers",
    "webwarden.model.signed_tokens",
    "webwarden.model.config_references",
    "webwarden.model.regex_validators",
    "webwarden.analysis.taint.extract",
)
"""Modules that register extractors on import (framework models add themselves here)."""


@cache
def extractors() -> tuple[FactExtractor, ...]:
    """Every registered extractor, after importing the modules that register them."""
    for module in EXTRACTOR_MODULES:
        importlib.import_module(module)
    return tuple(EXTRACTORS)


def extract_facts(ctx: FileContext, skipped: list[str] | None = None) -> Facts:
    """Run every extractor on one module (on a test module, those `in_tests`); keep the
    non-None results. An extractor that
    recurses too deep (a 400-term `+` chain, a 400-branch `elif`) runs again with room to
    recurse (`with_room`); one that runs out even so gives nothing, and its name is added
    to `skipped`: the module's other facts and findings stand."""
    facts: dict[str, object] = {}
    tests = ctx.is_test_file
    for extractor in extractors():
        if tests and not extractor.in_tests:
            continue
        try:
            value = with_room(partial(extractor.extract, ctx))
        except RecursionError:
            if skipped is not None:
                skipped.append(extractor.name)
            continue
        if value is not None:
            facts[extractor.name] = value
    return Facts(facts)


fast_pickling(globals())
