"""Matching dependencies against OSV records, with OSV's semantics exactly.

A version is affected by an `affected[]` entry of its package when it is listed in
`versions`, or falls in an ECOSYSTEM range: the range's events are sorted by PEP 440
order (`introduced: "0"` first) and walked, `introduced` switching "affected" on at or
above its version, `fixed` switching it off at or above, `last_affected` switching it
off above (OSV schema, "Evaluation"). Withdrawn records never reach this module (the
services drop them); records naming each other in `aliases` are merged into one group.

A range (`flask>=2`) is audited for the versions it admits among the versions the
advisory data knows for the package (every listed `versions` entry and every range
event) plus the range's own bounds: no network is needed, and a range is reported when
an admitted known version is affected. This is exact for every version the data
mentions and never invents releases; a release the data does not mention cannot be
judged and is not claimed.
"""

from __future__ import annotations

import dataclasses
import logging
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from packaging.markers import InvalidMarker, Marker, UndefinedComparison, default_environment
from packaging.version import Version

from webwarden.deps.advisories.osv import cvss3_score
from webwarden.deps.model import (
    Advisory,
    AdvisoryGroup,
    Affected,
    AuditedDependency,
    Dependency,
    Event,
    Kind,
    parse_version,
)

logger = logging.getLogger(__name__)

_PLATFORMS = {
    "linux": ("linux", "Linux", "posix"),
    "win32": ("win32", "Windows", "nt"),
    "windows": ("win32", "Windows", "nt"),
    "darwin": ("darwin", "Darwin", "posix"),
    "macos": ("darwin", "Darwin", "posix"),
}
_WORDS = {"LOW": 0, "MODERATE": 1, "MEDIUM": 1, "HIGH": 2, "CRITICAL": 3}


def target_environment(python_version: str | None, platform: str | None) -> dict[str, str]:
    """Marker variables for the target Python (`3.9`, `3.12.1`) and platform (`linux`...)."""
    environment = {key: str(value) for key, value in default_environment().items()}
    environment["extra"] = ""
    if python_version:
        parts = python_version.split(".")
        environment["python_version"] = ".".join(parts[:2])
        full = python_version if len(parts) > 2 else f"{python_version}.0"
        environment["python_full_version"] = full
        environment["implementation_version"] = full
    if platform:
        sys_platform, system, os_name = _PLATFORMS.get(platform.lower(), (platform, "", ""))
        environment["sys_platform"] = sys_platform
        if system:
            environment["platform_system"] = system
            environment["os_name"] = os_name
    return environment


def marker_applies(marker: str, environment: Mapping[str, str]) -> bool:
    """Whether a dependency with this marker is installed in `environment`."""
    if not marker:
        return True
    try:
        return Marker(marker).evaluate(dict(environment))
    except (InvalidMarker, UndefinedComparison, ValueError):
        logger.debug("marker %r cannot be evaluated; the dependency is audited", marker)
        return True


@cache
def _version(text: str) -> Version | None:
    return None if text == "0" else parse_version(text)


@cache
def _ordered(events: tuple[Event, ...]) -> tuple[tuple[str, Version | None], ...]:
    """The usable events of a range as (kind, bound), in version order."""
    usable = [e for e in events if e.version == "0" or _version(e.version) is not None]
    ordered = sorted(usable, key=lambda e: (e.version != "0", _version(e.version) or Version("0")))
    return tuple((e.kind, _version(e.version)) for e in ordered)


def in_range(version: Version, events: Sequence[Event]) -> bool:
    """Whether `version` is affected by one ECOSYSTEM range (OSV evaluation)."""
    vulnerable = False
    for kind, bound in _ordered(tuple(events)):
        if kind == "introduced":
            if bound is None or version >= bound:
                vulnerable = True
        elif (kind == "fixed" and bound is not None and version >= bound) or (
            kind == "last_affected" and bound is not None and version > bound
        ):
            vulnerable = False
    return vulnerable


