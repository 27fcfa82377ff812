"""Folders without `__init__.py` that a project imports as namespace packages (PEP 420).

A folder in no package that holds packages (`frontend/sso/__init__.py`, no
`frontend/__init__.py`) is imported under its own name when Python runs from the folder
above it: `from frontend.sso.routes import sso_bp` in an `app.py` beside it, or inside
its own modules. A project that puts the folder itself on `sys.path` (a `src/` layout
run uninstalled) imports the same packages by their short names (`from sso.routes import
...`). Which one holds is read from the imports: those of the Python files beside the
folder and of a sample of the folder's own modules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from webwarden.discover import FileKind, SourceFile
from webwarden.parse.guards import Unreadable, read_text

_MAX_CANDIDATES = 24
_MAX_FILES_READ = 40
"""Files read per candidate folder (beside it, then inside it): enough to see how the
project imports it, bounded on trees with many such folders."""
_MAX_SIZE = 200_000
_IMPORT = re.compile(r"^[ \t]*(?:from|import)[ \t]+([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?", re.M)
"""The first two names of an absolute import (`from frontend.sso.routes import ...`)."""


def imported_namespaces(files: Sequence[SourceFile], packages: frozenset[str]) -> frozenset[str]:
    """The folders without `__init__.py`, in no package, holding packages that the
    project imports through the folder's name more often than by their own names."""
    python = [f for f in files if f.kind is FileKind.PYTHON]
    candidates = sorted(_candidates(packages).items())[:_MAX_CANDIDATES]
    candidates += sorted(_module_folders(python, packages).items())[:_MAX_CANDIDATES]
    if not candidates:
        return frozenset()
    found = set()
    for folder, children in candidates:
        name = folder.rpartition("/")[2]
        through = short = 0
        for first, second in _imports(_sample(python, folder)):
            if first == name and second in children:
                through += 1
            elif first in children:
                short += 1
        if through > short:
            found.add(folder)
    return frozenset(found)


def _candidates(packages: frozenset[str]) -> dict[str, set[str]]:
    """Folders not themselves packages nor inside one, with the names of the packages
    directly in them."""
    candidates: dict[str, set[str]] = {}
    for package in packages:
        folder, _, child = package.rpartition("/")
        if not folder or not child.isidentifier() or not folder.rpartition("/")[2].isidentifier():
            continue
        if not _in_package(folder, packages):
            candidates.setdefault(folder, set()).add(child)
    return candidates


def _module_folders(python: Sequence[SourceFile], packages: frozenset[str]) -> dict[str, set[str]]:
    """Folders in no package, holding no package, with the names of the modules directly
    in them (`blueprints/` with `root.py` and `dashboard.py`)."""
    holding_packages = {package.rpartition("/")[0] for package in packages}
    folders: dict[str, set[str]] = {}
    for file in python:
        folder, _, name = file.relpath.rpartition("/")
        stem = name.removesuffix(".py")
        if (
            not folder
            or stem == name
            or not stem.isidentifier()
            or not folder.rpartition("/")[2].isidentifier()
            or folder in holding_packages
            or _in_package(folder, packages)
        ):
            continue
        folders.setdefault(folder, set()).add(stem)
    return folders


def _in_package(folder: str, packages: frozenset[str]) -> bool:
    parts = folder.split("/")
    return any("/".join(parts[:depth]) in packages for depth in range(len(parts), 0, -1))


def _sample(python: Sequence[SourceFile], folder: str) -> list[SourceFile]:
    """The Python files beside `folder`, then those inside it, up to the bound."""
    parent = folder.rpartition("/")[0]
    prefix = folder + "/"
    beside = [f for f in python if f.relpath.rpartition("/")[0] == parent]
    inside = [f for f in python if f.relpath.startswith(prefix)]
    return (beside + inside)[:_MAX_FILES_READ]


_READ: dict[tuple[str, tuple[int, int, int]], tuple[tuple[str, str | None], ...]] = {}
"""The imports read from each file, by path, size, modification time and inode: a
process scanning one tree again (the daemon, `watch`) reads the same sample each scan."""
_MAX_KEPT = 4096


def _imports(files: Iterable[SourceFile]) -> Iterable[tuple[str, str | None]]:
    for file in files:
        stamp = (file.abspath, file.stats)
        found = _READ.get(stamp) if file.mtime_ns else None
        if found is None:
            found = _read_imports(file)
            if file.mtime_ns:
                if len(_READ) >= _MAX_KEPT:
                    _READ.clear()
                _READ[stamp] = found
        yield from found


def _read_imports(file: SourceFile) -> tuple[tuple[str, str | None], ...]:
    text = read_text(file.path, _MAX_SIZE)
    if isinstance(text, Unreadable):
        return ()
    return tuple((match.group(1), match.group(2)) for match in _IMPORT.finditer(text))
