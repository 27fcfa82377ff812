"""The context a class-based view inherits from base classes of other modules.

Per file, `extract_renders.class_renders` reads the `get_context_data` of the view's own
class and of its bases in the same module; a base imported from another module (a
project's `CreateOrUpdateView` in `admin/utils/views.py`, which every edit view of its
admin derives from) is read there as a `ContextClassFact`, and joined here: its names
are added to each render of a class deriving from it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

from webwarden.model.templates.facts import ContextClassFact, ContextName, RenderFact

_MAX_ANCESTORS = 12


def inherited_contexts(
    renders: list[RenderFact],
    classes: dict[str, ContextClassFact],
    origin: Callable[[str], str],
) -> None:
    """Add to each render of a class in `classes` the names the `get_context_data` of its
    ancestors in other modules add (those of its own module are read already), and
    their opacity; `origin` follows a base's name through re-exports to its class."""
    for index, render in enumerate(renders):
        own = classes.get(render.function)
        if own is None:
            continue
        module = render.function.rpartition(".")[0]
        known = {name.name for name in render.context}
        added: list[ContextName] = []
        opaque = False
        for ancestor in _ancestors(own, classes, origin):
            if ancestor.cls.rpartition(".")[0] == module:
                continue  # NOTE: read with the render, through the module's own lineage
            for name in ancestor.context:
                if name.name not in known:
                    known.add(name.name)
                    added.append(name)
            opaque = opaque or ancestor.opaque
        if added or (opaque and not render.opaque):
            renders[index] = dataclasses.replace(
                render, context=(*render.context, *added), opaque=render.opaque or opaque
            )


def _ancestors(
    own: ContextClassFact, classes: dict[str, ContextClassFact], origin: Callable[[str], str]
) -> Iterator[ContextClassFact]:
    """The class's ancestors that the project defines, nearest first."""
    seen = {own.cls}
    queue = list(own.bases)
    while queue and len(seen) < _MAX_ANCESTORS:
        base = queue.pop(0)
        found = classes.get(base) or classes.get(origin(base))
        if found is None or found.cls in seen:
            continue
        seen.add(found.cls)
        yield found
        queue += found.bases