@cache
def _listed(versions: tuple[str, ...]) -> frozenset[Version]:
    # A set, not a scan: an advisory of a big project lists hundreds of versions, and a
    # range dependency is checked at every version any advisory names.
    return frozenset(v for text in versions if (v := _version(text)) is not None)


def affects(affected: Affected, version: Version) -> bool:
    """Whether one `affected[]` entry covers `version` (explicit list or a range)."""
    if version in _listed(affected.versions):
        return True
    return any(in_range(version, events) for events in affected.ranges)


def affecting(advisories: Iterable[Advisory], name: str, version: Version) -> list[Advisory]:
    """The advisories whose entries for package `name` cover `version`."""
    return [
        advisory
        for advisory in advisories
        if any(a.name == name and affects(a, version) for a in advisory.affected)
    ]


def merge_aliases(advisories: Iterable[Advisory]) -> tuple[AdvisoryGroup, ...]:
    """Group advisories that share an id or alias (transitively), sorted by primary id."""
    groups: list[tuple[set[str], list[Advisory]]] = []
    for advisory in advisories:
        touching = [g for g in groups if g[0] & advisory.names]
        names, members = set(advisory.names), [advisory]
        for group in touching:
            names |= group[0]
            members += group[1]
            groups.remove(group)
        groups.append((names, members))
    merged = [AdvisoryGroup(tuple(sorted(m, key=lambda a: a.id))) for _, m in groups]
    return tuple(sorted(merged, key=lambda g: g.primary.id))


def known_versions(advisories: Iterable[Advisory], name: str) -> list[Version]:
    """Every version the records of package `name` mention, ascending."""
    found: set[Version] = set()
    for advisory in advisories:
        for affected in advisory.affected:
            if affected.name != name:
                continue
            texts = [*affected.versions, *(e.version for r in affected.ranges for e in r)]
            found.update(v for t in texts if (v := _version(t)) is not None)
    return sorted(found)


def fix_candidates(advisories: Iterable[Advisory], name: str) -> list[Version]:
    """Every `fixed` version the records of package `name` name, ascending."""
    found = {
        v
        for advisory in advisories
        for affected in advisory.affected
        if affected.name == name
        for events in affected.ranges
        for event in events
        if event.kind == "fixed" and (v := _version(event.version)) is not None
    }
    return sorted(found)


def smallest_fix(advisories: Sequence[Advisory], name: str, above: Version) -> Version | None:
    """The smallest known fixed version above `above` that no advisory of `name` affects."""
    for candidate in fix_candidates(advisories, name):
        if candidate > above and not affecting(advisories, name, candidate):
            return candidate
    return None


def _severity(groups: Iterable[AdvisoryGroup]) -> tuple[float | None, str]:
    scores = [
        score
        for group in groups
        for advisory in group.advisories
        if (score := cvss3_score(advisory.severity)) is not None
    ]
    words = [a.severity for g in groups for a in g.advisories if a.severity.upper() in _WORDS]
    word = max(words, key=lambda w: _WORDS[w.upper()]) if words else ""
    return (max(scores) if scores else None), word


