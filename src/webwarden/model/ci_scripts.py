"""Python scripts only a CI pipeline runs.

`run: python db/create_ci_test_db.py` in a GitHub workflow: the script sets up the
throwaway services of the job (its test databases, with the passwords the workflow's
`services:` give them) and runs nowhere else. Like the test suite it prepares, it is test
code: no deployment starts it, and nothing it holds reaches a user. A script some other
launch file names too (a Dockerfile, a Procfile, a shell script, a compose file, the
Makefile), or that a module imports, is not.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable

from webwarden.analysis.secrets.ci_jobs import is_ci_pipeline
from webwarden.model.launch_scripts import is_script

_RUN = re.compile(r"\bpython[\d.]*\s+(?:-[\w-]+\s+)*(?:\./)?([\w./-]+\.py)(?![\w.-])")
"""`python db/setup.py`, `python3 -u ./scripts/x.py`: a script a step runs by its path
(from the checkout's top, where a step starts)."""
_PIPELINE_SUFFIXES = (".yml", ".yaml")


def ci_only_scripts(
    relpaths: Iterable[str],
    read: Callable[[str], str | None],
    imported: Callable[[str], bool],
) -> frozenset[str]:
    """The Python files (of `relpaths`) a CI pipeline runs by their path that no other of
    the project's launch scripts names (by file name) and that no module imports
    (`imported(relpath)`). `read` gives a file's text by its relative path."""
    paths = list(relpaths)
    known = set(paths)
    run: set[str] = set()
    # NOTE: every scan walks this list: the suffix spares the pipeline patterns most files.
    pipelines = [p for p in paths if p.endswith(_PIPELINE_SUFFIXES) and is_ci_pipeline(p)]
    for relpath in pipelines:
        if (text := read(relpath)) is not None:
            run.update(p for p in _RUN.findall(text) if posixpath.normpath(p) in known)
    if not run:
        return frozenset()
    run = {posixpath.normpath(p) for p in run}
    names = {posixpath.basename(p) for p in run}
    for relpath in paths:
        if relpath in pipelines or not is_script(posixpath.basename(relpath)):
            continue
        text = read(relpath)
        if text is not None:
            names -= {name for name in names if name in text}
    return frozenset(p for p in run if posixpath.basename(p) in names and not imported(p))
