"""WW004: application modules of different folders that share one dotted name."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.project import ModuleSummary, ProjectModel, import_precedence
from webwarden.rules.base import ProjectRule


class ModuleNameShared(ProjectRule):
    """## What it does
    Reports modules of Flask applications whose dotted names other files of the tree, in
    other folders Python imports from, have too: two services each with its own
    `app.py`, a `bad/` and a `good/` copy of one application, example projects side by
    side (`svc1/app.py` and `svc2/app.py` are both the module `app`). Each file is still
    read by the rules that judge one file at a time; the project-wide analysis (apps,
    their configuration and routes, templates' views, taint across modules) knows
    modules by name, so it sees one module where there are two: it may judge one file's
    app with the other's configuration, or leave one out. Other modules clashing between
    the same folders (a `settings` or `config` module each service loads) are listed
    too; one notice per scan. Test modules, a module file beside a package of its name
    (Python imports the package), and Django projects side by side (each settings module
    is judged on its own) are not reported.

    ## Why is this bad?
    Part of an application's configuration, routes or data flows goes unjudged, or is
    judged with the other's: a `SECRET_KEY`, missing CSRF protection or SQL built from
    request data may go unreported while the report looks complete. Scanning each application's folder on
    its own judges each whole.

    ## Example
    ```python
    # svc1/app.py
    from flask import Flask

    app = Flask(__name__)
    ```

    ```python
    # svc2/app.py
    from flask import Flask

    app = Flask(__name__)
    ```

    ## Fix
    ```python
    # svc1/app.py
    from flask import Flask

    app = Flask(__name__)
    ```

    ```python
    # svc2/service.py
    from flask import Flask

    app = Flask(__name__)
    ```
    Or scan each folder on its own: `webwarden check svc1`, then `webwarden check svc2`.

    ## References
    - [Python: The import system (sys.path entries)](https://docs.python.org/3/reference/import.html#the-path-based-finder)
    """

    code = "WW004"
    name = "module-name-shared"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    message = (
        "application modules of different folders share names ({modules}, in {folders}):"
        " the project-wide analysis sees one module of each name, and may mix the files"
        " or leave some out"
    )
    fix = "scan each application's folder on its own, or give the modules different names"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        named: dict[str, list[ModuleSummary]] = {}
        for summary in project.modules.values():
            if not summary.is_test:
                named.setdefault(summary.module, []).append(summary)
        clashes = [c for c in map(_clash, sorted(named.items())) if c is not None]
        # NOTE: the folders where web modules clash, then every name clashing between
        # them: a settings module two services import as `settings` counts too.
        roots = {
            root for _, summaries, web in clashes if web for root in map(_import_root, summaries)
        }
        modules: list[str] = []
        extra: list[str] = []
        for module, summaries, _ in clashes:
            if all(_import_root(s) in roots for s in summaries):
                modules.append(f"`{module}`")
                extra.extend(s.relpath for s in summaries[1:])
        folders = sorted(_folder(root) for root in roots)
        if extra:
            # NOTE: one notice per scan: a tree of example projects shares dozens of names.
            yield self.make_finding(
                Location(min(extra), 1),
                modules=_listed(modules),
                folders=_listed(folders),
            )


def _clash(item: tuple[str, list[ModuleSummary]]) -> tuple[str, list[ModuleSummary], bool] | None:
    """(name, its files: the one `import` finds first and those of other folders, whether
    any of them imports Flask) when files of different folders are the module;
    None otherwise (a script beside a package of its name is Python's choice, not a
    clash)."""
    module, summaries = item
    kept, *others = sorted(summaries, key=import_precedence)
    clashing = [o for o in others if _import_root(o) != _import_root(kept)]
    if not clashing:
        return None
    files = [kept, *clashing]
    return module, files, any("flask" in s.frameworks for s in files)


_SHOWN = 4
"""How many names a notice lists."""


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:_SHOWN])
    return shown + (f" and {len(items) - _SHOWN} more" if len(items) > _SHOWN else "")


def _folder(root: str) -> str:
    return f"`{root}/`" if root else "the top folder"


def _import_root(summary: ModuleSummary) -> str:
    """The folder Python imports the module from (`svc2` for `svc2/app.py` named `app`)."""
    parts = summary.relpath.split("/")
    depth = summary.module.count(".") + (2 if parts[-1] == "__init__.py" else 1)
    return posixpath.join(*parts[:-depth]) if len(parts) > depth else ""
