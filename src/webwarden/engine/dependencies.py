"""The dependency step of a scan: audit the project's dependencies, run the dependency rules.

All reading and querying happens in `webwarden.deps`; this step turns its plain result
into findings: each `DependencyRule` judges each audited dependency, unreadable inputs
become WW000, and problems with the advisory data become the WW010-WW013 notices.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from webwarden.config import Config
from webwarden.deps.notices import HOW_TO_GET_DATA, NoticeKind
from webwarden.deps.options import deps_options
from webwarden.discover import Discovery
from webwarden.findings import Finding, Location, Severity
from webwarden.findings.context import lower_for_context
from webwarden.findings.suppress import Suppression, parse_suppressions
from webwarden.parse import Unreadable, read_text
from webwarden.rules.base import DependencyRule, Rule
from webwarden.rules.notices.advisory_data_stale import AdvisoryDataStale
from webwarden.rules.notices.advisory_data_unavailable import AdvisoryDataUnavailable
from webwarden.rules.notices.advisory_store_corrupt import AdvisoryStoreCorrupt
from webwarden.rules.notices.file_not_analysed import FileNotAnalysed
from webwarden.rules.notices.package_index_unavailable import PackageIndexUnavailable
from webwarden.rules.notices.rule_failed import RuleFailed

if TYPE_CHECKING:
    from webwarden.deps.model import Dependency
    from webwarden.deps.run import DependencyAudit
    from webwarden.discover.walk import Stamp
    from webwarden.engine.cache import ResultCache

logger = logging.getLogger(__name__)

NOTICES: dict[NoticeKind, type[Rule]] = {
    NoticeKind.UNAVAILABLE: AdvisoryDataUnavailable,
    NoticeKind.CORRUPT: AdvisoryStoreCorrupt,
    NoticeKind.STALE: AdvisoryDataStale,
    NoticeKind.INDEX_UNAVAILABLE: PackageIndexUnavailable,
}
"""Which notice rule reports each kind of advisory-data problem."""


@dataclass(slots=True)
class DependencyStep:
    """What the dependency step adds to a scan."""

    findings: list[Finding] = field(default_factory=list)
    suppressions: dict[str, dict[int, list[Suppression]]] = field(default_factory=dict)
    audit: DependencyAudit | None = None

    @property
    def notes(self) -> list[str]:
        """Credit lines for the advisory data used."""
        if self.audit is None:
            return []
        return [f"Advisory data: {credit}" for credit in self.audit.credits]


def dependency_files(discovery: Discovery) -> list[Path]:
    """The discovered files some dependency source reads."""
    from webwarden.deps.sources.names import is_dependency_file

    found = []
    for f in discovery.files:
        # NOTE: every source reads one of these suffixes; testing them first spares the
        # pattern matching (and path splitting) for the thousands of other files.
        if f.relpath.endswith(_SOURCE_SUFFIXES):
            folder = os.path.basename(os.path.dirname(f.abspath))
            if is_dependency_file(f.name, (folder,)):
                found.append(f.path)
    return found


_SOURCE_SUFFIXES = (".txt", ".lock", ".toml", ".cfg", "Pipfile", "setup.py")


def dependency_file_problems(discovery: Discovery) -> list[Finding]:
    """WW000 for the files a dependency source would read that discovery could not
    (a broken symlink `requirements.txt`): `deps` runs no per-file step to report them."""
    if not discovery.problems:
        return []
    from webwarden.deps.sources.names import is_dependency_file

    found = []
    for problem in discovery.problems:
        name = os.path.basename(problem.relpath)
        folder = os.path.basename(os.path.dirname(problem.relpath))
        if problem.relpath.endswith(_SOURCE_SUFFIXES) and is_dependency_file(name, (folder,)):
            location = Location(problem.relpath)
            reason = problem.reason
            found.append(FileNotAnalysed.make_finding(location, reason=reason, key=reason))
    return found


def _notice(kind: NoticeKind, reason: str) -> Finding:
    rule = NOTICES[kind]
    how = HOW_TO_GET_DATA if kind is NoticeKind.UNAVAILABLE else ""
    return rule.make_finding(Location("."), reason=reason, how=how, key=f"{kind}")


def _suppressions(root: Path, relpaths: Sequence[str]) -> dict[str, dict[int, list[Suppression]]]:
    found: dict[str, dict[int, list[Suppression]]] = {}
    for relpath in relpaths:
        if relpath.startswith("/"):
            continue
        text = read_text(root / relpath, 20 * 1024 * 1024)
        if not isinstance(text, Unreadable) and (
            markers := parse_suppressions(text, comment_only=False)
        ):
            found[relpath] = markers
    return found


_ONE_REQUIREMENT = "not a valid requirement"
_SKIPPED_LINE = "requirement skipped (the rest of the file was read): {reason}"
"""A line that is no requirement (`"toml<1" "pytz"`, two strings run together): the other
requirements of the file are audited."""


def judge(
    audit: DependencyAudit,
    rules: Sequence[type[Rule]],
    development: Callable[[Dependency], Severity | None] = lambda _: None,
) -> list[Finding]:
    """The findings of the dependency rules and notices on an audit; those of a dependency
    for which `development` gives a severity are lowered to it (`development_ceiling`)."""
    findings = [
        FileNotAnalysed.make_finding(
            Location(p.path, p.line),
            reason=p.reason,
            key=p.reason,
            message=_SKIPPED_LINE if p.reason.startswith(_ONE_REQUIREMENT) else None,
        )
        for p in audit.problems
    ]
    findings += [_notice(n.kind, n.reason) for n in audit.notices if NOTICES[n.kind] in rules]
    instances = [rule() for rule in rules if issubclass(rule, DependencyRule)]
    for rule in instances:
        for audited in audit.dependencies:
            try:
                found = list(rule.check_dependency(audited))
                if found and (ceiling := development(audited.dependency)) is not None:
                    found = [lower_for_context(f, ceiling, _DEVELOPMENT) for f in found]
                findings.extend(found)
            except Exception as exc:
                logger.debug("dependency rule %s failed", rule.code, exc_info=True)
                declared = audited.dependency.declared
                findings.append(
                    RuleFailed.make_finding(
                        Location(declared.path, declared.line),
                        rule=rule.code,
                        error=f"{type(exc).__name__}: {exc}",
                    )
                )
                break
    return sorted(findings, key=lambda f: f.sort_key)


def run_dependency_step(
    config: Config, discovery: Discovery, rules: Sequence[type[Rule]]
) -> DependencyStep:
    """Audit the dependencies when the run selects a dependency rule and `deps` is enabled."""
    options = deps_options(config)
    if not options.enabled or not any(issubclass(r, DependencyRule) for r in rules):
        return DependencyStep()
    # NOTE: imported here, as the audit's sources, services and stores are a tenth of a
    # second of imports that a scan without `deps` (or the workers) never needs.
    from webwarden.deps.run import audit_project

    files = dependency_files(discovery) if options.python is None else []
    audit = audit_project(config.root, files, options)
    findings = judge(audit, rules, partial(development_ceiling, config))
    return DependencyStep(findings, _suppressions(config.root, audit.files), audit)


_DEVELOPMENT = "development dependency"


def development_ceiling(config: Config, dependency: Dependency) -> Severity | None:
    """The severity a development-only dependency's findings are lowered to: that of test
    code (`test-severity`), as a deployment installs neither; None for any other, and for
    one declared in test code, which triage lowers as such."""
    from webwarden.deps.development import development_only
    from webwarden.engine.files import is_test_path

    if config.test_severity is None or not development_only(dependency):
        return None
    return (
        None if is_test_path(dependency.declared.path, config.test_paths) else config.test_severity
    )


def kept_dependency_step(
    config: Config,
    discovery: Discovery,
    rules: Sequence[type[Rule]],
    cache: ResultCache | None,
) -> DependencyStep:
    """`run_dependency_step`, or the last one when the audit reads only files on this
    machine and none of them changed since (the dependency files, those they include,
    the advisory store), under the same configuration and rules. A process that scans a
    project again and again (`check --watch`, a daemon) keeps it in memory
    (`cache.remember`), a one-shot check in the project's cache."""
    from webwarden.discover.again import settled
    from webwarden.discover.walk import holds, stamp_of
    from webwarden.engine.unchanged import (
        offline_dependencies,
        remember_dependencies,
        remembered_dependencies,
    )

    local = offline_dependencies(config, discovery) if cache is not None else None
    if cache is None or local is None:
        return run_dependency_step(config, discovery, rules)
    files = tuple(str(path) for path in dependency_files(discovery))
    key = (config, tuple(rules), files)
    kept = cache.recall(_KEPT_STEP) or remembered_dependencies(config)
    if isinstance(kept, _KeptStep) and kept.key == key and all(map(holds, kept.stamps)):
        cache.remember(_KEPT_STEP, kept)
        return kept.step
    started = time.time_ns()
    step = run_dependency_step(config, discovery, rules)
    inputs = step.audit.inputs if step.audit is not None else []
    store = [str(path) + suffix for path in local for suffix in ("", "-wal")]
    stamps = [stamp_of(path) for path in {*files, *map(str, inputs), *store}]
    if not settled(stamps, started):
        return step  # NOTE: changed while (or just before) the audit read it: not kept
    kept = _KeptStep(key, step, tuple(stamps))
    cache.remember(_KEPT_STEP, kept)
    remember_dependencies(config, kept)
    return step


_KEPT_STEP = "dependency-step"


@dataclass(frozen=True, slots=True)
class _KeptStep:
    key: tuple[object, ...]
    step: DependencyStep
    stamps: tuple[Stamp, ...]
