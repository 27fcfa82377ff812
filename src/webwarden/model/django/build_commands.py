"""Settings modules that the project's scripts load only to build its files.

A Dockerfile's `RUN DJANGO_SETTINGS_MODULE=site.settings.static python manage.py
collectstatic --noinput`, or a CI step's, loads a settings module to collect the static
files (or compile the translations, compress the assets) while the image is built: no
server runs with it, no request reaches it, no cookie is set under it. A settings module
whose name says nothing of its role, that no Python entry point names, and that the
project's scripts (Dockerfiles, compose files, CI workflows, Makefiles, shell scripts,
Procfiles, INI, TOML and `.env` files, Gunicorn configurations) name only on lines that
run such a build command, is such a module. A line naming it without one (`gunicorn`,
`runserver`, `migrate`, a compose service's `DJANGO_SETTINGS_MODULE: ...`) keeps it
what its name says.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Collection, Iterable
from pathlib import Path

from webwarden.discover.files import SourceFile
from webwarden.parse import read_text

BUILD_COMMANDS = frozenset({"collectstatic", "compilemessages", "compress", "compilescss"})
"""Management commands that write files and serve nothing: django.contrib.staticfiles',
Django's translations, django-compressor's offline compression, django-sass-processor's."""
_COMMAND = re.compile(r"(?<![\w-])(" + "|".join(sorted(BUILD_COMMANDS)) + r")(?![\w-])")
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
_SCRIPT_SIZE = 256 * 1024
"""Scripts are small; a larger file of these names is data (a JSON fixture), not read:
this runs in the project step of every scan, which no per-file cache spares."""


def build_only(
    root: Path, files: Iterable[SourceFile], max_size: int, modules: Collection[str]
) -> frozenset[str]:
    """Those of `modules` (dotted names) that the project's scripts name, each time on a
    line running a build command."""
    if not modules:
        return frozenset()
    names = {m: re.compile(rf"(?<![\w.]){re.escape(m)}(?![\w.])") for m in modules}
    built: set[str] = set()
    other: set[str] = set()
    for file in files:
        if not _SCRIPT_NAME.match(file.name) or file.size > _SCRIPT_SIZE:
            continue
        text = read_text(root / file.relpath, max_size, lenient=True)
        if not isinstance(text, str):
            continue
        named = [m for m in names if m in text]
        for line in text.splitlines() if named else ():
            for module in named:
                if names[module].search(line):
                    (built if _COMMAND.search(line) else other).add(module)
    return frozenset(built - other)
