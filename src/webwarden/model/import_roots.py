"""Which folders Python imports as packages, given where `manage.py` runs from.

Python puts the folder of the script it runs first on `sys.path`. A Django project whose
`manage.py` sits inside a folder that also holds an `__init__.py`, and whose settings it
names from that folder (`DJANGO_SETTINGS_MODULE = "settings"` beside `settings/`), or
whose `manage.py` imports a module beside it by its own name (`from utils import
load_settings` beside `utils/`) when it names no settings module at all,
imports its modules as top-level names (`from utils.mixins import ...`), not under the
folder's name: that folder is where its module names start, not a package, and neither
is any folder above it (`src/__init__.py` over `src/backend/manage.py`). A `manage.py` in
a folder without `__init__.py` that is a namespace folder inside a package counts too.

The other way round, a folder without `__init__.py` beside a `manage.py` that is in no
package, holding the project's apps (`apps/pages/` with `apps/pages/__init__.py`), is a
namespace package (PEP 420) from that folder: Python imports `apps/pages/views.py` as
`apps.pages.views`, and Django loads the app as the settings name it
(`INSTALLED_APPS = ["apps.pages"]`). It is taken as one when the settings module
`manage.py` names writes a dotted name starting with the folder's name (a project that
puts the folder itself on `sys.path` names its apps `"pages"` and keeps the short names).
Likewise any folder without `__init__.py`, in no package, holding packages that the
project imports through the folder's name (a Flask app's `app.py` beside `frontend/`
registering `from frontend.sso.routes import sso_bp`, `frontend/sso/__init__.py` present
but no `frontend/__init__.py`), more often than by their own (a `src/` put on `sys.path`
keeps the short names): the modules beside the folder and the folder's own modules say.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Sequence

from webwarden.discover import SourceFile
from webwarden.last_answer import LastAnswer
from webwarden.model.names import package_dirs
from webwarden.model.namespace_imports import imported_namespaces
from webwarden.parse.guards import Unreadable, read_text

_SETTINGS_MODULE = re.compile(
    r"""DJANGO_SETTINGS_MODULE['"]\)?\s*(?:,|\]?\s*=)\s*(?:str\()?['"]([\w.]+)['"]"""
)
"""`os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")`, or assigned."""
_MAX_SCRIPT_SIZE = 100_000


_RETURNED: dict[frozenset[str], frozenset[str]] = {}
"""The sets `importable_packages` returned lately, each once: a scan asks twice (the plan,
the taint inputs), and `module_name`'s cache finds its entries fast for the same set
object but compares every folder for an equal one, at each of thousands of calls."""


_LAST: LastAnswer[tuple[SourceFile, ...], frozenset[str]] = LastAnswer(
    lambda kept, asked: _same_items(kept, asked)
)
"""The files of the last call and the answer: the plan and the taint inputs of one scan
ask for the same files (the same objects: compared by identity, not by value)."""


def importable_packages(files: Sequence[SourceFile]) -> frozenset[str]:
    """The folders holding an `__init__.py` (see `package_dirs`), less those a
    `manage.py` in them runs from (see the module docstring)."""
    return _LAST.get(tuple(files), lambda: _answer(files))


def _answer(files: Sequence[SourceFile]) -> frozenset[str]:
    found = _importable_packages(files)
    if len(_RETURNED) > 8:
        _RETURNED.clear()
    return _RETURNED.setdefault(found, found)


def _is_manage_script(file: SourceFile) -> bool:
    # NOTE: `endswith` first: every file of the tree is asked, twice a scan.
    return file.relpath.endswith("manage.py") and file.name == "manage.py"


def _same_items(kept: tuple[SourceFile, ...], files: Sequence[SourceFile]) -> bool:
    return len(kept) == len(files) and all(map(operator.is_, kept, files))


def _importable_packages(files: Sequence[SourceFile]) -> frozenset[str]:
    relpaths = [f.relpath for f in files]
    packages = package_dirs(relpaths)
    present = frozenset(relpaths)
    packages |= _namespace_folders(files, packages, present)
    packages |= imported_namespaces(files, packages)
    scripts = [
        f for f in files if _is_manage_script(f) and _in_package(_folder(f.relpath), packages)
    ]
    if not scripts:
        return packages
    roots = {_folder(f.relpath) for f in scripts if _runs_from_its_folder(f, present)}
    # NOTE: the folders above a root go too: a stray `__init__.py` there (`src/__init__.py`
    # over `src/backend/manage.py`) would otherwise name the root's modules through it
    # (`src.backend.config.env` for the `config.env` the project imports).
    return packages - {folder for root in roots for folder in _self_and_above(root)}


_DOTTED_STRING = re.compile(r"""['"]([A-Za-z_]\w*)\.[A-Za-z_]""")
"""The first name of a dotted name written as a string (`"apps.pages"`)."""
_MAX_NAMESPACE_SCRIPTS = 8


def _namespace_folders(
    files: Sequence[SourceFile], packages: frozenset[str], present: frozenset[str]
) -> frozenset[str]:
    """The folders without `__init__.py` beside a `manage.py` in no package that hold
    packages and whose name starts a dotted name the settings module it names writes
    (see the module docstring)."""
    scripts = [
        f for f in files if _is_manage_script(f) and not _in_package(_folder(f.relpath), packages)
    ]
    found: set[str] = set()
    for script in scripts[:_MAX_NAMESPACE_SCRIPTS]:
        folder = _folder(script.relpath)
        prefix = folder + "/" if folder else ""
        holders = {
            package[len(prefix) :].partition("/")[0]
            for package in packages
            if package.startswith(prefix) and package.count("/") == prefix.count("/") + 1
        }
        candidates = {name for name in holders if prefix + name not in packages and "." not in name}
        if not candidates:
            continue
        written = _settings_first_names(script, folder, present)
        found.update(prefix + name for name in candidates & written)
    return frozenset(found)


def _settings_first_names(script: SourceFile, folder: str, present: frozenset[str]) -> set[str]:
    """The first names of the dotted strings of the settings module `manage.py` names
    (`apps` of `"apps.pages"`), read from its file or package."""
    text = read_text(script.path, _MAX_SCRIPT_SIZE)
    if isinstance(text, Unreadable):
        return set()
    named = _SETTINGS_MODULE.search(text)
    if named is None:
        return set()
    prefix = folder + "/" if folder else ""
    base = prefix + named.group(1).replace(".", "/")
    candidates = [base + ".py", base + "/__init__.py"]
    root = script.path.parent
    names: set[str] = set()
    for relpath in candidates:
        if relpath not in present:
            continue
        settings = read_text(root / relpath[len(prefix) :], _MAX_SCRIPT_SIZE * 10)
        if not isinstance(settings, Unreadable):
            names.update(_DOTTED_STRING.findall(settings))
    return names


def _folder(relpath: str) -> str:
    return relpath.rpartition("/")[0]


def _self_and_above(folder: str) -> list[str]:
    parts = folder.split("/")
    return ["/".join(parts[:depth]) for depth in range(len(parts), 0, -1)]


def _in_package(folder: str, packages: frozenset[str]) -> bool:
    """Whether `folder` is a package or a namespace folder inside one (see `module_name`)."""
    return bool(folder) and any(above in packages for above in _self_and_above(folder))


def _runs_from_its_folder(script: SourceFile, present: frozenset[str]) -> bool:
    """Whether the settings module `manage.py` names is found from its own folder
    (`settings` as `settings.py` or `settings/__init__.py` beside it) and not through
    the folder's package name (`mysite.settings`)."""
    text = read_text(script.path, _MAX_SCRIPT_SIZE)
    if isinstance(text, Unreadable):
        return False
    folder = _folder(script.relpath)
    found = _SETTINGS_MODULE.search(text)
    if found is None:
        return any(_beside(folder, name, present) for name in _imported(text))
    return _beside(folder, found.group(1).split(".", 1)[0], present)


def _beside(folder: str, first: str, present: frozenset[str]) -> bool:
    """Whether the top-level name `first` is a module or package in `folder` itself,
    not the folder's own package name."""
    if first == folder.rpartition("/")[2]:
        return False
    prefix = folder + "/" if folder else ""
    return f"{prefix}{first}.py" in present or f"{prefix}{first}/__init__.py" in present


def _imported(text: str) -> list[str]:
    """The first names of the absolute imports of a `manage.py` that names no Django
    settings module (one that loads its settings itself: `from utils import
    load_settings`, with the module named in a variable of its own): a module beside it
    imported so is found only from its folder."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name.split(".", 1)[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module.split(".", 1)[0])
    return found
