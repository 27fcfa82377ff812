"""Extensions a configuration file names by their dotted path, for an app factory that
imports each by that name and hands it the app: Quokka's `CORE_EXTENSIONS` list in its
YAML settings (`- flask_wtf.csrf.CSRFProtect`), which a loop turns into
`import_string(name)(app)`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from webwarden.discover.files import SourceFile
from webwarden.findings import Location
from webwarden.model.flask.app import Extension, extension_kind

_CONFIG_SUFFIXES = (".yml", ".yaml", ".toml", ".json", ".ini", ".cfg")
_LOADERS = frozenset(
    {"werkzeug.utils.import_string", "werkzeug.import_string", "import_string"}
    | {"importlib.import_module"}
)
"""Functions importing an object by its dotted name: without one, a dotted name in a
configuration file is text the project never imports."""
_DOTTED_CLASS = re.compile(r"(?<![\w.])(flask_\w+(?:\.\w+)*\.[A-Z]\w*)(?![\w.(])")
"""`flask_wtf.csrf.CSRFProtect`: a class of a Flask extension package (its last part
capitalised), written alone: not `flask_wtf.csrf.CSRFProtect(app)` in a code sample."""


def imports_by_name(imported: Iterable[str]) -> bool:
    """Whether the project imports a function that imports objects by their dotted names
    (`werkzeug.utils.import_string`, the `import_string` package, `importlib`)."""
    return any(target in _LOADERS or target.startswith("import_string.") for target in imported)


def named_extensions(
    sources: Iterable[SourceFile], read: Callable[[str], str | None]
) -> Iterator[Extension]:
    """The extension classes the project's configuration files name by their dotted path,
    each as an extension set up on the app with its default options, where it is named.
    Files under a test or example folder are left out."""
    for source in sources:
        relpath = source.relpath
        if not relpath.endswith(_CONFIG_SUFFIXES) or _aside(relpath):
            continue
        text = read(relpath)
        if text is None or "flask_" not in text:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if line.lstrip().startswith(("#", ";", "//")):
                continue
            for match in _DOTTED_CLASS.finditer(line):
                where = Location(relpath, number, match.start() + 1, number, match.end() + 1)
                yield Extension(extension_kind(match.group(1)), "", {}, where)


def _aside(relpath: str) -> bool:
    folders = relpath.lower().split("/")[:-1]
    return any(f in {"tests", "test", "examples", "example", "docs", "doc"} for f in folders)
