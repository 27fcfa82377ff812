"""Which files the dependency sources read, by their names alone.

Kept apart from the sources so that finding a project's dependency files imports no
parser: a one-shot check that keeps its last audit (`engine.dependencies`) never needs
one. Each source's `patterns` is one of these.
"""

from __future__ import annotations

import fnmatch
import re

# NOTE: constraints files are read where a requirements file names them (`-c`); a file
# called constraints.txt on its own is as likely documentation (Django's is).
REQUIREMENTS = ("requirements*.txt", "*requirements.txt", "*-requirements*.txt")
PYPROJECT = ("pyproject.toml",)
SETUP_CFG = ("setup.cfg",)
SETUP_PY = ("setup.py",)
PIPFILE = ("Pipfile",)
POETRY_LOCK = ("poetry.lock",)
PIPFILE_LOCK = ("Pipfile.lock",)
UV_LOCK = ("uv.lock",)
PDM_LOCK = ("pdm.lock",)

ALL = (
    *REQUIREMENTS,
    *PYPROJECT,
    *SETUP_CFG,
    *SETUP_PY,
    *PIPFILE,
    *POETRY_LOCK,
    *PIPFILE_LOCK,
    *UV_LOCK,
    *PDM_LOCK,
)
"""Every pattern some source reads."""

_ANY = re.compile("|".join(fnmatch.translate(pattern) for pattern in ALL))


def in_requirements_folder(name: str, parent_parts: tuple[str, ...]) -> bool:
    """Whether `name` is a `.txt` file in a folder called `requirements` (each file there
    is a requirements file, whatever its name: `requirements/base.txt`), but a
    constraints file (`requirements/constraints.txt`, `common_constraints.txt`): it
    installs nothing, and is read where a requirements file names it with `-c`."""
    return (
        bool(parent_parts)
        and parent_parts[-1] == "requirements"
        and name.endswith(".txt")
        and "constraint" not in name.lower()
    )


def is_dependency_file(name: str, parent_parts: tuple[str, ...] = ()) -> bool:
    """Whether some source reads a file called `name` (in folders `parent_parts`)."""
    return in_requirements_folder(name, parent_parts) or _ANY.match(name) is not None
