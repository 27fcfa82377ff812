"""The terminal report: findings grouped by file, coloured by severity (rich)."""

from __future__ import annotations

import os
from collections import defaultdict
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from webwarden.findings import Finding, Severity
from webwarden.report.interface import InventoryEntry, ReportData, Reporter
from webwarden.report.timeline import render_timeline
from webwarden.wording import plural

_STYLES = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
}
_ORDER = (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)


def make_console(stream: TextIO, *, color: bool | None = None) -> Console:
    """A console on `stream`: colour on a terminal unless NO_COLOR is set, or as asked."""
    if color is None:
        color = stream.isatty() and "NO_COLOR" not in os.environ
    return Console(
        file=stream,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )


def summary_line(data: ReportData) -> str:
    """`3 findings (1 high, 2 low) in 2 files; 40 files (1,234 lines) scanned in 0.21 s`.

    A probe run counts places (files and URLs) and says how many requests it sent.
    """
    counts = data.by_severity()
    paths = {f.location.path for f in data.findings}
    urls = sum(1 for path in paths if _is_url(path))
    parts = [f"{counts[s]} {s.value}" for s in _ORDER if counts[s]]
    head = plural(len(data.findings), "finding")
    if parts:
        places = [plural(len(paths) - urls, "file")] if len(paths) > urls else []
        places += [plural(urls, "URL")] if urls else []
        head += f" ({', '.join(parts)}) in {' and '.join(places)}"
    probed = f"{plural(data.requests, 'request')} ({plural(data.pages, 'page')}) probed"
    files = plural(data.files_found, "file")
    scanned = f"{files} ({data.lines:,} lines of Python) scanned in {data.seconds:.2f} s"
    if data.command == "logs":
        files = plural(data.files_found, "log file")
        scanned = f"{files} ({data.lines:,} lines) read in {data.seconds:.2f} s"
    elif data.command == "deps":
        scanned = f"{data.dependencies} dependencies in {files} audited in {data.seconds:.2f} s"
    elif data.command == "probe":
        scanned = f"{probed} in {data.seconds:.2f} s"
    else:
        if data.dependencies:
            scanned += f", {data.dependencies} dependencies audited"
        if data.requests:
            scanned += f"; {probed}"
    extras = [
        f"{count} {label}"
        for count, label in (
            (data.suppressed - len(data.suppressed_findings), "suppressed inline"),
            (len(data.suppressed_findings), "silenced by SILENCED_SYSTEM_CHECKS"),
            (data.accepted, "accepted in configuration"),
            (data.baselined, "in the baseline"),
            (data.filtered, "filtered by configuration"),
        )
        if count
    ]
    line = f"{head}; {scanned}"
    return f"{line}; {', '.join(extras)}" if extras else line


def _status(entry: InventoryEntry) -> Text:
    if not entry.applies:
        return Text("not installed for the target Python/platform", style="dim")
    if entry.kind == "unauditable":
        return Text("unauditable", style="yellow")
    if entry.advisories:
        ids = ", ".join(a.id for a in entry.advisories[:3])
        ids += ", ..." if len(entry.advisories) > 3 else ""
        fix = f"; fix: {entry.smallest_fix}" if entry.smallest_fix else "; no fix known"
        label = "vulnerable" if entry.kind == "pinned" else "admits vulnerable"
        return Text(f"{label} ({len(entry.advisories)}: {ids}){fix}", style="bold red")
    text = Text("ok", style="green")
    if entry.latest:
        text.append(f" (newest {entry.latest})", style="dim")
    return text


def inventory_table(entries: list[InventoryEntry]) -> Table:
    """The dependency inventory: package, version or constraint, where, status."""
    table = Table(title="Dependencies", title_justify="left", show_edge=False)
    for column in ("Package", "Version", "Declared at", "Status"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        table.add_row(
            entry.name, entry.version or "(any)", f"{entry.path}:{entry.line}", _status(entry)
        )
    return table


def _is_url(path: str) -> bool:
    return "://" in path


class TextReporter(Reporter):
    """Human-readable report for terminals and CI logs."""

    format_name = "text"

    def __init__(self, color: bool | None = None) -> None:
        self.color = color

    def render(self, data: ReportData, stream: TextIO) -> None:
        """Print findings grouped by file, then the summary."""
        console = make_console(stream, color=self.color)
        if data.inventory:
            console.print(inventory_table(data.inventory))
            console.print()
        groups: dict[str, list[Finding]] = defaultdict(list)
        for finding in data.findings:
            groups[finding.location.path].append(finding)
        for path, findings in groups.items():
            console.print(Text(path, style="bold underline"))
            for finding in findings:
                self._finding(console, finding)
            console.print()
        if data.timeline is not None:
            render_timeline(console, data.timeline)
        for expired in data.expired:
            console.print(
                f"[yellow]accepted risk expired[/]: {escape(expired.rule)} "
                f"({escape(expired.path or 'all paths')}) on {expired.expires}: "
                f"{escape(expired.reason)}"
            )
        for finding in data.suppressed_findings:
            loc = finding.location
            console.print(
                Text(
                    f"suppressed: {loc.path}:{loc.line} {finding.code} {finding.name}: "
                    f"{finding.message} ({finding.suppressed_by})",
                    style="dim",
                )
            )
        for note in data.notes:
            console.print(Text(note, style="dim"))
        style = "bold red" if data.findings else "bold green"
        console.print(Text(summary_line(data), style=style))

    @staticmethod
    def _finding(console: Console, finding: Finding) -> None:
        loc = finding.location
        url = _is_url(loc.path)
        header = Text("  ")
        if not url:
            header.append(f"{loc.line}:{loc.column}", style="dim")
            header.append("  ")
        header.append(finding.severity.value.upper(), style=_STYLES[finding.severity])
        header.append(f"  {finding.code} ", style="bold")
        header.append(finding.name, style="magenta")
        header.append(f"  {finding.message}")
        notes = []
        if finding.confidence.value != "high":
            notes.append(f"confidence {finding.confidence.value}")
        if finding.context:
            notes.append(finding.context)
        if finding.confirmed:
            notes.append("confirmed on the running app")
        if notes:
            header.append(f"  ({'; '.join(notes)})", style="dim")
        console.print(header)
        for number, line in enumerate(finding.snippet.splitlines(), start=loc.line):
            gutter = Text(f"{'' if url else number:>6} | ", style="dim")
            console.print(gutter + Text(line.rstrip()))
        for step in finding.flow:
            if step.location == loc and step.note == finding.snippet:
                continue  # NOTE: the snippet above already shows this line.
            console.print(
                Text(f"       > {step.location.path}:{step.location.line}  ", style="dim")
                + Text(step.note)
            )
        if finding.fix:
            console.print(Text("       fix: ", style="green") + Text(finding.fix))
