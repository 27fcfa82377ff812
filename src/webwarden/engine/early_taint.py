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
never different. A tree of several applications (`build_projects`) is analysed part by
part, and each part's early result is checked against the whole part's.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from webwarden.analysis import taint
from webwarden.analysis.taint.extract import is_migration
from webwarden.config import Config
from webwarden.discover import Discovery, FileKind, SourceFile
from webwarden.engine.cache import ResultCache
from webwarden.engine.files import FileResult, is_test_path
from webwarden.engine.project import Projects, build_projects, taint_results
from webwarden.engine.runner import Early
from webwarden.model.django.route_sources import may_add_routes
from webwarden.model.project import ProjectModel

logger = logging.getLogger(__name__)


_Early = tuple[list[taint.Flow], taint.Feeds, taint.Inputs, taint.Kept | None]
"""One model's early result: flows, template feeds, the inputs read and the index kept."""


@dataclass(slots=True)
class EarlyTaint:
    """One scan's early taint analysis: `work` for `run_files`, then `finish`."""

    config: Config
    discovery: Discovery
    cache: ResultCache | None
    results: dict[str | None, _Early] = field(default_factory=dict)
    """The early result of each model, by its part's name (`Projects.parts`)."""

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
        """Run the analysis over the project, or over each application part of a split
        tree (`build_projects`), as far as these results make them."""
        config = self.config
        partial = build_projects(
            config.root, self.discovery, results, config.max_file_size, options=config.extra
        )
        for model, part in zip(partial.models, partial.parts, strict=True):
            inputs = taint.Inputs.of(model)
            flows, feeds, kept = taint_results(model, self.cache, inputs, part)
            self.results[part] = (flows, feeds, inputs, kept)

    def finish(self, projects: Projects) -> list[bool]:
        """Keep on each model of `projects` the early result of its part when its inputs
        were the whole part's: whether each was kept (when not, it has none)."""
        early, self.results = self.results, {}
        return [
            self._kept(model, early.get(part))
            for model, part in zip(projects.models, projects.parts, strict=True)
        ]

    @staticmethod
    def _kept(project: ProjectModel, result: _Early | None) -> bool:
        if result is None:
            return False
        flows, feeds, inputs, kept = result
        whole = taint.Inputs.of(project)
        if whole.context != inputs.context or whole.lowered.keys() != inputs.lowered.keys():
            logger.debug("the early taint analysis read other routes; it runs again")
            return False
        taint.use_results(project, flows, feeds)
        project.taint_kept = kept
        return True
