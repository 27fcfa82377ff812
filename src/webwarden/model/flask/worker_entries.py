"""Modules a Celery worker loads for its Flask app, which no server serves.

A project whose tasks need the app context often has an entry module for its workers
(`run_celery.py`, `celery_worker.py`): it makes the app with the same factory as the
web entry (`application = create_app()`, so with every blueprint) and is named only by
the worker's command, `celery -A run_celery.celery worker` or `beat`, in the project's
scripts (Dockerfiles, compose files, Makefiles, shell scripts, Procfiles, CI files). No
request reaches that app: the worker takes tasks off a queue. The web entry the server
loads (`gunicorn application`) is another module, and is judged.

Only a module that the scripts name on the command lines of `celery` alone (a line
naming it otherwise, `gunicorn run_celery:app`, `FLASK_APP=run_celery.py`, may serve
it), that no other module of the project imports (an entry, not the package the web
entry imports its app from: `celery -A shop.tasks` of a `shop/__init__.py` that
`wsgi.py` imports) and whose app does not run itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from webwarden.discover.files import SourceFile
from webwarden.model.launch_scripts import script_texts
from webwarden.model.project import ModuleSummary

_CELERY_APP = re.compile(
    r"(?<![\w./-])celery(?![\w.-])[^\n]*?(?<![\w-])(?:-A|--app)(?:[ \t]+|=)[\"']?([\w.:]+)"
)
"""`celery ... -A NAME` or `--app=NAME` on one (joined) line: the app Celery loads,
`module`, `module.attr` or `module:attr`."""
_SERVES_FILE = re.compile(r"\bFLASK_APP\b|(?<![\w-])flask(?![\w-])")
"""A line that may serve a module named by its file (`FLASK_APP=worker.py`)."""


def worker_entries(
    root: Path,
    files: Iterable[SourceFile],
    max_size: int,
    modules: Mapping[str, str],
    summaries: Mapping[str, ModuleSummary],
) -> frozenset[str]:
    """Those of `modules` (relpath -> dotted name of a module making a Flask app) that
    are a Celery worker's entry: named by `celery -A` and on no other line of the
    project's scripts, and imported by no other module of the project (test code
    aside)."""
    candidates = {
        relpath: name
        for relpath, name in modules.items()
        if not _imported(name, relpath, summaries.values())
    }
    if not candidates:
        return frozenset()
    loaded: set[str] = set()
    other: set[str] = set()
    mentions = {relpath: _Mention(name) for relpath, name in candidates.items()}
    for _, text in script_texts(root, files, max_size):
        if not any(name.rsplit(".", 1)[-1] in text for name in candidates.values()):
            continue
        for line in _joined_lines(text):
            named = [match[1].partition(":")[0] for match in _CELERY_APP.finditer(line)]
            for relpath, name in candidates.items():
                if any(_names(app, name) for app in named):
                    loaded.add(relpath)
                elif mentions[relpath].on(line):
                    other.add(relpath)
    return frozenset(loaded - other)


def _imported(name: str, relpath: str, summaries: Iterable[ModuleSummary]) -> bool:
    return any(
        summary.relpath != relpath
        and not summary.is_test
        and any(q == name or q.startswith(name + ".") for q in summary.imports.values())
        for summary in summaries
    )


def _names(app: str, module: str) -> bool:
    """Whether Celery's `-A app` loads `module`: the module itself or an attribute of it
    (`run_celery.notify_celery`), named from the project's root or from a folder in it
    (`-A run_celery` of `backend/run_celery.py`)."""
    return any(
        module == given or module.endswith("." + given)
        for given in (app, app.rpartition(".")[0])
        if given
    )


class _Mention:
    """A line (not loading it with `celery -A`) naming the module: by its name
    (`gunicorn worker:app`, `uwsgi --module worker`), or by its file where a line may
    serve it with Flask's CLI (`FLASK_APP=worker.py`)."""

    def __init__(self, module: str) -> None:
        last = re.escape(module.rsplit(".", 1)[-1])
        self.last = module.rsplit(".", 1)[-1]
        self.named = re.compile(rf"(?<![\w.-]){last}(?![\w.-])|(?<![\w.-]){last}:\w")
        self.file = re.compile(rf"(?<![\w.-]){last}\.py\b")

    def on(self, line: str) -> bool:
        """Whether `line` names the module so."""
        if self.last not in line:
            return False
        if self.named.search(line):
            return True
        return bool(self.file.search(line)) and bool(_SERVES_FILE.search(line))


def _joined_lines(text: str) -> list[str]:
    """The lines of a script, a line ending in `\\` joined with the next (a Makefile's
    or a shell script's command written over several lines)."""
    return text.replace("\\\r\n", " ").replace("\\\n", " ").splitlines()
