"""JSON report, versioned: the schema is `report/schema/findings-v1.json`."""

from __future__ import annotations

import json
from typing import Any, TextIO

from webwarden.findings import Finding, FlowStep, Location, Severity
from webwarden.report.interface import InventoryEntry, ReportData, Reporter, Timeline

SCHEMA_VERSION = "1.0"
SCHEMA_URI = (
    "https://github.com/webwarden/webwarden/blob/main/src/webwarden/report/schema/findings-v1.json"
)


def _location(location: Location) -> dict[str, Any]:
    return {
        "path": location.path,
        "line": location.line,
        "column": location.column,
        "end_line": location.end_line,
        "end_column": location.end_column,
    }


def _step(step: FlowStep) -> dict[str, Any]:
    return {"location": _location(step.location), "note": step.note}


def _entry(entry: InventoryEntry) -> dict[str, Any]:
    return {
        "name": entry.name,
        "kind": entry.kind,
        "version": entry.version,
        "source": entry.source,
        "path": entry.path,
        "line": entry.line,
        "applies": entry.applies,
        "advisories": [
            {"id": a.id, "aliases": list(a.aliases), "summary": a.summary} for a in entry.advisories
        ],
        "smallest_fix": entry.smallest_fix,
        "latest": entry.latest,
    }


def finding_to_dict(finding: Finding, help_uri: str | None) -> dict[str, Any]:
    """One finding in the v1 JSON shape."""
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "confidence": finding.confidence.value,
        "practice": finding.practice.value,
        "practice_number": finding.practice.number,
        "cwe": finding.cwe,
        "message": finding.message,
        "fix": finding.fix,
        "location": _location(finding.location),
        "snippet": finding.snippet,
        "context": finding.context,
        "fingerprint": finding.fingerprint,
        "confirmed": finding.confirmed,
        "flow": [_step(step) for step in finding.flow],
        "help_uri": help_uri,
    }


def _suppressed(finding: Finding, data: ReportData) -> dict[str, Any]:
    info = data.rules.get(finding.code)
    finding_dict = finding_to_dict(finding, info.help_uri if info else None)
    return {"reason": finding.suppressed_by, "finding": finding_dict}


def timeline_to_dict(timeline: Timeline) -> dict[str, Any]:
    """The optional `timeline` section: buckets of requests and findings (`webwarden logs`)."""
    return {
        "bucket_seconds": timeline.bucket_seconds,
        "buckets": [
            {
                "start": b.start,
                "requests": b.requests,
                "findings": b.findings,
                "codes": list(b.codes),
            }
            for b in timeline.buckets
        ],
    }


def report_to_dict(data: ReportData) -> dict[str, Any]:
    """The whole v1 JSON document."""
    counts = data.by_severity()
    document = {
        "$schema": SCHEMA_URI,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "webwarden", "version": data.tool_version},
        "command": data.command,
        "root": str(data.root),
        "summary": {
            "findings": len(data.findings),
            "by_severity": {s.value: counts.get(s, 0) for s in Severity},
            "files_found": data.files_found,
            "files_analysed": data.files_analysed,
            "lines": data.lines,
            "seconds": round(data.seconds, 3),
            "suppressed": data.suppressed,
            "accepted": data.accepted,
            "baselined": data.baselined,
            "filtered": data.filtered,
            "dependencies": data.dependencies,
        },
        "expired_accepted_risks": [
            {"rule": e.rule, "path": e.path, "reason": e.reason, "expires": e.expires}
            for e in data.expired
        ],
        "notes": list(data.notes),
        **(
            {"suppressed_findings": [_suppressed(f, data) for f in data.suppressed_findings]}
            if data.suppressed_findings
            else {}
        ),
        **({"inventory": [_entry(e) for e in data.inventory]} if data.inventory else {}),
        "findings": [
            finding_to_dict(f, info.help_uri if (info := data.rules.get(f.code)) else None)
            for f in data.findings
        ],
    }
    if data.timeline is not None:
        document["timeline"] = timeline_to_dict(data.timeline)
    return document


class JsonReporter(Reporter):
    """Machine-readable findings, one JSON document."""

    format_name = "json"

    def render(self, data: ReportData, stream: TextIO) -> None:
        """Write the JSON document."""
        json.dump(report_to_dict(data), stream, indent=2)
        stream.write("\n")
