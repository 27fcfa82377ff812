"""The taint analysis, started while the workers still analyse most of the test code.

The analysis reads the modules it lowers (application code: never tests or migrations)
and the entry points the Flask and Django models give. Those routes may come from test
code too (a test URLconf leading to an application view), but only from the few test
modules `may_add_routes` picks out by their name and a word search. So the per-file step
analyses application modules and those first; this process then runs the analysis while
the workers go on with the rest (test code, which on real trees is most of the code,
migrations and files other than Python).

When every file is analysed, the analysis's inputs are checked against the whole
project's. If they differ (a route that no word searched for gave away), the early result
is dropped and the analysis runs again: an early start makes a scan faster or slower,
never different.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from webwarden.analysis import taint
from webwarden.analysis.taint.extract import is_migration
from webwarden.config import Config
from webwarden.discover import Discovery, FileKind, SourceFile
from webwarden.engine.cache import ResultCache
from webwarden.engine.files import FileResult, is_test_path
from webwarden.engine.project import build_project, taint_results
from webwarden.engine.runner import Early
from webwarden.model.application_parts import application_parts
from webwarden.model.django.route_sources import may_add_routes
from webwarden.model.project import ProjectModel

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class EarlyTaint:
    """One scan's early taint analysis: `work` for `run_files`, then `finish`."""

    config: Config
    discovery: Discovery
    cache: ResultCache | None
    result: tuple[list[taint.Flow], taint.Feeds, taint.Inputs, taint.Kept | None] | None = None

    def work(self) -> Early:
        """What `run_files` calls."""
        return Early(self.select, self.start)

    def select(self, todo: Sequence[SourceFile]) -> frozenset[str]:
        """The files the analysis may read: the Python modules, but for test code and
        migrations that add no route."""
        return frozenset(f.relpath for f in todo if self._needed(f))

    def _needed(self, file: SourceFile) -> bool:
        if file.kind is not FileKind.PYTHON:
            return False
        relpath = file.relpath
        if not (is_test_path(relpath, self.config.test_paths) or is_migration(relpath)):
            return True
        if file.size > self.config.max_file_size:
            return True
        try:
            with open(file.abspath, "rb") as source:
                return may_add_routes(file.relpath, source.read())
        except OSError:
            return True

    def start(self, results: list[FileResult]) -> None:
        """Run the analysis over the project as far as these results make it."""
        config = self.config
        if application_parts({r.relpath: r.summary for r in results if r.summary}) is not None:
            # NOTE: each application of the tree is analysed on its own (`build_projects`).
            return
        partial = build_project(
            config.root, self.discovery, results, config.max_file_size, options=config.extra
        )
        inputs = taint.Inputs.of(partial)
        flows, feeds, kept = taint_results(partial, self.cache, inputs)
        self.result = (flows, feeds, inputs, kept)

    def finish(self, project: ProjectModel) -> bool:
        """Keep the early result on `project` when its inputs were the whole project's;
        False when there is none to keep."""
        if self.result is None:
            return False
        flows, feeds, inputs, kept = self.result
        self.result = None
        whole = taint.Inputs.of(project)
        if whole.context != inputs.context or whole.lowered.keys() != inputs.lowered.keys():
            logger.debug("the early taint analysis read other routes; it runs again")
            return False
        taint.use_results(project, flows, feeds)
        project.taint_kept = kept
        return True
