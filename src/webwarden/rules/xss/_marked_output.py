"""The project's filter (or tag) that marks a template output safe unescaped, as the last
step of the output (WW554's message says what it marks; WW552 reports such filters)."""

from __future__ import annotations

from webwarden.findings import Location
from webwarden.model.templates.build import TemplateModel
from webwarden.model.templates.facts import FilterDefFact, FilterUseFact

BUILTIN_MARKERS = frozenset({"safe", "safeseq"})
"""Django's own `safe` filters are WW550's (when Django's source is scanned itself)."""


def marking_definitions(model: TemplateModel) -> dict[tuple[str, str], FilterDefFact]:
    """The project's filters and tags that return their input marked safe unescaped, by
    (name, kind)."""
    return {(d.name, d.kind): d for defs in model.filters.values() for d in defs if d.marks_safe}


def marking_at(model: TemplateModel, where: Location) -> tuple[FilterUseFact, FilterDefFact] | None:
    """The use of such a filter whose marked result is what the output at `where` writes
    (no filter applied after it), with its definition; None for none."""
    facts = model.files.get(where.path)
    if facts is None:
        return None
    unsafe = marking_definitions(model)
    for use in facts.filters:
        if (use.line, use.column) != (where.line, where.column) or use.then:
            continue
        definition = unsafe.get((use.name, use.kind))
        if definition is not None and use.name not in BUILTIN_MARKERS:
            return use, definition
    return None


def shown_use(use: FilterUseFact) -> str:
    """`|bold` for a filter, `{% badge %}` for a tag."""
    return f"|{use.name}" if use.kind == "filter" else f"{{% {use.name} %}}"
