"""Shared pieces of the commands: report data from a scan, writing a report, errors."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from webwarden import __version__
from webwarden.errors import ReportError
from webwarden.findings import Finding, Severity
from webwarden.report import REPORTERS, ReportData, Reporter, RuleInfo
from webwarden.report.interface import ExpiredRisk

if TYPE_CHECKING:
    from webwarden.engine import ScanResult
    from webwarden.rules.base import Rule


_INFO: dict[type[Rule], RuleInfo] = {}
"""Each rule's description, made once per process: the daemon reports every rule's page
after each edit."""


def rule_info(rule: type[Rule]) -> RuleInfo:
    """How reports describe `rule`."""
    found = _INFO.get(rule)
    if found is None:
        found = _INFO[rule] = _described(rule)
    return found


def _described(rule: type[Rule]) -> RuleInfo:
    # NOTE: imported here: a check that shows its remembered report needs no rule.
    from webwarden.rules.docs import help_uri, parse_sections, render_page

    what = parse_sections(rule.__doc__ or "")["What it does"]
    summary = " ".join(what.split("\n\n")[0].split())
    return RuleInfo(
        code=rule.code,
        name=rule.name,
        practice=rule.practice,
        severity=rule.severity,
        confidence=rule.confidence,
        cwe=rule.cwe,
        summary=summary,
        fix=rule.fix,
        help_markdown=render_page(rule),
        help_uri=help_uri(rule),
    )


def report_data(result: ScanResult, command: str = "check") -> ReportData:
    """The reporters' view of a scan."""
    return ReportData(
        findings=result.findings,
        rules={rule.code: rule_info(rule) for rule in result.rules},
        root=result.root,
        tool_version=__version__,
        files_found=result.files_found,
        files_analysed=result.files_analysed,
        lines=result.lines,
        seconds=result.seconds,
        suppressed=result.triage.suppressed,
        suppressed_findings=list(result.triage.silenced),
        accepted=result.triage.accepted,
        baselined=result.triage.baselined,
        filtered=result.triage.filtered,
        expired=[
            ExpiredRisk(r.rule, r.path, r.reason, r.expires.isoformat() if r.expires else "")
            for r in result.triage.expired
        ],
        command=command,
        notes=list(result.notes),
        dependencies=len(audit.dependencies)
        if (audit := result.dependencies.audit) is not None
        else 0,
    )


@contextlib.contextmanager
def output_stream(output: Path | None) -> Iterator[TextIO]:
    """stdout, or `output` written atomically enough (fully rendered, then saved)."""
    if output is None:
        yield sys.stdout
        return
    buffer = io.StringIO()
    yield buffer
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(buffer.getvalue(), encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"{output}: cannot write report: {exc.strerror or exc}") from exc


def write_report(data: ReportData, fmt: str, output: Path | None, color: bool | None) -> None:
    """Render `data` in `fmt` to `output` (default stdout)."""
    if fmt == "text":
        from webwarden.report.text import TextReporter  # NOTE: rich, only for text

        reporter: Reporter = TextReporter(color=False if output else color)
    else:
        reporter = REPORTERS[fmt]()
    with output_stream(output) as stream:
        reporter.render(data, stream)


def exit_status(findings: Iterable[Finding], fail_on: Severity | None) -> int:
    """1 when a finding is at or above `fail_on` (None: never), else 0."""
    if fail_on is None:
        return 0
    return int(any(f.severity.rank >= fail_on.rank for f in findings))


def split_codes(values: Iterable[str]) -> list[str]:
    """`--select WW11,WW540 --select WW000` -> the individual selectors."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def error(message: str) -> None:
    """One line on stderr."""
    click.echo(f"webwarden: error: {message}", err=True)
