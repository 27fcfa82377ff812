"""Helpers shared by the dependency rules: severity from CVSS, advisory id lists."""

from __future__ import annotations

from collections.abc import Iterable

from webwarden.deps.model import AdvisoryGroup, AuditedDependency
from webwarden.findings import Severity

_WORDS = {
    "CRITICAL": Severity.CRITICAL,
    "HIGH": Severity.HIGH,
    "MODERATE": Severity.MEDIUM,
    "MEDIUM": Severity.MEDIUM,
    "LOW": Severity.LOW,
}


def severity_of(audited: AuditedDependency, default: Severity) -> tuple[Severity, str]:
    """The finding's severity and why: CVSS base score, else the database's word."""
    score = audited.severity_score
    if score is not None:
        if score >= 9.0:
            severity = Severity.CRITICAL
        elif score >= 7.0:
            severity = Severity.HIGH
        elif score >= 4.0:
            severity = Severity.MEDIUM
        else:
            severity = Severity.LOW
        return severity, f"CVSS {score:.1f}"
    word = audited.severity_word.upper()
    if word in _WORDS:
        return _WORDS[word], f"advisory severity {word.lower()}"
    return default, "no CVSS score in the advisory data"


def describe_groups(groups: Iterable[AdvisoryGroup]) -> str:
    """`PYSEC-2023-62 (CVE-2023-30861, GHSA-m2qf-hxjv-5gpq), PYSEC-...`."""
    parts = []
    for group in groups:
        primary, *aliases = group.ids
        parts.append(f"{primary} ({', '.join(aliases)})" if aliases else primary)
    return ", ".join(parts)


def summary_of(groups: tuple[AdvisoryGroup, ...]) -> str:
    """The one-line summary of the first advisory group."""
    return groups[0].primary.summary_line() if groups else ""
