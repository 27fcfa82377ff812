"""Taint analysis: request data followed to dangerous sinks, across functions and modules.

The per-file step lowers every module into a dataflow IR (`extract`); the project step
indexes it, finds the views (`entries`), summarises every function once (`engine`) and
returns the `Flow`s the taint rules report. `taint_flows(project)` runs it once per scan.
"""

from __future__ import annotations

from webwarden.analysis.taint.engine import Engine, Flow
from webwarden.analysis.taint.entries import entry_points
from webwarden.analysis.taint.extract import FACTS
from webwarden.analysis.taint.index import ProjectIndex
from webwarden.analysis.taint.ir import ModuleIR
from webwarden.config.taint import taint_options
from webwarden.findings import Location
from webwarden.model.project import ProjectModel

__all__ = ["Flow", "analyse", "taint_flows"]


def analyse(project: ProjectModel) -> Engine:
    """Run the analysis over the project's per-file IR; the engine holds the results."""
    modules = {
        relpath: (summary.module, lowered, summary.imports)
        for relpath, summary in project.modules.items()
        if isinstance(lowered := summary.facts.get(FACTS), ModuleIR)
    }
    engine = Engine(ProjectIndex(modules), entry_points(project), taint_options(project.options))
    engine.flows_found = engine.run()
    return engine


def taint_flows(project: ProjectModel) -> list[Flow]:
    """The flows of the project, computed on first use and kept on the project.

    Request data reaching a template's context (`render_template("x.html", q=q)`, through
    helpers too) is handed to the template model (`mark_fed`), which the template rules'
    escalation reads.
    """
    if project.taint is None:
        engine = analyse(project)
        project.taint = engine.flows_found
        if project.templates is not None:
            for (relpath, (line, column), name), flow in sorted(engine.feeds.items()):
                first = flow.source_step
                project.templates.mark_fed(
                    Location(relpath, line, column),
                    name,
                    flow.source.strip("`"),
                    Location(first.relpath, first.line, first.column),
                )
    return project.taint