def audit_dependency(
    dependency: Dependency,
    advisories: Sequence[Advisory],
    environment: Mapping[str, str],
) -> AuditedDependency:
    """What the advisories of its package say about one dependency."""
    name = dependency.key
    if not marker_applies(dependency.marker, environment):
        return AuditedDependency(dependency, applies=False)
    if dependency.kind is Kind.UNAUDITABLE:
        return AuditedDependency(dependency)
    credits = frozenset(a.credit for a in advisories if a.credit)
    if dependency.kind is Kind.PINNED:
        version = parse_version(dependency.version or "")
        if version is None:
            return AuditedDependency(dependency)
        matched = affecting(advisories, name, version)
        groups = merge_aliases(matched)
        score, word = _severity(groups)
        fix = smallest_fix(advisories, name, version) if matched else None
        fixed = [v for v in fix_candidates(matched, name) if v > version]
        return AuditedDependency(
            dependency,
            vulnerable=groups,
            fixed_versions=tuple(str(v) for v in fixed),
            smallest_fix=str(fix) if fix else None,
            severity_score=score,
            severity_word=word,
            credits=credits if matched else frozenset(),
        )
    bounds = [
        v
        for specifier in dependency.specifiers
        for spec in specifier
        if (v := parse_version(spec.version.rstrip(".*"))) is not None
    ]
    admitted = [
        v for v in sorted({*known_versions(advisories, name), *bounds}) if dependency.admits(v)
    ]
    hits = [(v, affecting(advisories, name, v)) for v in admitted]
    hits = [(v, found) for v, found in hits if found]
    if not hits:
        return AuditedDependency(dependency)
    all_matched = {a.id: a for _, found in hits for a in found}
    groups = merge_aliases(all_matched.values())
    score, word = _severity(groups)
    fix = smallest_fix(advisories, name, max(v for v, _ in hits))
    return AuditedDependency(
        dependency,
        vulnerable=groups,
        admitted_vulnerable=tuple(
            (str(v), tuple(sorted(a.id for a in found))) for v, found in hits
        ),
        fixed_versions=tuple(str(v) for v in fix_candidates(all_matched.values(), name)),
        smallest_fix=str(fix) if fix else None,
        severity_score=score,
        severity_word=word,
        credits=credits,
    )


LOCK_FORMATS = frozenset({"uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock"})
_LOCKED_BY = frozenset({"pyproject", "Pipfile"})
_PINNED_BY_REQUIREMENTS = frozenset({"pyproject", "setup.cfg", "setup.py"})
"""A package's metadata, whose ranges a requirements file beside it may pin for deployment."""


def audit_dependencies(
    dependencies: Iterable[Dependency],
    advisories: Mapping[str, Sequence[Advisory]],
    environment: Mapping[str, str],
    locked_with: Mapping[str, str] | None = None,
) -> list[AuditedDependency]:
    """Audit every dependency against the advisories of its package (by normalised name).
    A range is locked by the lock file beside it or, for a project of a workspace, by the
    one `locked_with` names for its folder (uv's `uv.lock` at the workspace's root); a
    range of a package's metadata (`setup.cfg`, `setup.py`, `pyproject.toml`) also by a
    requirements file beside it pinning the package for every environment (`flask==3.1.3`,
    no marker): what the application deploys. A URL or VCS reference of a project's
    metadata is locked the same way (a branch in `setup.py`, the commit the requirements
    file beside it installs); a lock or requirements entry that is itself a URL locks by
    its reference."""
    locked_with = locked_with or {}
    every = list(dependencies)
    installed = (Kind.PINNED, Kind.UNAUDITABLE)
    locked = {
        (posixpath.dirname(d.declared.path), d.key): d.version or d.spec_text
        for d in every
        if d.source in LOCK_FORMATS and d.kind in installed
    }
    required = {
        (posixpath.dirname(d.declared.path), d.key): d.version or d.spec_text
        for d in every
        if d.source == "requirements" and d.kind in installed and not d.marker.strip()
    }
    audited = []
    for dependency in every:
        found = audit_dependency(dependency, advisories.get(dependency.key, ()), environment)
        folder = posixpath.dirname(dependency.declared.path)
        pin = locked.get((folder, dependency.key))
        if pin is None and folder in locked_with:
            pin = locked.get((locked_with[folder], dependency.key))
        if dependency.source not in _LOCKED_BY:
            pin = None
        if pin is None and dependency.source in _PINNED_BY_REQUIREMENTS:
            pin = required.get((folder, dependency.key))
        if pin is not None and dependency.kind in (Kind.RANGE, Kind.UNAUDITABLE):
            found = dataclasses.replace(found, locked=pin)
        audited.append(found)
    return audited
