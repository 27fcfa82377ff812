"""The constants of the project's modules, read when a setting names one
(`webwarden.model.imported`).

NOTE: read with Flask's reader of a config module (UPPERCASE names, as `from_object` copies
them), so a Django settings module reads a constant as a Flask app's config would.

A dotted name the code writes is matched to the module of that name, else to the one file
whose path spells it out: a folder without `__init__.py` above the package (a namespace
package, PEP 420: `mysite/settings/` with no `mysite/__init__.py`) names the module
`settings.base` while the code writes `from mysite.settings.base import *`.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path

from webwarden.model.flask.references import Namer
from webwarden.model.flask.settings import module_settings, settings_open
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver, absolute_module
from webwarden.model.namespace_update import updates_namespace
from webwarden.model.project import ModuleSummary, module_files
from webwarden.parse import ParsedPython, read_python


class ModuleConstants:
    """Reads the constants of the project's modules when a setting names one; a
    `Constants`."""

    def __init__(
        self, root: Path, modules: Mapping[str, ModuleSummary], max_size: int = 2_000_000
    ) -> None:
        self.root = root
        self.max_size = max_size
        self.paths = module_files(modules)
        self._read: dict[str, Mapping[str, object] | None] = {}
        self._parsed: dict[str, FileContext | None] = {}
        self._reading: set[str] = set()

    def __call__(self, module: str) -> Mapping[str, object] | None:
        """The constants of `module` (see `Constants`)."""
        if module not in self._read:
            self._read[module] = self._constants(module)
        return self._read[module]

    def context(self, module: str) -> FileContext | None:
        """The project's module `module`, parsed (a `Modules`); None when it is not the
        project's or cannot be read."""
        if module not in self._parsed:
            self._parsed[module] = self._parse(module)
        return self._parsed[module]

    def _relpath(self, module: str) -> str | None:
        """The relpath of the project's module `module` names: the module of that name,
        else the one module whose file's path spells `module` out, folders and all
        (`mysite/settings/stripe.py` for `mysite.settings.stripe`, which the module
        names `settings.stripe` when `mysite/` has no `__init__.py`), also below a folder
        the scan starts above (`backend/mysite/settings/stripe.py`); None when none or
        several do. A third-party module of the same tail (`rest_framework.settings`)
        matches no file of the project's own `settings.py`, nor does a top-level name
        (`config`) match a file deeper down."""
        found = self.paths.get(module)
        if found is not None:
            return found
        spelt = {
            relpath
            for relpath in self.paths.values()
            if (dotted := _dotted_path(relpath)) == module
            or ("." in module and dotted.endswith("." + module))
        }
        return spelt.pop() if len(spelt) == 1 else None

    def _parse(self, module: str) -> FileContext | None:
        relpath = self._relpath(module)
        parsed = read_python(self.root / relpath, self.max_size) if relpath else None
        if relpath is None or not isinstance(parsed, ParsedPython):
            return None
        names = NameResolver(parsed.tree, module, is_package=relpath.endswith("__init__.py"))
        return FileContext(relpath, module, parsed.lines, parsed.tree, names)

    def _constants(self, module: str) -> Mapping[str, object] | None:
        ctx = self.context(module)
        if ctx is None or module in self._reading:
            return None
        if not settings_open(ctx.tree):
            return {fact.key: fact.value for fact in module_settings(Namer(ctx))}
        self._reading.add(module)
        try:
            starred = self._star_imported(ctx)
        finally:
            self._reading.discard(module)
        if starred is None:
            return None
        return starred | {fact.key: fact.value for fact in module_settings(Namer(ctx))}

    def _star_imported(self, ctx: FileContext) -> dict[str, object] | None:
        """The constants the module's star imports bind, when each imports a project
        module whose own names are all known (a helper module of the settings doing
        `from mysite.lib.errors import *`); None when one imports a module the project
        lacks, or the module updates its namespace (`globals().update(...)`).

        NOTE: the star imports are taken before the module's own statements, which
        override them; a helper rebinding its own constant after the import is rare.
        """
        found: dict[str, object] = {}
        is_package = ctx.relpath.endswith("__init__.py")
        for statement in ctx.tree.body:
            if (
                isinstance(statement, ast.Expr)
                and isinstance(statement.value, ast.Call)
                and updates_namespace(statement.value)
            ):
                return None
            if not isinstance(statement, ast.ImportFrom):
                continue
            if all(alias.name != "*" for alias in statement.names):
                continue
            target = absolute_module(
                ctx.module, statement.level, statement.module, is_package=is_package
            )
            constants = self(target)
            if constants is None:
                return None
            found.update(constants)
        return found


def _dotted_path(relpath: str) -> str:
    """`mysite/settings/stripe.py` -> `mysite.settings.stripe` (a package's
    `__init__.py` -> the package)."""
    stem = relpath.removesuffix(".py").removesuffix("/__init__")
    return stem.replace("/", ".")
