"""The URLconf entries of a project's modules, with those of includes written in place."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from webwarden.model.django.extract_urls import UrlEntry, UrlFacts
from webwarden.model.django.project import URL_FACTS

if TYPE_CHECKING:
    from webwarden.model.project import ProjectModel


def _never(_: UrlEntry) -> bool:
    return False


def url_entries(
    project: ProjectModel, skip: Callable[[UrlEntry], bool] = _never
) -> Iterator[UrlEntry]:
    """Each entry of the URLconfs of the project's modules (not its tests'): the module's
    `urlpatterns` and its other module-level lists of routes (`api_urls = [...]`), each
    entry followed by those of an include written in place under it (`include([...])`).
    Not an entry `skip` refuses, nor what it includes; an entry reached twice (a list
    both kept and included in place) is given once."""
    for summary in project.modules.values():
        facts = summary.facts.get(URL_FACTS)
        if summary.is_test or not isinstance(facts, UrlFacts):
            continue
        listed = [entry for _, entries in facts.lists for entry in entries]
        seen: set[tuple[int, int]] = set()
        for entry in _walk([*facts.entries, *listed], skip):
            where = (entry.location.line, entry.location.column)
            if where not in seen:
                seen.add(where)
                yield entry


def _walk(entries: Iterable[UrlEntry], skip: Callable[[UrlEntry], bool]) -> Iterator[UrlEntry]:
    for entry in entries:
        if skip(entry):
            continue
        yield entry
        if entry.include is not None and entry.include.entries is not None:
            yield from _walk(entry.include.entries, skip)
