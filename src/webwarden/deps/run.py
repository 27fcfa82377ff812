"""The dependency audit of one project: sources x advisory service -> audited dependencies.

`audit_project` does all the I/O (reading dependency files, the store, the OSV API, the
package index) and returns plain data; the engine hands it to the dependency rules.
Nothing here raises for missing data: no store and no network, a corrupt store, a
stale store or a failing service each become a `ServiceNotice`, and the rest of the
audit runs (unauditable and unparseable dependencies are still reported).
"""

from __future__ import annotations

import dataclasses
import logging
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from webwarden.deps.advisories.interface import (
    AdvisoryService,
    AdvisoryServiceError,
    AdvisoryStoreCorrupt,
)
from webwarden.deps.advisories.local_store import LocalStore
from webwarden.deps.advisories.osv_api import OsvApi
from webwarden.deps.audit import audit_dependencies, target_environment
from webwarden.deps.model import Advisory, AuditedDependency, Dependency, Kind, Problem
from webwarden.deps.notices import NoticeKind
from webwarden.deps.options import DepsOptions, cache_dir, default_store_path
from webwarden.deps.outdated import PackageIndex
from webwarden.deps.sources import EnvironmentSource, source_for
from webwarden.deps.sources.interface import (
    DependencySource,
    DependencySourceError,
    display_path,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ServiceNotice:
    """A problem with the advisory data or the package index, with what to do."""

    kind: NoticeKind
    reason: str


@dataclass(slots=True)
class DependencyAudit:
    """Everything the dependency rules and the `deps` command need."""

    dependencies: list[AuditedDependency] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[ServiceNotice] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    """Dependency files read, relative to the root (for suppressions and reports)."""
    inputs: list[Path] = field(default_factory=list)
    """Every file the audit read: those of `files` and the files they include."""
    service: str = ""
    """Which advisory service answered (empty when none did)."""
    credits: list[str] = field(default_factory=list)
    """Credit lines for the advisory data the audit used (e.g. the PyPA database's)."""


def collect(
    root: Path,
    files: Sequence[Path],
    options: DepsOptions,
    inputs: list[Path] | None = None,
    locked_with: dict[str, str] | None = None,
) -> tuple[list[Dependency], list[Problem], list[str]]:
    """Read every dependency file (or the `--python` environment); `inputs`, when given,
    gets every file read, included ones too, and `locked_with` the folder of each
    workspace project whose lock file is elsewhere, mapped to the lock file's folder."""
    inputs = inputs if inputs is not None else []
    locked_with = locked_with if locked_with is not None else {}
    sources: list[DependencySource] = []
    if options.python is not None:
        sources.append(EnvironmentSource(options.python, root))
    for path in files:
        parts = path.parent.parts
        reader = source_for(path.name, parts[-1:] if parts else ())
        if reader is not None:
            sources.append(reader(path, root))
    dependencies: list[Dependency] = []
    problems: list[Problem] = []
    seen: set[tuple[str, int, str, str, str, str | None]] = set()
    for source in sources:
        if source.format_name != "environment":
            inputs.append(source.path)
        try:
            collected = source.collect()
        except DependencySourceError as exc:
            problems.append(Problem(exc.path, exc.reason, exc.line))
            continue
        inputs.extend(collected.included)
        problems.extend(collected.problems)
        folder = posixpath.dirname(source.relpath)
        for member in collected.members:
            if member != folder:
                locked_with.setdefault(member, folder)
        for dependency in collected.dependencies:
            declared = dependency.declared
            where = (
                declared.path,
                declared.line,
                dependency.key,
                dependency.spec_text,
                dependency.marker,
                dependency.version,
            )
            # NOTE: a file included by two others is read once; alternatives written on
            # one line (Poetry's list of constraints by marker) are each kept.
            if where not in seen:
                seen.add(where)
                dependencies.append(dependency)
    read = [s.relpath for s in sources if s.format_name != "environment"]
    return merge_repeated(dependencies), problems, read


def merge_repeated(dependencies: Sequence[Dependency]) -> list[Dependency]:
    """One dependency per package and constraint in each file: pip installs `pkg[a]` and
    `pkg[b]`, written on two lines of one file, as one package with both extras, so the
    file's findings name it once, at its first line (at its first declaration that is not
    for development only, when the file also lists it in a development group), and name
    the other lines. Different constraints or markers stay apart: each is judged."""
    from webwarden.deps.development import development_only

    same: dict[tuple[str, str, Kind, str | None, str, str], list[Dependency]] = {}
    for dependency in dependencies:
        where = (
            dependency.declared.path,
            dependency.key,
            dependency.kind,
            dependency.version,
            dependency.spec_text.replace(" ", ""),
            dependency.marker,
        )
        same.setdefault(where, []).append(dependency)
    merged: dict[int, Dependency] = {}
    for repeated in same.values():
        first = next((d for d in repeated if not development_only(d)), repeated[0])
        others = sorted({d.declared.line for d in repeated} - {first.declared.line})
        merged[id(repeated[0])] = (
            dataclasses.replace(
                first,
                extras=tuple(sorted({extra for d in repeated for extra in d.extras})),
                also_lines=tuple(others),
            )
            if others
            else first
        )
    return [merged[id(d)] for d in dependencies if id(d) in merged]


RECORD_SUFFIXES = (".zip", ".json", ".yaml", ".yml")


def _open_store(path: Path, shown: str) -> LocalStore:
    if path.is_dir() or path.suffix in RECORD_SUFFIXES:
        return LocalStore.from_records(path, shown)
    return LocalStore(path, shown=shown)


def choose_service(
    options: DepsOptions, root: Path | None = None
) -> tuple[AdvisoryService | None, list[ServiceNotice]]:
    """The local store when there is one, else the OSV API unless offline."""
    notices: list[ServiceNotice] = []
    directory = options.cache_dir or cache_dir()
    store_path = options.db or default_store_path(directory)
    shown = display_path(store_path, root) if root is not None else str(store_path)
    if options.db is not None and not options.db.exists():
        reason = f"no advisory store or OSV records at {shown}"
        return None, [ServiceNotice(NoticeKind.UNAVAILABLE, reason)]
    if options.db is not None or store_path.exists():
        try:
            store = _open_store(store_path, shown)
            status = store.status()
        except AdvisoryStoreCorrupt as exc:
            notices.append(ServiceNotice(NoticeKind.CORRUPT, str(exc)))
        except AdvisoryServiceError as exc:
            notices.append(ServiceNotice(NoticeKind.UNAVAILABLE, str(exc)))
        else:
            age = status.age_days()
            if age is not None and age > options.stale_days:
                stamp = status.newest or status.updated
                day = stamp.date().isoformat() if stamp else "?"
                reason = (
                    f"{store.description}: newest record from {day}, "
                    f"more than {options.stale_days} days ago"
                )
                notices.append(ServiceNotice(NoticeKind.STALE, reason))
            return store, notices
        if options.db is not None:
            return None, notices
    if options.offline:
        notices.append(
            ServiceNotice(
                NoticeKind.UNAVAILABLE,
                f"offline and no usable local advisory store at {shown}",
            )
        )
        return None, notices
    service = OsvApi(options.osv_url, directory, timeout=options.timeout, deadline=options.deadline)
    return service, notices


def _query(
    service: AdvisoryService, names: list[str], audit: DependencyAudit
) -> dict[str, list[Advisory]]:
    try:
        found = service.query_many(names)
    except AdvisoryStoreCorrupt as exc:
        audit.notices.append(ServiceNotice(NoticeKind.CORRUPT, str(exc)))
        return {}
    except AdvisoryServiceError as exc:
        audit.notices.append(ServiceNotice(NoticeKind.UNAVAILABLE, str(exc)))
        return {}
    finally:
        service.close()
    audit.service = service.description
    audit.credits = sorted({a.credit for found_ in found.values() for a in found_ if a.credit})
    return found


def _latest(
    dependencies: list[AuditedDependency], options: DepsOptions, audit: DependencyAudit
) -> list[AuditedDependency]:
    index = PackageIndex(
        options.index_url,
        options.cache_dir or cache_dir(),
        timeout=options.timeout,
        offline=options.offline,
    )
    names = sorted({d.dependency.key for d in dependencies if d.dependency.kind is Kind.PINNED})
    latest, failure = index.latest_many(names)
    if failure:
        audit.notices.append(ServiceNotice(NoticeKind.INDEX_UNAVAILABLE, failure))
    return [
        dataclasses.replace(d, latest=latest.get(d.dependency.key))
        if d.dependency.kind is Kind.PINNED
        else d
        for d in dependencies
    ]


def audit_project(
    root: Path,
    files: Sequence[Path],
    options: DepsOptions,
) -> DependencyAudit:
    """Collect, query and match: the dependency audit of the project under `root`."""
    inputs: list[Path] = []
    locked_with: dict[str, str] = {}
    dependencies, problems, read = collect(root, files, options, inputs, locked_with)
    audit = DependencyAudit(problems=problems, files=read, inputs=inputs)
    if not dependencies:
        return audit
    environment = target_environment(options.python_version, options.platform)
    names = sorted({d.key for d in dependencies if d.kind is not Kind.UNAUDITABLE})
    advisories: dict[str, list[Advisory]] = {}
    if names:
        service, notices = choose_service(options, root)
        audit.notices.extend(notices)
        if service is not None:
            advisories = _query(service, names, audit)
    audit.dependencies = audit_dependencies(dependencies, advisories, environment, locked_with)
    if options.outdated:
        audit.dependencies = _latest(audit.dependencies, options, audit)
    logger.info("audited %d dependencies via %s", len(dependencies), audit.service or "no service")
    return audit
