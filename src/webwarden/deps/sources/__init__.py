"""Dependency sources: one `DependencySource` per way a project declares its dependencies.

`SOURCES` maps file-name patterns to source classes; `sources_for(name)` picks the
classes that read a file of that name.
"""

from __future__ import annotations

import fnmatch
import re

from webwarden.deps.sources.environment import EnvironmentSource as EnvironmentSource
from webwarden.deps.sources.interface import Collected as Collected
from webwarden.deps.sources.interface import DependencySource as DependencySource
from webwarden.deps.sources.interface import DependencySourceError as DependencySourceError
from webwarden.deps.sources.names import in_requirements_folder
from webwarden.deps.sources.pdm_lock import PdmLockSource
from webwarden.deps.sources.pipfile import PipfileSource
from webwarden.deps.sources.pipfile_lock import PipfileLockSource
from webwarden.deps.sources.poetry_lock import PoetryLockSource
from webwarden.deps.sources.pyproject import PyprojectSource
from webwarden.deps.sources.requirements import RequirementsSource
from webwarden.deps.sources.setup_cfg import SetupCfgSource
from webwarden.deps.sources.setup_py import SetupPySource
from webwarden.deps.sources.uv_lock import UvLockSource

FILE_SOURCES: tuple[type[DependencySource], ...] = (
    RequirementsSource,
    PyprojectSource,
    SetupCfgSource,
    SetupPySource,
    PipfileSource,
    PoetryLockSource,
    PipfileLockSource,
    UvLockSource,
    PdmLockSource,
)
"""Every source that reads a project file, in reporting order."""
_NAMES = tuple(
    (source, re.compile("|".join(fnmatch.translate(p) for p in source.patterns) or "(?!)"))
    for source in FILE_SOURCES
)
"""Each source with its file-name patterns as one expression (asked of every file)."""


def source_for(name: str, parent_parts: tuple[str, ...] = ()) -> type[DependencySource] | None:
    """The source class reading a file called `name` (in folders `parent_parts`), if any."""
    if in_requirements_folder(name, parent_parts):
        return RequirementsSource
    for source, names in _NAMES:
        if names.match(name):
            return source
    return None
