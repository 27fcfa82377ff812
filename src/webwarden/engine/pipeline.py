"""The audit pipeline: discover -> parse -> model -> rules -> findings, end to end.

`scan` runs it end to end and returns a `ScanResult` that every reporter renders.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from webwarden.analysis.secrets.mask import MASK
from webwarden.collector import cycle_collector_paused
from webwarden.config import Config
from webwarden.config.secrets import secrets_options
from webwarden.discover import Discovery, FileKind, SourceFile, discover
from webwarden.discover.repository import inspect_repository
from webwarden.discover.walk import relative
from webwarden.engine.cache import ResultCache
from webwarden.engine.dependencies import (
    DependencyStep,
    dependency_file_problems,
    kept_dependency_step,
    run_dependency_step,
)
from webwarden.engine.early_taint import EarlyTaint
from webwarden.engine.files import FilePlan, FileResult, is_test_path
from webwarden.engine.project import (
    build_projects,
    drop_refuted,
    drop_superseded,
    prepare_taint,
    reassess,
    run_parts_rules,
)
from webwarden.engine.runner import default_jobs, run_files
from webwarden.engine.store import project_cache_path
from webwarden.engine.templates import escalate, reads_templates
from webwarden.engine.triage import (
    Triage,
    apply_configuration,
    apply_suppressions,
    expired_notices,
    sphinx_folders,
    sphinx_sources,
    unused_suppressions,
)
from webwarden.findings import Finding, Location, Practice
from webwarden.findings.baseline import new_findings, read_baseline
from webwarden.findings.fingerprint import with_fingerprints
from webwarden.findings.suppress import Suppression
from webwarden.model.ci_scripts import ci_only_scripts
from webwarden.model.import_roots import importable_packages
from webwarden.model.names import package_dirs
from webwarden.model.project import ProjectModel
from webwarden.model.secrets.snippets import mask_known
from webwarden.model.templates.plan import plan_templates
from webwarden.parse import Unreadable, read_text
from webwarden.rules.base import (
    DependencyRule,
    Rule,
    TaintRule,
    TemplateProjectRule,
    TemplateRule,
)
from webwarden.rules.notices.file_not_analysed import FileNotAnalysed
from webwarden.rules.registry import select_rules

Progress = Callable[[int, int], None]
"""Called with (files done, files in all) as the scan goes."""


@dataclass(slots=True)
class ScanResult:
    """Everything a report shows about one run."""

    root: Path
    findings: list[Finding]
    rules: tuple[type[Rule], ...]
    files_found: int = 0
    files_analysed: int = 0
    lines: int = 0
    """Lines of the Python files read (templates and other text are not counted)."""
    seconds: float = 0.0
    triage: Triage = field(default_factory=Triage)
    baseline: Path | None = None
    notes: list[str] = field(default_factory=list)
    """Lines every report shows, e.g. credit for the advisory data used."""
    dependencies: DependencyStep = field(default_factory=DependencyStep)
    """The dependency audit (inventory, advisories) when the run made one."""
    project: ProjectModel | None = None
    """The project model the project rules judged: the first part's, when the tree holds
    several applications (see `projects`)."""
    projects: list[ProjectModel] = field(default_factory=list)
    """Every project model the project rules judged: one per application part of a tree
    of several (`build_projects`); the probe reads their routes."""


class _Lines:
    """Source lines of project files, read once each, for snippets."""

    def __init__(self, root: Path, max_size: int) -> None:
        self.root = root
        self.max_size = max_size
        self._cache: dict[str, tuple[str, ...]] = {}

    def get(self, relpath: str) -> tuple[str, ...]:
        if relpath not in self._cache:
            text = read_text(self.root / relpath, self.max_size)
            self._cache[relpath] = () if isinstance(text, Unreadable) else tuple(text.splitlines())
        return self._cache[relpath]

    def with_snippet(self, finding: Finding) -> Finding:
        if finding.snippet or "://" in finding.location.path:
            return finding
        lines = self.get(finding.location.path)
        line = finding.location.line
        if not 0 < line <= len(lines):
            return finding
        # NOTE: the line a secret or database finding points at usually holds the
        # secret; rules that fill their own snippet mask it, this covers the rest. Any
        # other finding may point at such a line too (a settings module's line 1 for a
        # setting it lacks, where `SECRET_KEY = "..."` may be written).
        snippet = mask_known(lines[line - 1])
        return dataclasses.replace(finding, snippet=snippet)


def _plan(config: Config, rules: Sequence[type[Rule]], packages: frozenset[str]) -> FilePlan:
    return FilePlan(
        rule_codes=tuple(r.code for r in rules),
        max_file_size=config.max_file_size,
        package_dirs=packages,
        test_paths=config.test_paths,
    )


def scan(
    paths: Sequence[Path],
    config: Config,
    progress: Progress | None = None,
    discovery: Discovery | None = None,
    cache: ResultCache | None = None,
) -> ScanResult:
    """Audit the project under `paths` with `config`; see `ScanResult`. `discovery`: the
    files under `paths`, when the caller has listed them already; `cache`: the result
    cache to use (by default the configured one, opened for this scan)."""
    with cycle_collector_paused():
        return _scan(paths, config, progress, discovery, cache)


def _scan(
    paths: Sequence[Path],
    config: Config,
    progress: Progress | None,
    found: Discovery | None,
    given_cache: ResultCache | None,
) -> ScanResult:
    started = time.perf_counter()
    rules = select_rules(config.select, config.extend_select, config.ignore)
    secrets = secrets_options(config)
    discovery = found if found is not None else discover(paths, config)
    plan = _plan(config, rules, importable_packages(discovery.files))
    total = len(discovery.files)
    jobs = config.jobs or default_jobs()
    cache = given_cache if given_cache is not None else _open_cache(config)

    def report(offset: int) -> Callable[[int], None] | None:
        if progress is None:
            return None
        return lambda done: progress(min(offset + done, total), total)

    # NOTE: templates are read after the Python files, whose facts say how to read them
    # (dialect and delimiters per template folder); both waves stay per-file and pure.
    first = [f for f in discovery.files if f.kind is not FileKind.TEMPLATE]
    taints = any(_reads_taint(rule) for rule in rules)
    early = EarlyTaint(config, discovery, cache) if taints else None
    work = early.work() if early else None
    templates = reads_templates(rules)
    if work is not None and templates:
        # NOTE: the templates' plan as the application modules give it, so that the
        # workers read the templates while this process runs the taint analysis; kept
        # when the whole project gives the same plan (test code seldom adds template
        # folders), read again otherwise.
        python_plan = plan

        def early_templates(early_results: list[FileResult]) -> tuple[list[SourceFile], FilePlan]:
            early_plan = _template_plan(python_plan, early_results, discovery)
            return _template_files(early_plan, discovery), early_plan

        work.more = early_templates
    results = run_files(first, plan, jobs=jobs, cache=cache, progress=report(0), early=work)
    if templates:
        plan = _template_plan(plan, results, discovery)
    second = _template_files(plan, discovery)
    if plan.templates is not None:
        retyped = {f.relpath for f in second}
        results = [r for r in results if r.relpath not in retyped]
    extra = work.extra if work is not None else None
    if extra is not None and extra.plan == plan and list(extra.files) == second:
        results += extra.results()
        if progress is not None:
            progress(total, total)
    else:
        results += run_files(second, plan, jobs=jobs, cache=cache, progress=report(len(results)))
    findings: list[Finding] = [f for result in results for f in result.findings]
    findings += [
        FileNotAnalysed.make_finding(Location(p.relpath), reason=p.reason, key=p.reason)
        for p in discovery.problems
    ]
    projects = build_projects(
        config.root, discovery, results, config.max_file_size, options=config.extra
    )
    if any(getattr(rule, "needs_repository", False) for rule in rules):
        repository = inspect_repository(
            config.root, paths, discovery, use_git=secrets.git, max_size=config.max_file_size
        )
        for model in projects.models:
            model.repository = repository
    if taints:
        kept = early.finish(projects) if early else [False] * len(projects.models)
        for model, part, done in zip(projects.models, projects.parts, kept, strict=True):
            if not done:
                prepare_taint(model, cache, part)
    if cache is not None:
        cache.close()
    findings = [
        f
        for model, some in projects.grouped(findings)
        for f in reassess(drop_refuted(some, rules, model), rules, model)
    ]
    findings += run_parts_rules(projects, rules)
    step = kept_dependency_step(config, discovery, rules, cache)
    findings += step.findings
    # NOTE: escalated first: a template finding kept only when a view feeds it request
    # data (`ONLY_WHEN_FED`) replaces another only when it stays.
    findings = [
        f for model, some in projects.grouped(findings) for f in escalate(some, model.templates)
    ]
    findings = drop_superseded(findings, rules)
    result = ScanResult(
        root=config.root,
        findings=[],
        rules=rules,
        files_found=total,
        files_analysed=sum(1 for r in results if r.analysed),
        lines=sum(r.lines for r in results if r.kind is FileKind.PYTHON),
        notes=step.notes,
        dependencies=step,
        project=projects.models[0],
        projects=projects.models,
    )
    named = _named_folders(paths, config.root)
    result.findings = _triage(
        findings,
        results,
        config,
        result.triage,
        rules,
        step.suppressions,
        named,
        [file.relpath for file in discovery.files],
    )
    _apply_baseline(result, config)
    result.seconds = time.perf_counter() - started
    return result


def _template_plan(plan: FilePlan, results: list[FileResult], discovery: Discovery) -> FilePlan:
    """`plan` with the templates' plan these results give."""
    summaries = (r.summary for r in results if r.summary)
    return dataclasses.replace(plan, templates=plan_templates(summaries, discovery.files))


