"""The log monitor's own notices: malformed lines (WW030), unreadable or unrecognised
logs (WW031), and limits that cut the analysis short (WW032)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from webwarden.findings import Finding, Location
from webwarden.logs.decode import mask_line
from webwarden.logs.reader import FileStats
from webwarden.rules.notices.log_limit_reached import LogLimitReached
from webwarden.rules.notices.log_not_analysed import LogNotAnalysed
from webwarden.rules.notices.malformed_log_lines import MalformedLogLines

if TYPE_CHECKING:
    from webwarden.logs.monitor import Monitor


def _line_list(numbers: list[int], total: int) -> str:
    shown = ", ".join(str(n) for n in numbers)
    return f"{shown}, ..." if total > len(numbers) else shown


def notices(stats: list[FileStats], monitor: Monitor, show_ips: bool) -> Iterator[Finding]:
    """WW030-WW032 for this run."""
    for file in stats:
        if file.malformed:
            yield MalformedLogLines.make_finding(
                Location(file.display, file.malformed_lines[0]),
                snippet=file.first_malformed if show_ips else mask_line(file.first_malformed, None),
                key=f"{file.format} malformed",
                count=file.malformed,
                s="" if file.malformed == 1 else "s",
                format=file.format,
                lines=_line_list(file.malformed_lines, file.malformed),
            )
        if file.problem:
            yield LogNotAnalysed.make_finding(
                Location(file.display, file.problem_line), reason=file.problem, key=file.problem
            )
    where = Location(stats[0].display if stats else ".")
    for aggregator in monitor.aggregators:
        code = aggregator.rule.code
        if aggregator.evicted:
            yield LogLimitReached.make_finding(
                where,
                key=f"{code} max-clients",
                what=f"{code} tracked `max-clients` = {monitor.settings.max_clients} clients at once "
                f"and dropped {aggregator.evicted} early; bursts from them may be missed",
            )
        if monitor.overflow[code]:
            yield LogLimitReached.make_finding(
                where,
                key=f"{code} max-findings",
                what=f"{code} found {monitor.overflow[code]} more incidents than the "
                f"`max-findings` = {monitor.settings.max_findings} listed",
            )
