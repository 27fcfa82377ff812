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
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from webwarden.model.module import FileContext


@dataclass(frozen=True, slots=True)
class FactExtractor:
    """A named function from a module's context to picklable facts (None: nothing)."""

    name: str
    extract: Callable[[FileContext], object | None]


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


EXTRACTORS: list[FactExtractor] = []
EXTRACTOR_MODULES: tuple[str, ...] = (
    "webwarden.model.flask.extract",
    "webwarden.model.django.extractors",
    "webwarden.model.secrets",
    "webwarden.model.auth",
    "webwarden.model.templates.extract",
    "webwarden.analysis.taint.extract",
)
"""Modules that register extractors on import (framework models add themselves here)."""


@cache
def extractors() -> tuple[FactExtractor, ...]:
    """Every registered extractor, after importing the modules that register them."""
    for module in EXTRACTOR_MODULES:
        importlib.import_module(module)
    return tuple(EXTRACTORS)


def extract_facts(ctx: FileContext) -> dict[str, object]:
    """Run every extractor on one module; keep the non-None results."""
    facts: dict[str, object] = {}
    for extractor in extractors():
        value = extractor.extract(ctx)
        if value is not None:
            facts[extractor.name] = value
    return facts