def _template_files(plan: FilePlan, discovery: Discovery) -> list[SourceFile]:
    """The files the template wave reads with `plan`: templates, and with a templates'
    plan the other text files of template folders (`.txt`, `.xml`)."""
    second = [f for f in discovery.files if f.kind is FileKind.TEMPLATE]
    if plan.templates is not None:
        second += [
            f
            for f in discovery.files
            if f.kind not in (FileKind.PYTHON, FileKind.TEMPLATE) and plan.templates.is_template(f)
        ]
    return second


def _reads_taint(rule: type[Rule]) -> bool:
    """Whether a rule needs the taint analysis: a taint rule, or a template rule that
    judges by the request data views pass to templates (the analysis says which)."""
    if issubclass(rule, TaintRule | TemplateProjectRule):
        return True
    return issubclass(rule, TemplateRule) and rule.escalates


def scan_dependencies(paths: Sequence[Path], config: Config) -> ScanResult:
    """Only the dependency audit of the project under `paths` (`webwarden deps`)."""
    started = time.perf_counter()
    rules = tuple(
        rule
        for rule in select_rules(config.select, config.extend_select, config.ignore)
        if issubclass(rule, DependencyRule) or rule.practice is Practice.TOOL
    )
    discovery = discover(paths, config)
    step = run_dependency_step(config, discovery, rules)
    if FileNotAnalysed in rules:
        step.findings += dependency_file_problems(discovery)
    audit = step.audit
    result = ScanResult(
        root=config.root,
        findings=[],
        rules=rules,
        files_found=len(audit.files) if audit else 0,
        files_analysed=len(audit.files) if audit else 0,
        notes=step.notes,
        dependencies=step,
    )
    result.findings = _triage(step.findings, [], config, result.triage, rules, step.suppressions)
    _apply_baseline(result, config)
    result.seconds = time.perf_counter() - started
    return result


