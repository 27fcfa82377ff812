"""Requests and findings per time bucket, for the report's compact timeline.

Counts are kept per minute; when more than `MAX_BUCKETS` minutes are held (a log
spanning weeks) the resolution coarsens, so memory stays bounded whatever the span.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from webwarden.report.interface import Timeline, TimelineBucket

MAX_BUCKETS = 20_000
RESOLUTIONS = (60, 600, 3600, 6 * 3600, 86400, 7 * 86400)
ROW_SIZES = (60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400, 30 * 86400)
MAX_ROWS = 24


class TimelineCounter:
    """Requests per bucket and the findings that started in each."""

    def __init__(self) -> None:
        self.resolution = RESOLUTIONS[0]
        self.requests: dict[int, int] = {}
        self.findings: list[tuple[float, str]] = []

    def add_request(self, time: float) -> None:
        """Count one request at `time`."""
        bucket = int(time // self.resolution)
        requests = self.requests
        requests[bucket] = requests.get(bucket, 0) + 1
        if len(requests) > MAX_BUCKETS:
            self._coarsen()

    def add_finding(self, time: float, code: str) -> None:
        """Note a finding whose incident started at `time`."""
        self.findings.append((time, code))

    def _coarsen(self) -> None:
        finer = self.resolution
        self.resolution = next((r for r in RESOLUTIONS if r > finer), finer * 4)
        merged: dict[int, int] = {}
        for bucket, count in self.requests.items():
            coarse = int(bucket * finer // self.resolution)
            merged[coarse] = merged.get(coarse, 0) + count
        self.requests = merged

    def render(self, max_rows: int = MAX_ROWS) -> Timeline | None:
        """At most `max_rows` buckets from the first to the last activity, or None."""
        times = [b * self.resolution for b in self.requests] + [t for t, _ in self.findings]
        if not times:
            return None
        first, last = min(times), max(times)
        size = next(
            (s for s in ROW_SIZES if s >= self.resolution and (last // s - first // s) < max_rows),
            ROW_SIZES[-1],
        )
        start = int(first // size)
        rows = int(last // size) - start + 1
        requests = [0] * rows
        for bucket, count in self.requests.items():
            requests[int(bucket * self.resolution // size) - start] += count
        codes: list[Counter[str]] = [Counter() for _ in range(rows)]
        for time, code in self.findings:
            codes[int(time // size) - start][code] += 1
        return Timeline(
            bucket_seconds=size,
            buckets=tuple(
                TimelineBucket(
                    start=dt.datetime.fromtimestamp((start + i) * size, dt.UTC).strftime(
                        "%Y-%m-%dT%H:%M:%SZ"
                    ),
                    requests=requests[i],
                    findings=sum(codes[i].values()),
                    codes=tuple(sorted(codes[i])),
                )
                for i in range(rows)
            ),
        )
