"""Applications side by side whose modules share dotted names, told apart.

The project model knows modules by dotted name: two services each with its own
`app.py` (`svc1/app.py` and `svc2/app.py` are both the module `app`), a `bad/` and a
`good/` copy of one application, or a folder of example apps would be mixed into one
project where one file of each name wins. When files of different import roots name
the same module and one of them is a Flask application's (it imports Flask, or a module
importing Flask imports it), or they are the modules of two applications one of which is
a Django project (each with its own `manage.py` and `mysite/settings.py`, or a Django
project beside a Flask application), the tree is cut into *parts*: one per import root of a
clashing module (the folder and what lies below it, but for a deeper such root),
holding its own modules and the modules of the rest of the tree it imports
by a name it does not have itself, and one part for the rest of the tree. The project
step builds one `ProjectModel` per part, so each application is judged as a scan of its
folder alone judges it; a tree without such a clash stays one project.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from webwarden.model.django.facts import EntryFacts, SettingsFacts
from webwarden.model.django.project import ENTRY_FACTS, SETTINGS_FACTS
from webwarden.model.project import ModuleSummary, import_precedence


@dataclass(frozen=True, slots=True)
class ApplicationPart:
    """One part of a tree cut along its clashing import roots."""

    root: str | None
    """The import root of the application (`svc1`, "" for the top folder); None for the
    rest of the tree."""
    modules: frozenset[str]
    """The relpaths of the part's module summaries (its own and those it imports)."""


def import_root(summary: ModuleSummary) -> str:
    """The folder Python imports the module from (`svc2` for `svc2/app.py` named `app`)."""
    parts = summary.relpath.split("/")
    depth = summary.module.count(".") + (2 if parts[-1] == "__init__.py" else 1)
    return posixpath.join(*parts[:-depth]) if len(parts) > depth else ""


Clash = tuple[str, list[ModuleSummary], bool]
"""A module name, its files (the one `import` finds first, then those of other import
roots) and whether any of them imports Flask."""


def name_clashes(summaries: Iterable[ModuleSummary]) -> list[Clash]:
    """The module names that non-test files of different import roots share, by name.
    A module file beside a package of its name is Python's choice, not a clash."""
    code = [summary for summary in summaries if not summary.is_test]
    if len({summary.module for summary in code}) == len(code):
        return []  # NOTE: the common case, one application: no name twice
    named: dict[str, list[ModuleSummary]] = {}
    for summary in code:
        named.setdefault(summary.module, []).append(summary)
    clashes: list[Clash] = []
    for module, files in sorted(named.items()):
        if len(files) == 1:
            continue
        kept, *others = sorted(files, key=import_precedence)
        clashing = [o for o in others if import_root(o) != import_root(kept)]
        if clashing:
            shown = [kept, *clashing]
            clashes.append((module, shown, any("flask" in s.frameworks for s in shown)))
    return clashes


def clashing_roots(clashes: Iterable[Clash]) -> frozenset[str]:
    """The import roots of the files of the clashes a Flask application's module is in."""
    return frozenset(import_root(s) for _, files, web in clashes if web for s in files)


def _flask_imported(summaries: Iterable[ModuleSummary]) -> frozenset[str]:
    """The modules (and packages) the non-test modules importing Flask import."""
    return frozenset(
        module
        for summary in summaries
        if "flask" in summary.frameworks and not summary.is_test
        for qualified in summary.imports.values()
        for module in _prefixes(qualified)
    )


def _django_roots(summaries: Iterable[ModuleSummary]) -> frozenset[str]:
    """The folders Django projects import their modules from: where each Django
    `manage.py` is (Python puts the folder of the script it runs first on `sys.path`),
    and for each settings module (one assigning a setting only Django has,
    `INSTALLED_APPS`, `MIDDLEWARE`, ...) the nearest folder above it holding a `manage.py`,
    or its own import root for a project served by its `wsgi.py` alone."""
    code = [summary for summary in summaries if not summary.is_test]
    manage = frozenset(
        posixpath.dirname(s.relpath) for s in code if posixpath.basename(s.relpath) == "manage.py"
    )
    return frozenset(
        posixpath.dirname(s.relpath) if _django_manage(s) else _enclosing(import_root(s), manage)
        for s in code
        if _django_manage(s) or _django_settings(s)
    )


def _django_manage(summary: ModuleSummary) -> bool:
    """Whether the module is a Django project's `manage.py`: it imports Django or names
    a settings module (a Flask-Script `manage.py` does neither)."""
    if posixpath.basename(summary.relpath) != "manage.py":
        return False
    entry = summary.facts.get(ENTRY_FACTS)
    return "django" in summary.frameworks or (
        isinstance(entry, EntryFacts) and bool(entry.settings_modules)
    )


def _django_settings(summary: ModuleSummary) -> bool:
    facts = summary.facts.get(SETTINGS_FACTS)
    return isinstance(facts, SettingsFacts) and facts.strong