def _open_cache(config: Config) -> ResultCache | None:
    if not config.cache:
        return None
    return ResultCache(project_cache_path(config))


def _apply_baseline(result: ScanResult, config: Config) -> None:
    if config.baseline is not None:
        accepted = read_baseline(config.baseline)
        before = len(result.findings)
        result.findings = new_findings(result.findings, accepted)
        result.triage.baselined = before - len(result.findings)
        result.baseline = config.baseline


def _triage(
    findings: list[Finding],
    results: list[FileResult],
    config: Config,
    triage: Triage,
    rules: Sequence[type[Rule]],
    extra_suppressions: dict[str, dict[int, list[Suppression]]] | None = None,
    named: tuple[str, ...] = (),
    discovered: Sequence[str] = (),
) -> list[Finding]:
    lines = _Lines(config.root, config.max_file_size)
    # NOTE: before any is dropped: a secret finding suppressed, ignored or silenced still
    # tells which lines hold a secret, also one whose snippet the source line gives.
    findings = [lines.with_snippet(f) for f in findings]
    masked = _masked_lines(findings, lines)
    suppressions: dict[str, dict[int, list[Suppression]]] = {
        **(extra_suppressions or {}),
        **{r.relpath: r.suppressions for r in results if r.suppressions},
    }
    findings = apply_suppressions(findings, suppressions, config, triage)
    packages = package_dirs(r.relpath for r in results)
    packages -= sphinx_sources(packages, config, lambda relpath: _text_of(config, relpath))
    # NOTE: a module can be test code by what it defines (a pytest plugin), not only by
    # where it is: its summary says so.
    test_modules = {r.relpath for r in results if r.summary is not None and r.summary.is_test}
    test_modules |= _ci_only_scripts(results, discovered, config)
    findings = apply_configuration(
        findings,
        config,
        triage,
        lambda path: path in test_modules or is_test_path(path, config.test_paths),
        packages,
        named,
        sphinx_folders(
            (r.relpath for r in results), packages, lambda relpath: _text_of(config, relpath)
        ),
    )
    if config.config_file is not None and config.accepted:
        relpath = relative(config.config_file, config.root)
        text = read_text(config.config_file, config.max_file_size)
        if not isinstance(text, Unreadable):
            findings += expired_notices(config, text, relpath)
    if config.report_unused_ignores:
        texts = {path: lines.get(path) for path in suppressions}
        selected = frozenset(rule.code for rule in rules)
        findings += unused_suppressions(suppressions, texts, selected)
    triage.silenced = _finished([lines.with_snippet(f) for f in triage.silenced], masked)
    return _finished([lines.with_snippet(f) for f in findings], masked)


