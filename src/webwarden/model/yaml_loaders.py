"""PyYAML loader classes a module derives (`class Loader(yaml.SafeLoader)`), so that a
load in another module given one (`yaml.load(text, Loader=yaml_file.Loader)`) can be
judged by what it derives from."""

from __future__ import annotations

import ast

from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext
from webwarden.model.project import ProjectModel

YAML_LOADER_FACTS = "yaml_loaders"
_MAX_DEPTH = 8

LoaderFacts = tuple[tuple[str, tuple[str, ...]], ...]
"""(class name, qualified bases) of each module-level class with a `...Loader` base."""


def extract_loaders(ctx: FileContext) -> LoaderFacts | None:
    """The module-level classes deriving from a class named like a loader."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for statement in ctx.tree.body:
        if not isinstance(statement, ast.ClassDef):
            continue
        bases = tuple(ctx.qualified_here(base) or "" for base in statement.bases)
        if any(base.rsplit(".", 1)[-1].endswith("Loader") for base in bases):
            found.append((statement.name, bases))
    return tuple(found) or None


def derives_from(project: ProjectModel, qualified: str, ancestors: frozenset[str]) -> bool:
    """Whether the project's class `qualified` derives from one of `ancestors`, through
    project classes of any module."""
    return _derives(project, qualified, ancestors, 0)


def _derives(project: ProjectModel, qualified: str, ancestors: frozenset[str], depth: int) -> bool:
    module, _, name = qualified.rpartition(".")
    summary = project.modules_named(module) if module and depth < _MAX_DEPTH else None
    facts = summary.facts.get(YAML_LOADER_FACTS) if summary is not None else None
    if not isinstance(facts, tuple):
        return False
    for class_name, bases in facts:
        if class_name == name:
            return any(
                base in ancestors or _derives(project, base, ancestors, depth + 1) for base in bases
            )
    return False


EXTRACTORS.append(FactExtractor(YAML_LOADER_FACTS, extract_loaders))
