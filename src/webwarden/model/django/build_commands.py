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

Sphinx's configuration (`docs/conf.py`) is such a script whatever its lines run: its line
setting `DJANGO_SETTINGS_MODULE` (`os.environ["DJANGO_SETTINGS_MODULE"] = "site.doc_settings"`)
selects the settings autodoc imports the project with to build the documentation, which
no server runs.

A Dockerfile may also put a settings file in place for the build alone: `COPY
deploy/build_settings.py site/settings_local.py`, a later `RUN ./manage.py collectstatic
&& rm site/settings_local.py` in the same stage. The file copied is gone before the
image is finished, and the image runs with the one its operator mounts there: the module
copied (named by its path on the `COPY` line) is loaded only to build, as if a build
command's line named it.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from webwarden.discover.files import SourceFile
from webwarden.last_answer import LastAnswer
from webwarden.model.launch_scripts import script_stamps, script_texts
from webwarden.model.roles import BUILD_COMMANDS

_COMMAND = re.compile(r"(?<![\w-])(" + "|".join(sorted(BUILD_COMMANDS)) + r")(?![\w-])")
_SPHINX = re.compile(r"\bsphinx\b", re.IGNORECASE)
"""Words of a Sphinx configuration (`conf.py`): its generated comments name Sphinx, and
its `extensions` list `sphinx.ext.autodoc` and the like."""
_SELECTS = "DJANGO_SETTINGS_MODULE"
"""What a Sphinx configuration's line selecting the settings names (not a comment's word)."""
_SRC_LAYOUT = "src."
"""The folder of a src layout (`src/site/settings/static.py`), which is on the path: the
scripts name the module without it (`site.settings.static`)."""


def build_only(
    root: Path, files: Collection[SourceFile], max_size: int, modules: Collection[str]
) -> frozenset[str]:
    """Those of `modules` (dotted names) that the project's scripts name, each time on a
    line running a build command."""
    if not modules:
        return frozenset()
    stamps = script_stamps(files)
    if stamps is None:
        return _build_only(root, files, max_size, modules)
    key = (root, max_size, frozenset(modules), stamps)
    return _LAST.get(key, lambda: _build_only(root, files, max_size, modules))


_LAST: LastAnswer[object, frozenset[str]] = LastAnswer()
"""The last answer and what it was made from: the daemon and `watch` ask again after each
edit, and the scripts it reads (every Dockerfile, workflow and JSON file of the tree) seldom
change."""


def _build_only(
    root: Path, files: Iterable[SourceFile], max_size: int, modules: Collection[str]
) -> frozenset[str]:
    imported = {m: m.removeprefix(_SRC_LAYOUT) for m in modules}
    names = {m: re.compile(rf"(?<![\w.]){re.escape(i)}(?![\w.])") for m, i in imported.items()}
    built: set[str] = set()
    other: set[str] = set()
    for name, text in script_texts(root, files, max_size):
        if _DOCKERFILE.match(name):
            built.update(m for m in modules for copied in _copied_for_build(text) if _is(copied, m))
        named = [m for m in names if imported[m] in text]
        documents = bool(named) and name == "conf.py" and _SPHINX.search(text) is not None
        for line in text.splitlines() if named else ():
            for module in named:
                if names[module].search(line):
                    builds = _COMMAND.search(line) or (documents and _SELECTS in line)
                    (built if builds else other).add(module)
    return frozenset(built - other)


_DOCKERFILE = re.compile(r"(?:Dockerfile|Containerfile)[^/]*$|.*\.dockerfile$", re.IGNORECASE)
_REMOVE = re.compile(r"(?:^|&&|;|\|\|)\s*rm\s+((?:-\w+\s+)*)([^&;|]+)")
"""`rm [-f] PATH...` as one command of a `RUN` line (`... collectstatic && rm x.py`)."""


def _is(path: str, module: str) -> bool:
    """Whether the file `path` (`deploy/site/settings.py`) may hold the module `module`
    (`site.settings`, or `src.site.settings` of a src layout)."""
    if not path.endswith(".py"):
        return False
    dotted = path.removesuffix(".py").replace("/", ".")
    module = module.removeprefix(_SRC_LAYOUT)
    return dotted == module or dotted.endswith("." + module)


def _copied_for_build(text: str) -> Iterator[str]:
    """The sources (paths in the build context) of a Dockerfile's `COPY` or `ADD` lines
    whose destination a later `RUN` line of the same stage removes, after a build command
    ran in that stage (see the module docstring)."""
    copies: dict[str, list[str]] = {}
    workdir = "/"
    built = False
    for line in _instructions(text):
        word, _, rest = line.partition(" ")
        word = word.upper()
        if word == "FROM":
            copies, workdir, built = {}, "/", False
        elif word == "WORKDIR":
            workdir = posixpath.join(workdir, rest.strip())
        elif word in {"COPY", "ADD"}:
            parts = [p for p in _split(rest) if not p.startswith("--")]
            if len(parts) >= 2 and not any(p.startswith("--from") for p in _split(rest)):
                *sources, target = parts
                for source in sources:
                    where = target + posixpath.basename(source) if target.endswith("/") else target
                    copies.setdefault(posixpath.join(workdir, where), []).append(source)
        elif word == "RUN":
            built = built or _COMMAND.search(rest) is not None
            for found in _REMOVE.finditer(rest):
                for removed in _split(found.group(2)):
                    gone = copies.pop(posixpath.join(workdir, removed), [])
                    yield from (posixpath.normpath(s) for s in gone if built)


def _instructions(text: str) -> Iterator[str]:
    """The instructions of a Dockerfile, each on one line (continuations joined,
    comments dropped)."""
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        yield pending + line
        pending = ""
    if pending:
        yield pending


def _split(words: str) -> list[str]:
    try:
        return shlex.split(words)
    except ValueError:
        return words.split()