def _finished(findings: list[Finding], masked: dict[str, dict[str, str]]) -> list[Finding]:
    """The findings with their snippets masked alike (see `_masked_lines`), cut short,
    and fingerprints."""
    shown = [
        _masked_snippet(f, masked[f.location.path]) if f.location.path in masked else f
        for f in findings
    ]
    return [_short(f) for f in with_fingerprints(shown)]


def _masked_lines(findings: list[Finding], lines: _Lines) -> dict[str, dict[str, str]]:
    """Each source line some finding shows masked, as it shows it, by file: a secret rule
    masks the line it reports (`auth=("bot", "...")`), and a finding of any other rule on
    that line (the request made without a timeout) must not print what it hid."""
    masked: dict[str, dict[str, str]] = {}
    for finding in findings:
        path, number = finding.location.path, finding.location.line
        if MASK not in finding.snippet:
            continue
        raw = lines.get(path)
        shown = finding.snippet.splitlines()[0]
        if 0 < number <= len(raw) and MASK not in raw[number - 1]:
            source = raw[number - 1]
            if source != shown and source.startswith(shown.split(MASK, 1)[0]):
                masked.setdefault(path, {})[source] = shown
    return masked


def _masked_snippet(finding: Finding, masked: dict[str, str]) -> Finding:
    snippet = "\n".join(masked.get(line, line) for line in finding.snippet.splitlines())
    return finding if snippet == finding.snippet else dataclasses.replace(finding, snippet=snippet)


_LONGEST_LINE = 400
"""Characters of a snippet line shown: a minified or generated line can be megabytes."""


def _short(finding: Finding) -> Finding:
    """The finding with each overlong snippet line cut around the finding's column."""
    if not finding.snippet or max(map(len, finding.snippet.splitlines()), default=0) <= (
        _LONGEST_LINE
    ):
        return finding
    column = max(finding.location.column - 1, 0)
    cut = []
    for line in finding.snippet.splitlines():
        if len(line) <= _LONGEST_LINE:
            cut.append(line)
            continue
        start = max(0, min(column - _LONGEST_LINE // 4, len(line) - _LONGEST_LINE))
        end = start + _LONGEST_LINE
        cut.append(("..." if start else "") + line[start:end] + ("..." if end < len(line) else ""))
    return dataclasses.replace(finding, snippet="\n".join(cut))


def _ci_only_scripts(
    results: list[FileResult], discovered: Sequence[str], config: Config
) -> frozenset[str]:
    """The scripts only a CI pipeline runs (`ci_only_scripts`) of the `discovered` files
    (every one the walk found, analysed or not): test code."""
    # NOTE: asked only of a script a pipeline runs: most scans never walk the imports.
    summaries = {r.relpath: r.summary for r in results if r.summary is not None}

    def imported(relpath: str) -> bool:
        summary = summaries.get(relpath)
        module = summary.module if summary is not None else ""
        return not module or any(
            name == module or name.startswith(module + ".")
            for other in summaries.values()
            for name in other.imports.values()
        )

    return ci_only_scripts(discovered, lambda relpath: _text_of(config, relpath), imported)


def _text_of(config: Config, relpath: str) -> str | None:
    path = config.root / relpath
    if not path.is_file():
        return None
    text = read_text(path, config.max_file_size)
    return None if isinstance(text, Unreadable) else text


def _named_folders(paths: Sequence[Path], root: Path) -> tuple[str, ...]:
    """The folders the user named to scan, relative to the root, below it."""
    named = (relative(path.resolve(), root.resolve()) for path in paths if path.is_dir())
    return tuple(n for n in named if n not in ("", ".") and not n.startswith(".."))
