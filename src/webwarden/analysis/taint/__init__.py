"""Taint analysis: request data followed to dangerous sinks, across functions and modules.

The per-file step lowers every module into a dataflow IR (`extract`); the project step
indexes it, finds the views (`entries`), summarises once each function request data may
pass through (`engine`, `relevance`) and returns the `Flow`s the taint rules report.
`taint_flows(project)` runs it once per scan.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from webwarden.analysis.taint.engine import Engine, Flow
from webwarden.analysis.taint.entries import Entries, entry_points, request_helpers
from webwarden.analysis.taint.extract import FACTS
from webwarden.analysis.taint.index import ProjectIndex
from webwarden.analysis.taint.kept_callers import KeptCallers
from webwarden.analysis.taint.memo import Memo
from webwarden.analysis.taint.outline import Lowered
from webwarden.analysis.taint.stored import stored_keys
from webwarden.config.taint import TaintOptions, taint_options
from webwarden.discover import FileKind, SourceFile
from webwarden.findings import Location
from webwarden.model.import_roots import importable_packages
from webwarden.model.names import module_name
from webwarden.model.project import ProjectModel

__all__ = [
    "Feeds",
    "Flow",
    "Inputs",
    "Kept",
    "Memo",
    "analyse",
    "compute",
    "inputs_digest",
    "kept_index",
    "taint_flows",
    "use_results",
]


Feeds = dict[tuple[str, tuple[int, int], str], Flow]
"""(file, render call position, context name) -> the flow of request data into it."""


def lowered_modules(project: ProjectModel) -> dict[str, Lowered]:
    """relpath -> the taint facts of every module that has them."""
    return {
        relpath: lowered
        for relpath, summary in sorted(project.modules.items())
        if isinstance(lowered := summary.facts.get(FACTS), Lowered)
    }


@dataclass(frozen=True, slots=True)
class Inputs:
    """What an analysis of a project reads besides the function bodies, gathered once:
    the modules' taint facts, the entry points, the options, and a digest of the last
    two: what every function's analysis may read besides the code."""

    lowered: dict[str, Lowered]
    entries: Entries
    options: TaintOptions
    context: str

    @classmethod
    def of(cls, project: ProjectModel) -> Inputs:
        """The inputs of `project`: the entry points are those in the modules analysed."""
        lowered = lowered_modules(project)
        analysed = frozenset(project.modules[relpath].module for relpath in lowered)
        entries = request_helpers(entry_points(project), lowered.values())
        if any(facts.writes_host for facts in lowered.values()):
            entries = entries.with_unchecked_hosts()
        entries = entries.within(analysed, _module_names(project.files))
        options = taint_options(project.options)
        stored, relayed = stored_keys(facts.session_keys for facts in lowered.values())
        if stored:
            options = dataclasses.replace(
                options,
                session_keys=frozenset(stored),
                session_cleansed=stored,
                session_relayed=relayed,
            )
        converted = frozenset(
            key for facts in lowered.values() for key in facts.converted_arguments
        )
        if converted:
            options = dataclasses.replace(options, converted_arguments=converted)
        return cls(lowered, entries, options, _context_digest(entries, options))


def _module_names(files: Sequence[SourceFile]) -> frozenset[str]:
    """The dotted names of the project's Python modules, parsed or not (test code too)."""
    packages = importable_packages(files)
    return frozenset(module_name(f.relpath, packages) for f in files if f.kind is FileKind.PYTHON)


def project_index(project: ProjectModel, lowered: Mapping[str, Lowered]) -> ProjectIndex:
    """The index of the project functions and classes in the lowered modules."""
    modules = project.modules
    return ProjectIndex(
        {
            relpath: (modules[relpath].module, facts.unpack_outline(), modules[relpath].imports)
            for relpath, facts in lowered.items()
        }
    )


def _interfaces(
    project: ProjectModel, lowered: Mapping[str, Lowered], kept: Kept | None = None
) -> dict[str, str]:
    """relpath -> what other modules' analyses see of the module (see `interface`); with
    `kept`, taken from it for a module whose lowered facts and imports are the very
    objects it was made from (a daemon's unchanged modules)."""
    modules = project.modules
    if kept is None:
        return {
            relpath: facts.interface(modules[relpath].imports) for relpath, facts in lowered.items()
        }
    known = kept.interfaces
    found: dict[str, str] = {}
    for relpath, facts in lowered.items():
        imports = modules[relpath].imports
        entry = known.get(relpath)
        if entry is None or entry[0] is not facts or entry[1] is not imports:
            entry = known[relpath] = (facts, imports, facts.interface(imports))
        found[relpath] = entry[2]
    for relpath in known.keys() - lowered.keys():
        del known[relpath]
    return found


def _index_key(project: ProjectModel, interfaces: Mapping[str, str]) -> object:
    """What the project index of these modules is made from (see `Kept.index_key`)."""
    modules = project.modules
    return [(relpath, modules[relpath].module, key) for relpath, key in interfaces.items()]


def kept_index(project: ProjectModel, lowered: Mapping[str, Lowered]) -> ProjectIndex:
    """The index of the project functions and classes in the lowered modules: the one the
    taint analysis made (`project.taint_kept`) when it was made from these very modules,
    else a new one."""
    kept = project.taint_kept
    if kept is not None:
        index = kept.index_for(_index_key(project, _interfaces(project, lowered, kept)))
        if index is not None:
            return index
    return project_index(project, lowered)