def _flask_roots(summaries: Iterable[ModuleSummary]) -> frozenset[str]:
    """The import roots of the non-test modules importing Flask."""
    return frozenset(
        import_root(summary)
        for summary in summaries
        if "flask" in summary.frameworks and not summary.is_test
    )


def _enclosing(folder: str, roots: frozenset[str]) -> str:
    """The nearest of `roots` at or above `folder`, or `folder` when none is."""
    found = owner(posixpath.join(folder, "_"), roots)
    return folder if found is None else found


def _projects_cut(clashes: Iterable[Clash], modules: Mapping[str, ModuleSummary]) -> frozenset[str]:
    """The roots of the applications whose modules clash, when two of them are and one is
    a Django project: two projects side by side (each with its `mysite/settings.py`), or a
    Django project beside a Flask application. A clashing module is the nearest enclosing
    application's (a settings folder without `__init__.py` beside `manage.py` is imported
    from the project's folder, as `config.settings`): the apps of one project
    (`accounts.views`, `shop.views`) and a scripts folder beside it are that project's.
    Empty when no clash lies between two such applications."""
    django = _django_roots(modules.values())
    if not django:
        return frozenset()
    applications = django | _flask_roots(modules.values())
    lifted = [{_enclosing(import_root(s), applications) for s in files} for _, files, _ in clashes]
    if not any(roots & django and len(roots & applications) > 1 for roots in lifted):
        return frozenset()
    return frozenset(root for roots in lifted for root in roots)


def _cut_roots(modules: Mapping[str, ModuleSummary]) -> frozenset[str]:
    """The import roots the tree is cut along: those of every clash, when one of them is
    of a module of a Flask application (one importing Flask, or one a module importing
    Flask imports: the `models.sqlimodel` helper each example app has); else those of the
    applications whose modules clash, one a Django project (`_projects_cut`); none
    otherwise."""
    clashes = name_clashes(modules.values())
    if not clashes:
        return frozenset()
    imported = _flask_imported(modules.values())
    if not any(web or module in imported for module, _, web in clashes):
        return _projects_cut(clashes, modules)
    return frozenset(import_root(s) for _, files, _ in clashes for s in files)


def owner(relpath: str, roots: frozenset[str]) -> str | None:
    """The deepest of `roots` holding the file at `relpath` ("" holds every file); None
    when none does."""
    directory = posixpath.dirname(relpath)
    while True:
        if directory in roots:
            return directory
        if not directory:
            return None
        directory = posixpath.dirname(directory)


def application_parts(modules: Mapping[str, ModuleSummary]) -> list[ApplicationPart] | None:
    """The parts the project step judges apart (see the module docstring), the
    applications' by root, then the rest's (which may hold no module); None when modules of
    different import roots share no name one of them is a Flask application's (the
    whole tree is one project; see `_cut_roots`)."""
    roots = _cut_roots(modules)
    if not roots:
        return None
    owned: dict[str | None, dict[str, ModuleSummary]] = {}
    for relpath, summary in modules.items():
        owned.setdefault(owner(relpath, roots), {})[relpath] = summary
    rest = owned.get(None, {})
    rest_named: dict[str, list[str]] = {}
    for relpath, summary in rest.items():
        for name in _import_names(relpath, summary.module):
            rest_named.setdefault(name, []).append(relpath)
    parts = [
        ApplicationPart(root, frozenset(own) | _imported(own, rest, rest_named))
        for root in sorted(roots)
        if (own := owned.get(root))
    ]
    parts.append(ApplicationPart(None, frozenset(rest)))
    return parts


def _imported(
    own: Mapping[str, ModuleSummary],
    rest: Mapping[str, ModuleSummary],
    rest_named: Mapping[str, list[str]],
) -> frozenset[str]:
    """The modules of the rest of the tree that the part's modules import (and those
    they import in turn) by a name none of its own modules has."""
    names = {summary.module for summary in own.values()}
    found: set[str] = set()
    todo = list(own.values())
    while todo:
        summary = todo.pop()
        for qualified in summary.imports.values():
            for module in _prefixes(qualified):
                if module in names:
                    break
                for relpath in rest_named.get(module, ()):
                    if relpath not in found:
                        found.add(relpath)
                        todo.append(rest[relpath])
    return frozenset(found)


def _import_names(relpath: str, module: str) -> list[str]:
    """The names a module is imported by: its own, and its path's from each folder above
    its import root (`common.storage` for `common/storage.py`, named `storage` when
    `common/` is a namespace folder a script beside it imports from)."""
    folders = relpath.removesuffix(".py").split("/")
    if folders[-1] == "__init__":
        folders.pop()
    depth = module.count(".") + 1
    return [module] + [".".join(folders[-n:]) for n in range(depth + 1, len(folders) + 1)]


def _prefixes(qualified: str) -> list[str]:
    """`a.b.c`, `a.b`, `a`: the modules a qualified name may be in, longest first."""
    pieces = qualified.split(".")
    return [".".join(pieces[:n]) for n in range(len(pieces), 0, -1)]
