"""What every reporter is given, and the `Reporter` interface.

Reporters see only plain data (findings and rule descriptions), never the engine.
"""

from __future__ import annotations

import abc
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, TextIO

from webwarden.findings import Confidence, Finding, Practice, Severity


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule as reports describe it."""

    code: str
    name: str
    practice: Practice
    severity: Severity
    confidence: Confidence
    cwe: int | None
    summary: str
    fix: str
    help_markdown: str
    help_uri: str


@dataclass(frozen=True, slots=True)
class ExpiredRisk:
    """An accepted risk whose date has passed."""

    rule: str
    path: str | None
    reason: str
    expires: str


@dataclass(frozen=True, slots=True)
class TimelineBucket:
    """One row of a timeline: requests seen and findings started in one time bucket."""

    start: str
    """UTC start of the bucket, ISO 8601 (`2024-05-01T10:00:00Z`)."""
    requests: int
    findings: int
    codes: tuple[str, ...] = ()
    """The rule codes of the findings that started in the bucket."""


@dataclass(frozen=True, slots=True)
class Timeline:
    """When things happened (`webwarden logs`): consecutive buckets of equal length."""

    bucket_seconds: int
    buckets: tuple[TimelineBucket, ...]


@dataclass(frozen=True, slots=True)
class AdvisoryRef:
    """An advisory as the inventory shows it: primary id, aliases, one-line summary."""

    id: str
    aliases: tuple[str, ...] = ()
    summary: str = ""


@dataclass(frozen=True, slots=True)
class InventoryEntry:
    """One dependency declaration as `webwarden deps` lists it."""

    name: str
    kind: str
    """`pinned`, `range` or `unauditable`."""
    version: str
    """The pinned version, or the constraint as written."""
    source: str
    path: str
    line: int
    applies: bool = True
    advisories: tuple[AdvisoryRef, ...] = ()
    """The advisories that apply (pinned) or that hit admitted versions (range)."""
    smallest_fix: str | None = None
    latest: str | None = None


@dataclass(slots=True)
class ReportData:
    """One run, as reporters see it."""

    findings: list[Finding]
    rules: dict[str, RuleInfo]
    root: Path
    tool_version: str
    files_found: int = 0
    files_analysed: int = 0
    lines: int = 0
    seconds: float = 0.0
    suppressed: int = 0
    suppressed_findings: list[Finding] = field(default_factory=list)
    """The suppressed findings that carry their reason (`Finding.suppressed_by`): those the
    project's settings silence. Counted in `suppressed`; inline markers' are not listed."""
    accepted: int = 0
    baselined: int = 0
    filtered: int = 0
    expired: list[ExpiredRisk] = field(default_factory=list)
    command: str = "check"
    timeline: Timeline | None = None
    """Requests and findings over time, for commands that read logs."""
    notes: list[str] = field(default_factory=list)
    """Lines shown with every report, e.g. credit for the advisory data used."""
    dependencies: int = 0
    """How many dependency declarations the dependency audit read."""
    inventory: list[InventoryEntry] = field(default_factory=list)
    """Every dependency declaration, for `webwarden deps` (empty for `check`)."""
    requests: int = 0
    """Requests the live probe sent (0 when no probe ran)."""
    pages: int = 0
    """HTML pages the live probe judged."""

    def by_severity(self) -> Counter[Severity]:
        """How many findings of each severity."""
        return Counter(f.severity for f in self.findings)


class Reporter(abc.ABC):
    """Renders a `ReportData` in one format."""

    format_name: ClassVar[str]

    @abc.abstractmethod
    def render(self, data: ReportData, stream: TextIO) -> None:
        """Write the report for `data` to `stream`."""
