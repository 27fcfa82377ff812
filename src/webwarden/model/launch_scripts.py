"""The project's scripts: the files that start its processes or build its images.

Dockerfiles, compose files, CI workflows, Makefiles, shell scripts, Procfiles, INI,
TOML and `.env` files, Gunicorn configurations: where a command line names the module a
process loads (`gunicorn shop.wsgi`, `celery -A shop.worker worker`,
`DJANGO_SETTINGS_MODULE=shop.settings.static ... collectstatic`).
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from webwarden.discover import SourceFile
from webwarden.parse import read_text

_SCRIPT_PATTERNS = (
    "Dockerfile*",
    "Containerfile*",
    "*.dockerfile",
    "Makefile",
    "*.mk",
    "Procfile*",
    "*.sh",
    "*.bash",
    "*.yml",
    "*.yaml",
    "*.ini",
    "*.cfg",
    "*.toml",
    "*.json",
    ".env*",
    "*.env",
    "gunicorn*.py",
    "*conf*.py",
)
_SCRIPT_NAME = re.compile("|".join(fnmatch.translate(p) for p in _SCRIPT_PATTERNS))
SCRIPT_SIZE = 256 * 1024
"""Scripts are small; a larger file of these names is data (a JSON fixture), not read:
this runs in the project step of every scan, which no per-file cache spares."""


@functools.cache
def is_script(name: str) -> bool:
    """Whether a file of this name (not path) is one of the project's scripts."""
    return _SCRIPT_NAME.match(name) is not None


def script_stamps(
    files: Iterable[SourceFile],
) -> tuple[tuple[str, tuple[int, int, int]], ...] | None:
    """(relpath, size, modification time, inode) of each of the project's scripts that
    `script_texts` reads: what their texts are known by while those hold; None when a
    file's stats are not known."""
    found = []
    for file in files:
        if is_script(file.name) and file.size <= SCRIPT_SIZE:
            if not file.mtime_ns:
                return None
            found.append((file.relpath, file.stats))
    return tuple(found)


def script_texts(
    root: Path, files: Iterable[SourceFile], max_size: int
) -> Iterator[tuple[str, str]]:
    """(file name, text) of each of the project's scripts that reads as text."""
    for file in files:
        if not is_script(file.name) or file.size > SCRIPT_SIZE:
            continue
        text = read_text(root / file.relpath, max_size, lenient=True)
        if isinstance(text, str):
            yield file.name, text
