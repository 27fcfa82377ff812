"""How the per-file step reads each template: its dialect and Jinja2 delimiters.

Decided from the Python modules' facts before templates are read: a Flask app's or
blueprint's template folder and a Jinja2 loader's folders are Jinja2 (with that
environment's delimiters); Django `TEMPLATES` folders are Django or Jinja2 by backend,
`APP_DIRS` meaning every app's `templates/` (or `jinja2/`) folder, where django-jinja's
backend leaves each file's text to tell. The plan is small
and picklable, so template files can still be read in worker processes.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Set
from dataclasses import dataclass

from webwarden.discover import FileKind, SourceFile
from webwarden.model.project import ModuleSummary
from webwarden.model.templates.build import template_dirs
from webwarden.model.templates.extract import FACTS
from webwarden.model.templates.facts import PythonTemplateFacts
from webwarden.parse.templates import Dialect, JinjaSyntax, TemplateSyntax

_EXTRA_SUFFIXES = frozenset({".txt", ".xml", ".svg", ".tpl", ".tmpl", ".jinja", ".email"})
_JINJA_BACKEND = "django.template.backends.jinja2.Jinja2"
_DJANGO_JINJA_BACKENDS = frozenset({"django_jinja.backend.Jinja2", "django_jinja.jinja2.Jinja2"})
"""django-jinja's backend (`backend` before its 2.11, `jinja2` since), which reads apps'
`templates/` folders."""


@dataclass(frozen=True, slots=True)
class TemplatePlan:
    """Template folders (longest first) with how to read them, and the fallback dialect."""

    folders: tuple[tuple[str, TemplateSyntax], ...] = ()
    default: Dialect | None = None
    served: tuple[str, ...] = ()
    """Flask static folders: what they hold is sent as it is, even inside a template
    folder (`Flask(__name__, static_folder="templates/asset")`)."""

    def serves_as_is(self, relpath: str) -> bool:
        """Whether the file lies in a Flask app's or blueprint's static folder."""
        return any(relpath.startswith(folder + "/") for folder in self.served if folder)

    def syntax_for(self, relpath: str) -> TemplateSyntax | None:
        """How to read the file, None when it is in no known template folder."""
        for folder, syntax in self.folders:
            if not folder or relpath.startswith(folder + "/"):
                return syntax
        return None

    def in_folder(self, relpath: str) -> bool:
        """Whether the file lies in a known template folder."""
        return self.syntax_for(relpath) is not None

    def is_template(self, file: SourceFile) -> bool:
        """Template files, and other text files inside a template folder (`.txt`, `.xml`)."""
        if file.kind is FileKind.TEMPLATE:
            return True
        suffix = posixpath.splitext(file.relpath)[1].lower()
        return (
            file.kind is FileKind.OTHER
            and suffix in _EXTRA_SUFFIXES
            and self.in_folder(file.relpath)
        )


def _dialect_of(backend: str) -> Dialect | None:
    """Django's backends say their dialect; django-jinja's reads the files its extension or
    pattern matches as Jinja2 and leaves the rest of the same folders to Django's, so
    each file's own text tells (Pontoon: `.html` files of apps' `templates/`)."""
    if backend in _DJANGO_JINJA_BACKENDS:
        return None
    return Dialect.JINJA if backend == _JINJA_BACKEND else Dialect.DJANGO


def _app_folders(
    existing: Iterable[str], packages: Set[str], name: str, skipped: Set[str] = frozenset()
) -> list[str]:
    """The folders called `name` right inside a package (an app's `templates/`), but for
    those of the `skipped` packages."""
    return [
        folder
        for folder in existing
        if posixpath.basename(folder) == name
        and (app := posixpath.dirname(folder)) in packages
        and app not in skipped
    ]


def plan_templates(summaries: Iterable[ModuleSummary], files: Iterable[SourceFile]) -> TemplatePlan:
    """The plan from the module summaries of a scan and its file list."""
    relpaths = [f.relpath for f in files]
    existing = template_dirs(relpaths)
    packages = {posixpath.dirname(p) for p in relpaths if p.endswith(".py")}
    found: dict[str, TemplateSyntax] = {}
    frameworks: set[str] = set()
    django_app_dirs: Dialect | None = None
    mixed_app_dirs = False
    flask_dirs: set[str] = set()
    django_dirs: set[str] = set()
    served: set[str] = set()
    for summary in summaries:
        directory = posixpath.dirname(summary.relpath)
        if "flask" in summary.frameworks:
            flask_dirs.add(directory)
        if "django" in summary.frameworks:
            django_dirs.add(directory)
        if not summary.is_test:
            frameworks |= summary.frameworks
        facts = summary.facts.get(FACTS)
        if not isinstance(facts, PythonTemplateFacts):
            continue
        if facts.templates_settings or facts.csrf_middleware is not None:
            frameworks.add("django")
        for folder in facts.folders:
            served.update(folder.served)
            syntax = TemplateSyntax(Dialect.JINJA, JinjaSyntax.from_options(folder.jinja_options))
            for candidate in folder.candidates:
                if candidate in existing or candidate == "":
                    found.setdefault(candidate, syntax)
        for setting in facts.templates_settings:
            dialect = _dialect_of(setting.backend)
            for dirs in setting.dirs:
                for candidate in dirs:
                    if candidate in existing:
                        found.setdefault(candidate, TemplateSyntax(dialect))
            if setting.app_dirs and dialect is None:
                mixed_app_dirs = True
            elif setting.app_dirs:
                django_app_dirs = django_app_dirs or dialect
    if mixed_app_dirs:
        for folder_name in _app_folders(existing, packages, "templates"):
            found.setdefault(folder_name, TemplateSyntax())
    if django_app_dirs is not None:
        # NOTE: APP_DIRS is a guess about every app's folder; folders named explicitly
        # (a Flask app's, a Jinja2 loader's, DIRS) win, and a folder beside Flask code
        # that no Django module sits with is not a Django app's.
        name = "jinja2" if django_app_dirs is Dialect.JINJA else "templates"
        for folder_name in _app_folders(existing, packages, name, flask_dirs - django_dirs):
            found.setdefault(folder_name, TemplateSyntax(django_app_dirs))
    default = None
    if frameworks == {"django"}:
        default = Dialect.DJANGO
    elif frameworks == {"flask"}:
        default = Dialect.JINJA
    # NOTE: by name too, not only by length: the plan is part of every template's cache
    # key, and `found` fills in set order, which changes with each process's hash seed.
    ordered = sorted(found.items(), key=lambda item: (-len(item[0]), item[0]))
    # NOTE: only a static folder inside a template folder changes how a file is read
    # (outside them, `engine.templates` already leaves static files alone).
    inside = sorted(s for s in served if any(not f or s.startswith(f + "/") for f in found))
    return TemplatePlan(tuple(ordered), default, tuple(inside))
