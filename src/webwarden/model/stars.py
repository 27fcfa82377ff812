"""Names brought by star imports (`from .helpers import *`), resolved across modules.

A module's per-file summary lists its star imports, the names it reads that only they can
have bound, and what a star import of it takes (its literal `__all__`, else its public
names and those its own star imports bring). The project step adds to the import aliases
of every star-importing module the names those imports bring (and those it reads that a
module outside the project must have brought), so the models and the taint analysis
follow `Search(...)` to `app.utils.search.Search`, and `forms.InviteForm` through a
package re-exporting its modules, as they follow a named import. Import cycles end the chain; each module's exports are worked out once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from webwarden.model.project import ModuleSummary, module_files

_SEVERAL = "?"
"""The source of the other names when several unreadable modules are star-imported."""

Exports = tuple[Mapping[str, str], str]
"""(name -> the qualified name it stands for, the module any other name would come from:
a module outside the project whose names webwarden cannot list; "" for none, `_SEVERAL`
when several could)."""


class _Exports:
    """What a star import of each module takes, worked out once per module."""

    def __init__(self, modules: Mapping[str, ModuleSummary]) -> None:
        self.by_name = {name: modules[r] for name, r in module_files(modules).items()}
        self._done: dict[str, Exports] = {}
        self._active: set[str] = set()

    def of(self, module: str) -> Exports:
        """What `from module import *` binds."""
        known = self._done.get(module)
        if known is not None:
            return known
        summary = self.by_name.get(module)
        if summary is None:
            return {}, module
        if module in self._active:
            return {}, ""  # NOTE: an import cycle: the names of the module so far.
        self._active.add(module)
        try:
            found = self._done[module] = self._exports(summary)
        finally:
            self._active.discard(module)
        return found

    def brought(self, stars: tuple[str, ...]) -> Exports:
        """The names these star imports bind, in order (the last import of a name wins)."""
        names: dict[str, str] = {}
        sources: set[str] = set()
        for target in stars:
            brought, source = self.of(target)
            names.update(brought)
            if source:
                sources.add(source)
        source = next(iter(sources)) if len(sources) == 1 else (_SEVERAL if sources else "")
        return names, source

    def _exports(self, summary: ModuleSummary) -> Exports:
        module = summary.module
        starred, source = self.brought(summary.stars)
        own = {name: summary.imports.get(name, f"{module}.{name}") for name in summary.exports}
        if summary.declared_all is None:
            return {**starred, **own}, source
        names: dict[str, str] = {}
        for name in summary.declared_all:
            if name in own:
                names[name] = own[name]
            elif name in starred:
                names[name] = starred[name]
            elif source and source != _SEVERAL:
                names[name] = f"{source}.{name}"
            else:
                # NOTE: a submodule (`__all__ = ["views"]` imports `pkg.views`), or a name
                # bound some way webwarden does not read.
                names[name] = summary.imports.get(name, f"{module}.{name}")
        return names, ""


def resolve_star_imports(modules: Mapping[str, ModuleSummary]) -> dict[str, ModuleSummary]:
    """`modules`, the summaries of star-importing modules replaced by copies whose
    `imports` also map the names they read from their star imports.

    A name two star imports bind is the later one's; a name bound by no star import of
    the project is taken from the one star-imported module outside it, if there is just
    one (`from flask import *`); the module's own imports and definitions win.
    """
    result = dict(modules)
    exports: _Exports | None = None
    for relpath, summary in modules.items():
        if not summary.stars:
            continue
        exports = exports or _Exports(modules)
        names, source = exports.brought(summary.stars)
        # NOTE: every name brought, not only those the module reads: other modules name
        # them through it (`from bookwyrm import forms` for `forms/__init__.py`'s
        # `from .admin import *`, then `forms.CreateInviteForm`).
        added = {n: q for n, q in names.items() if n not in summary.exports}
        for name in sorted(summary.star_names):
            if name not in names and source and source != _SEVERAL:
                added[name] = f"{source}.{name}"
        if added:
            result[relpath] = replace(summary, imports={**added, **summary.imports})
    return result
