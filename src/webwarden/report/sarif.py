"""SARIF 2.1.0: rules metadata with help, levels, partial fingerprints and code flows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from webwarden.findings import Finding, FlowStep, Location, Severity
from webwarden.findings.codes import code_key
from webwarden.findings.fingerprint import FINGERPRINT_VERSION
from webwarden.report.interface import ReportData, Reporter, RuleInfo
from webwarden.report.json import timeline_to_dict

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/webwarden/webwarden"
_LEVELS = {
    Severity.LOW: "note",
    Severity.MEDIUM: "warning",
    Severity.HIGH: "error",
    Severity.CRITICAL: "error",
}
# NOTE: GitHub code scanning reads `security-severity` (a CVSS-like 0-10 score).
_SECURITY_SEVERITY = {
    Severity.LOW: "3.0",
    Severity.MEDIUM: "5.5",
    Severity.HIGH: "8.0",
    Severity.CRITICAL: "9.5",
}


def _rule(info: RuleInfo) -> dict[str, Any]:
    tags = ["security", info.practice.value]
    if info.cwe is not None:
        tags.append(f"external/cwe/cwe-{info.cwe}")
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": info.summary},
        "help": {"text": info.fix, "markdown": info.help_markdown},
        "helpUri": info.help_uri,
        "defaultConfiguration": {"level": _LEVELS[info.severity]},
        "properties": {
            "tags": tags,
            "precision": {"low": "low", "medium": "medium", "high": "high"}[info.confidence],
            "security-severity": _SECURITY_SEVERITY[info.severity],
            "practice": info.practice.number,
        },
    }


def _is_url(path: str) -> bool:
    return "://" in path


def _physical(location: Location, snippet: str = "") -> dict[str, Any]:
    artifact: dict[str, Any] = {"uri": location.path}
    if location.path.startswith("/"):
        artifact["uri"] = Path(location.path).as_uri()
    elif not _is_url(location.path):
        # NOTE: a URI reference: `#`, `?`, `%` and spaces in a file's name are escaped.
        artifact["uri"] = quote(location.path)
        artifact["uriBaseId"] = "%SRCROOT%"
    region: dict[str, Any] = {"startLine": location.line, "startColumn": location.column}
    if location.end_line is not None:
        region["endLine"] = location.end_line
    if location.end_column is not None:
        region["endColumn"] = location.end_column
    if snippet:
        region["snippet"] = {"text": snippet}
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def _code_flow(steps: tuple[FlowStep, ...]) -> dict[str, Any]:
    return {
        "threadFlows": [
            {
                "locations": [
                    {"location": {**_physical(step.location), "message": {"text": step.note}}}
                    for step in steps
                ]
            }
        ]
    }


def _result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": _LEVELS[finding.severity],
        "message": {
            "text": f"{finding.message} (fix: {finding.fix})" if finding.fix else finding.message
        },
        "locations": [_physical(finding.location, finding.snippet)],
        "partialFingerprints": {FINGERPRINT_VERSION: finding.fingerprint},
        "properties": {
            "severity": finding.severity.value,
            "confidence": finding.confidence.value,
            "security-severity": _SECURITY_SEVERITY[finding.severity],
        },
    }
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    if finding.context:
        result["properties"]["context"] = finding.context
    if finding.confirmed:
        result["properties"]["confirmed"] = True
    if finding.flow:
        result["codeFlows"] = [_code_flow(finding.flow)]
    return result


def _suppressed(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    """A result the project suppressed in its own source (its settings), with the reason."""
    result = _result(finding, rule_index)
    result["suppressions"] = [{"kind": "inSource", "justification": finding.suppressed_by}]
    return result


def report_to_sarif(data: ReportData) -> dict[str, Any]:
    """The SARIF log for one run."""
    rules = sorted(data.rules.values(), key=lambda r: code_key(r.code))
    rule_index = {info.code: index for index, info in enumerate(rules)}
    expired = [
        {
            "level": "warning",
            "message": {"text": f"accepted risk for {e.rule} expired on {e.expires}: {e.reason}"},
        }
        for e in data.expired
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "webwarden",
                "version": data.tool_version,
                "semanticVersion": data.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(info) for info in rules],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": data.root.as_uri() + "/"}},
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": expired}],
        "results": [_result(f, rule_index) for f in data.findings]
        + [_suppressed(f, rule_index) for f in data.suppressed_findings],
        "columnKind": "unicodeCodePoints",
    }
    properties: dict[str, Any] = {}
    if data.notes:
        properties["notes"] = list(data.notes)
    if data.timeline is not None:
        properties["timeline"] = timeline_to_dict(data.timeline)
    if properties:
        run["properties"] = properties
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


class SarifReporter(Reporter):
    """SARIF 2.1.0, for GitHub code scanning and other SARIF viewers."""

    format_name = "sarif"

    def render(self, data: ReportData, stream: TextIO) -> None:
        """Write the SARIF log."""
        json.dump(report_to_sarif(data), stream, indent=2)
        stream.write("\n")
