"""WW004: application modules of different folders that share one dotted name (removed)."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.application_parts import clashing_roots, import_root, name_clashes
from webwarden.model.project import ProjectModel
from webwarden.rules.base import ProjectRule, Status


class ModuleNameShared(ProjectRule):
    """## What it does
    Nothing any more: the project step now analyses each application of such a tree on
    its own (`webwarden.model.application_parts`), and no project it judges holds two
    files of one module name. It reported modules of Flask applications whose dotted
    names other files of the tree, in other folders Python imports from, have too: two
    services each with its own `app.py`, a `bad/` and a `good/` copy of one application,
    example projects side by side (`svc1/app.py` and `svc2/app.py` are both the module
    `app`), because the project-wide analysis (apps, their configuration and routes,
    templates' views, taint across modules) then saw one module where there were two.

    ## Why is this bad?
    Judged as one project, part of an application's configuration, routes or data
    flows went unjudged, or was judged with the other's: a `SECRET_KEY`, missing CSRF
    protection or SQL built from request data could go unreported. Such a tree is now
    cut along the folders of the clashing modules, each application judged with its own
    modules and those of the rest of the tree it imports, so a scan of the whole tree
    reports what a scan of each application's folder alone reports.

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
    Nothing to fix: both trees are analysed in full.

    ## References
    - [Python: The import system (sys.path entries)](https://docs.python.org/3/reference/import.html#the-path-based-finder)
    """

    code = "WW004"
    name = "module-name-shared"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    status = Status.REMOVED
    example_runnable = False
    message = (
        "application modules of different folders share names ({modules}, in {folders}):"
        " the project-wide analysis sees one module of each name, and may mix the files"
        " or leave some out"
    )
    fix = "scan each application's folder on its own, or give the modules different names"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        clashes = name_clashes(project.modules.values())
        # NOTE: the folders where web modules clash, then every name clashing between
        # them: a settings module two services import as `settings` counts too.
        roots = clashing_roots(clashes)
        modules: list[str] = []
        extra: list[str] = []
        for module, summaries, _ in clashes:
            if all(import_root(s) in roots for s in summaries):
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


_SHOWN = 4
"""How many names a notice lists."""


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:_SHOWN])
    return shown + (f" and {len(items) - _SHOWN} more" if len(items) > _SHOWN else "")


def _folder(root: str) -> str:
    return f"`{root}/`" if root else "the top folder"
