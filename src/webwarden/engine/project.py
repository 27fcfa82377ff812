"""The project step: assemble the project model and run the project rules over it."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from webwarden.analysis import taint
from webwarden.deep_stack import with_room
from webwarden.discover import Discovery, SourceFile
from webwarden.engine.cache import ResultCache
from webwarden.engine.files import FileResult
from webwarden.findings import Finding, Location
from webwarden.model.application_parts import application_parts, owner
from webwarden.model.django import build_django
from webwarden.model.django.build_commands import build_only
from webwarden.model.django.forged_posts import forge_proof_views as django_forge_proof
from webwarden.model.django.forged_posts import script_only_views
from webwarden.model.django.release_defaults import apply_release_defaults
from webwarden.model.flask.build import build_flask
from webwarden.model.flask.forged_posts import forge_proof_views as flask_forge_proof
from webwarden.model.module_constants import ModuleConstants
from webwarden.model.project import ProjectModel
from webwarden.model.stars import resolve_star_imports
from webwarden.model.templates.build import build_templates
from webwarden.model.templates.helper_renders import follow_helper_renders
from webwarden.model.templates.rich_text_level import drop_unfiltered_rich_text
from webwarden.model.templates.route_kwargs import feed_url_kwargs
from webwarden.model.templates.served_frameworks import served_framework
from webwarden.model.templates.typed_parameters import drop_typed_parameters
from webwarden.rules.base import ProjectRule, PythonRule, Rule, TemplateRule, TextRule
from webwarden.rules.notices.rule_failed import RuleFailed

logger = logging.getLogger(__name__)


def build_project(
    root: Path,
    discovery: Discovery,
    results: Iterable[FileResult],
    max_file_size: int = 2_000_000,
    options: Mapping[str, object] | None = None,
) -> ProjectModel:
    """The project model from discovery and the per-file summaries."""
    return _build(root, discovery.files, list(results), max_file_size, options)


def _build(
    root: Path,
    files: list[SourceFile],
    results: list[FileResult],
    max_file_size: int,
    options: Mapping[str, object] | None,
) -> ProjectModel:
    modules = resolve_star_imports({r.relpath: r.summary for r in results if r.summary is not None})
    project = ProjectModel(root=root, files=files, modules=modules, options=dict(options or {}))
    # NOTE: the project's modules are read here, when a setting names one of their
    # constants or calls one of their functions, so that an edit of such a module
    # changes the result of a warm scan as it does a cold one.
    constants = ModuleConstants(root, modules, max_file_size)
    project.read_module = constants.context
    project.flask = build_flask(root, modules, files, max_file_size, constants.context)
    built = partial(build_only, root, files, max_file_size)
    project.django = build_django(modules, constants, constants.context, built)
    if project.django is not None:
        apply_release_defaults(project, project.django)
    templates = {r.relpath: r.template for r in results if r.template is not None}
    served = served_framework(project.django, project.flask)
    project.templates = build_templates(modules, templates, served)
    if project.templates is not None:
        project.templates.forge_proof_views = _forge_proof_views(project)
        if project.django is not None:
            project.templates.script_only_views = script_only_views(project.django)
    if project.templates is not None and project.django is not None:
        drop_typed_parameters(project.templates, project.django.routes)
        follow_helper_renders(project.templates, project.django.routes)
        feed_url_kwargs(project.templates, project.django.routes)
        drop_unfiltered_rich_text(project.templates, project.django)
    return project


@dataclass(slots=True)
class Projects:
    """The project models of one scan: the whole tree's, or one per application part
    when applications side by side share module names (`application_parts`)."""

    models: list[ProjectModel]
    roots: list[str | None]
    """The import root of each model's part (None: the rest of the tree, or the whole)."""
    _roots: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._roots = frozenset(r for r in self.roots if r is not None)

    @property
    def parts(self) -> list[str | None]:
        """The name each model's taint analysis is cached under (`taint_results`): None
        for the whole tree, else one per part (`part:<root>`, `rest`)."""
        if self.roots == [None]:
            return [None]
        return ["rest" if root is None else f"part:{root}" for root in self.roots]

    def of(self, relpath: str) -> ProjectModel:
        """The model of the part holding the file at `relpath`."""
        if len(self.models) == 1:
            return self.models[0]
        found = owner(relpath, self._roots)
        return self.models[self.roots.index(found)] if found in self.roots else self.models[-1]

    def grouped(self, findings: list[Finding]) -> list[tuple[ProjectModel, list[Finding]]]:
        """`findings` by the model of the part holding each one's file."""
        if len(self.models) == 1:
            return [(self.models[0], findings)]
        groups: dict[int, list[Finding]] = {}
        for finding in findings:
            groups.setdefault(id(self.of(finding.location.path)), []).append(finding)
        return [(model, groups[id(model)]) for model in self.models if id(model) in groups]