@dataclass(slots=True)
class Kept:
    """What a process that runs many analyses of one project keeps between them."""

    index_key: object = None
    """The module names and interfaces `index` was built from."""
    index: ProjectIndex | None = None
    order: tuple[Mapping[str, list[str]], list[tuple[str, ...]]] | None = None
    """The call graph and its components in the order analysed."""
    interfaces: dict[str, tuple[Lowered, Mapping[str, str], str]] = field(default_factory=dict)
    """relpath -> the lowered facts and imports of a module and its interface made from
    them (see `_interfaces`)."""
    callers: KeptCallers = field(default_factory=KeptCallers)
    """Who may call each function, kept up to date across analyses (see `kept_callers`)."""

    def index_for(self, index_key: object) -> ProjectIndex | None:
        """The kept index, if it was built from what `index_key` says."""
        return self.index if self.index is not None and self.index_key == index_key else None


def analyse(
    project: ProjectModel,
    *,
    file_keys: Mapping[str, str] | None = None,
    memo: Memo | None = None,
    inputs: Inputs | None = None,
    kept: Kept | None = None,
) -> Engine:
    """Run the analysis over the project's per-file IR; the engine holds the results.

    With `file_keys` (relpath -> per-file cache key) the run is recorded for the next
    scan (`engine.recorder.memo`), and replays what it can of `memo` (see `memo`).
    `inputs`: `Inputs.of(project)` when the caller has them; `kept`: the index of an
    earlier analysis, reused when no module's interface changed (and updated).
    """
    inputs = inputs or Inputs.of(project)
    lowered = inputs.lowered
    interfaces = _interfaces(project, lowered, kept)
    index_key = _index_key(project, interfaces)
    index = kept.index_for(index_key) if kept is not None else None
    if index is None:
        index = project_index(project, lowered)
        if kept is not None:
            kept.index_key, kept.index = index_key, index
    engine = Engine(
        index,
        inputs.entries,
        inputs.options,
        bodies=lambda relpath: lowered[relpath].functions(),
        sites=lambda relpath: lowered[relpath].call_sites(),
        mentions=lambda relpath: lowered[relpath].mentions(),
        file_keys=file_keys,
        memo=memo,
        context=(inputs.context, interfaces),
        earlier=kept.order if kept is not None else None,
        kept_callers=(kept.callers, lowered) if kept is not None else None,
    )
    engine.flows_found = engine.run()
    if kept is not None:
        kept.order = (engine.graph, engine.order)
    return engine


def _context_digest(entries: Entries, options: TaintOptions) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in (entries, options):
        digest.update(repr(_canonical(part)).encode())
    return digest.hexdigest()


def inputs_digest(
    project: ProjectModel, module_keys: Mapping[str, str], inputs: Inputs | None = None
) -> str | None:
    """A hash of everything the analysis reads, or None when it cannot be known.

    `module_keys` are the per-file cache keys, which already hash each module's content
    and everything its IR depends on; with them, the entry points the framework models
    give and the options. `repr`, not pickle: pickle's bytes depend on which equal
    objects happen to be shared, and this digest must be equal whenever the inputs are.
    """
    inputs = inputs or Inputs.of(project)
    keys = []
    for relpath in inputs.lowered:
        key = module_keys.get(relpath)
        if key is None:
            return None
        keys.append((relpath, key))
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr(keys).encode())
    digest.update(inputs.context.encode())
    return digest.hexdigest()


def _canonical(value: object) -> object:
    """`value` with sets sorted and dataclasses spelled out, so its repr is stable across
    processes (set order follows the per-process string hash seed)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            tuple((f.name, _canonical(getattr(value, f.name))) for f in dataclasses.fields(value)),
        )
    if isinstance(value, Mapping):
        return tuple(sorted((repr(_canonical(k)), _canonical(v)) for k, v in value.items()))
    if isinstance(value, set | frozenset):
        return tuple(sorted(repr(_canonical(v)) for v in value))
    if isinstance(value, list | tuple):
        return tuple(_canonical(v) for v in value)
    return value


def use_results(project: ProjectModel, flows: list[Flow], feeds: Feeds) -> None:
    """Keep the flows on the project and hand the template feeds to the template model.

    Request data reaching a template's context (`render_template("x.html", q=q)`, through
    helpers too) is handed to the template model (`mark_fed`), which the template rules'
    escalation reads.
    """
    project.taint = flows
    if project.templates is not None and feeds:
        for (relpath, (line, column), name), flow in sorted(feeds.items()):
            first = flow.source_step
            project.templates.mark_fed(
                Location(relpath, line, column),
                name,
                _unquoted(flow.source),
                Location(first.relpath, first.line, first.column),
                relink=False,
                safe_for=flow.safe_for,
                approx=flow.approx,
            )
        project.templates.relink()


def _unquoted(source: str) -> str:
    """`request.args['q']` without its quotes; a source described in words around quoted
    code ("`SignupForm()` form data") as it is."""
    if source.startswith("`") and source.endswith("`") and source.count("`") == 2:
        return source[1:-1]
    return source


def compute(
    project: ProjectModel,
    *,
    file_keys: Mapping[str, str] | None = None,
    memo: Memo | None = None,
    inputs: Inputs | None = None,
    kept: Kept | None = None,
) -> tuple[list[Flow], Feeds, Memo | None]:
    """The flows and template feeds of the project (not yet kept on it), and with
    `file_keys` the record of this run for the next (see `analyse`)."""
    engine = analyse(project, file_keys=file_keys, memo=memo, inputs=inputs, kept=kept)
    recorded = engine.recorder.memo if engine.recorder is not None else None
    return engine.flows_found, engine.feeds, recorded


def taint_flows(project: ProjectModel) -> list[Flow]:
    """The flows of the project, computed on first use and kept on the project (the
    engine computes them before the rules run when it can take them from its cache)."""
    if project.taint is None:
        flows, feeds, _ = compute(project)
        use_results(project, flows, feeds)
    assert project.taint is not None  # noqa: S101 - set by use_results
    return project.taint
