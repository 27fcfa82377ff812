"""The compact timeline of the text report: requests and findings per time bucket."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from webwarden.report.interface import Timeline

BAR_WIDTH = 20


def _duration(seconds: int) -> str:
    unit, size = next(
        (unit, size)
        for unit, size in (("d", 86400), ("h", 3600), ("min", 60), ("s", 1))
        if seconds % size == 0
    )
    return f"{seconds // size} {unit}"


def render_timeline(console: Console, timeline: Timeline) -> None:
    """One row per bucket: start, a bar of requests, the count, the findings that started."""
    peak = max((b.requests for b in timeline.buckets), default=0) or 1
    console.print(
        Text(f"Timeline (UTC, {_duration(timeline.bucket_seconds)} per row)", style="bold")
    )
    for bucket in timeline.buckets:
        width = -(-bucket.requests * BAR_WIDTH // peak)
        row = Text(f"  {bucket.start[:10]} {bucket.start[11:16]}  ", style="dim")
        row.append(f"{'█' * width:<{BAR_WIDTH}}", style="blue")
        row.append(f" {bucket.requests:>9,} request{'s' if bucket.requests != 1 else ' '}")
        if bucket.findings:
            label = f"  {bucket.findings} finding{'s' if bucket.findings != 1 else ''}"
            row.append(f"{label} ({', '.join(bucket.codes)})", style="bold red")
        console.print(row)
    console.print()