def build_projects(
    root: Path,
    discovery: Discovery,
    results: Iterable[FileResult],
    max_file_size: int = 2_000_000,
    options: Mapping[str, object] | None = None,
) -> Projects:
    """The project models of the tree (see `Projects`): one per application part when
    its applications' modules share names, else the one of `build_project`."""
    results = list(results)
    parts = application_parts({r.relpath: r.summary for r in results if r.summary is not None})
    if parts is None:
        return Projects([_build(root, discovery.files, results, max_file_size, options)], [None])
    roots = frozenset(part.root for part in parts if part.root is not None)
    owners = {f.relpath: owner(f.relpath, roots) for f in discovery.files}
    for result in results:
        if result.relpath not in owners:
            owners[result.relpath] = owner(result.relpath, roots)
    models: list[ProjectModel] = []
    kept: list[str | None] = []
    for part in parts:
        files = [
            f
            for f in discovery.files
            if f.relpath in part.modules or owners[f.relpath] == part.root
        ]
        if not files:
            continue
        mine = [
            r
            for r in results
            if r.relpath in part.modules or (r.summary is None and owners[r.relpath] == part.root)
        ]
        models.append(_build(root, files, mine, max_file_size, options))
        kept.append(part.root)
    return Projects(models, kept)


def _forge_proof_views(project: ProjectModel) -> frozenset[str]:
    """The views of the Flask and Django models that refuse another site's posts before
    they run: the posted body they read is their visitor's own input."""
    flask = flask_forge_proof(project.flask) if project.flask is not None else frozenset()
    django = (
        django_forge_proof(project, project.django) if project.django is not None else frozenset()
    )
    return flask | django


def prepare_taint(
    project: ProjectModel, cache: ResultCache | None, part: str | None = None
) -> None:
    """Run the taint analysis before the rules, taking its results from the cache when
    nothing it reads has changed (a warm scan skips the whole project-wide analysis), and
    otherwise replaying from the previous run's record what an edit left unchanged.
    `part`: the name of the application part `project` is the model of (`Projects.parts`)."""
    inputs = taint.Inputs.of(project)
    flows, feeds, project.taint_kept = taint_results(project, cache, inputs, part)
    taint.use_results(project, flows, feeds)


def taint_results(
    project: ProjectModel,
    cache: ResultCache | None,
    inputs: taint.Inputs,
    part: str | None = None,
) -> tuple[list[taint.Flow], taint.Feeds, taint.Kept | None]:
    """The flows and template feeds of `project` (see `prepare_taint`), not yet kept on it,
    and the index the analysis made (None when it did not run). Each part of a split tree
    keeps its own results and replay record (`part`): a record replays only the analysis
    of the entry points it was made with."""
    if cache is None:
        made = taint.Kept()
        flows, feeds, _ = taint.compute(project, inputs=inputs, kept=made)
        return flows, feeds, made
    results, record, index = (_entry(name, part) for name in ("taint", "taint-memo", "taint-kept"))
    digest = taint.inputs_digest(project, cache.known_keys, inputs)
    stored = cache.load_blob(results, digest) if digest else None
    if isinstance(stored, tuple) and len(stored) == 2:
        return stored[0], stored[1], None
    memo = cache.recall(record)
    if not isinstance(memo, taint.Memo):
        parts = cache.load_parts(record)
        memo = taint.Memo.from_parts(parts) if parts is not None else None
        del parts
    kept = cache.recall(index)
    if not isinstance(kept, taint.Kept):
        kept = taint.Kept()
        cache.remember(index, kept)
    flows, feeds, recorded = taint.compute(
        project, file_keys=cache.known_keys, memo=memo, inputs=inputs, kept=kept
    )
    del memo
    if digest:
        cache.store_blob(results, digest, (flows, feeds))
    if recorded is not None:
        cache.store_parts(record, recorded.parts())
        recorded.stored()
        cache.remember(record, recorded)
    return flows, feeds, kept


def _entry(name: str, part: str | None) -> str:
    """The cache entry of `name` for `part`: a digest of the part's name, which may hold
    the dots that separate a stored result's pieces (`ResultCache.store_parts`)."""
    if part is None:
        return name
    return f"{name}@{hashlib.blake2b(part.encode(), digest_size=8).hexdigest()}"


def run_project_rules(project: ProjectModel, rules: Sequence[type[Rule]]) -> list[Finding]:
    """Every selected `ProjectRule` over `project`; one that recursed too deep runs again
    with room to (`with_room`), and a failing rule becomes a WW003."""
    findings: list[Finding] = []
    for rule in rules:
        if not issubclass(rule, ProjectRule):
            continue
        try:
            findings += with_room(partial(_judged, rule, project))
        except Exception as exc:
            logger.debug("project rule %s failed", rule.code, exc_info=True)
            findings.append(
                RuleFailed.make_finding(
                    Location("."), rule=rule.code, error=f"{type(exc).__name__}: {exc}"
                )
            )
    return findings


def run_parts_rules(projects: Projects, rules: Sequence[type[Rule]]) -> list[Finding]:
    """`run_project_rules` over each model of `projects`; a finding several parts make
    (of a module the applications share, of a file outside them) is kept once."""
    if len(projects.models) == 1:
        return run_project_rules(projects.models[0], rules)
    found: dict[tuple[object, ...], Finding] = {}
    for project in projects.models:
        for finding in run_project_rules(project, rules):
            found.setdefault(_identity(finding), finding)
    return list(found.values())


def _identity(finding: Finding) -> tuple[object, ...]:
    where = finding.location
    return (finding.code, where.path, where.line, where.column, finding.message)


def _judged(rule: type[ProjectRule], project: ProjectModel) -> list[Finding]:
    return list(rule().check(project))


def drop_refuted(
    findings: list[Finding], rules: Sequence[type[Rule]], project: ProjectModel
) -> list[Finding]:
    """Drop the per-file findings the project model shows unfounded (`PythonRule.refuted`,
    `TemplateRule.refuted`, `TextRule.refuted`)."""
    judges = {
        rule.code: rule for rule in rules if issubclass(rule, PythonRule | TemplateRule | TextRule)
    }
    return [f for f in findings if f.code not in judges or not judges[f.code].refuted(f, project)]


def reassess(
    findings: list[Finding], rules: Sequence[type[Rule]], project: ProjectModel
) -> list[Finding]:
    """The per-file findings as the project model shows them (`PythonRule.reassessed`,
    `TemplateRule.reassessed`, `TextRule.reassessed`)."""
    judges = {
        rule.code: rule for rule in rules if issubclass(rule, PythonRule | TemplateRule | TextRule)
    }
    return [judges[f.code].reassessed(f, project) if f.code in judges else f for f in findings]


def drop_superseded(findings: list[Finding], rules: Sequence[type[Rule]]) -> list[Finding]:
    """Drop findings another finding at the same place replaces.

    A rule lists in `supersedes` the rules it makes redundant: a taint rule the pattern
    rule of the same call (WW1105 the non-constant `shell=True` of WW1101: the taint
    finding carries the flow and the higher confidence), WW1174 (the debug server on
    every interface) the debug switch and the binding it combines (WW1170 or WW1171, WW1182).
    A finding is replaced at a step of its own flow too: WW1104's `exec(code)` of the
    object `code = compile(text, ...)` made, when WW1106 reports the request data at
    that `compile()`, is one danger (the taint finding names the source).
    """
    replaced: dict[str, frozenset[str]] = {
        rule.code: frozenset(rule.supersedes) for rule in rules if rule.supersedes
    }
    if not replaced:
        return findings
    taken = {
        (code, f.location.path, f.location.line, f.location.column)
        for f in findings
        for code in replaced.get(f.code, ())
    }
    return [f for f in findings if not any((f.code, *p) in taken for p in _places(f))]


def _places(finding: Finding) -> list[tuple[str, int, int]]:
    """Where a finding is, as supersession matches it: its location and its flow's steps."""
    steps = [step.location for step in finding.flow]
    return [(p.path, p.line, p.column) for p in (finding.location, *steps)]
