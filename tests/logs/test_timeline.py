"""The timeline: requests per bucket at a bounded resolution, rendered as at most 24 rows."""

from __future__ import annotations

import pytest

from webwarden.logs import timeline as timeline_module
from webwarden.logs.timeline import TimelineCounter

T = 1714557600.0  # 2024-05-01 10:00:00 UTC


def test_an_empty_timeline_renders_nothing() -> None:
    assert TimelineCounter().render() is None


def test_rows_cover_the_span_in_the_smallest_fitting_bucket() -> None:
    counter = TimelineCounter()
    for minute in range(0, 90, 3):
        counter.add_request(T + minute * 60)
    counter.add_finding(T + 65 * 60, "WW490")
    counter.add_finding(T + 66 * 60, "WW1194")
    counter.add_finding(T + 67 * 60, "WW490")
    rendered = counter.render()
    assert rendered is not None
    assert rendered.bucket_seconds == 300  # 90 minutes in 5-minute rows: 18 rows
    assert len(rendered.buckets) == 18
    first, busy = rendered.buckets[0], rendered.buckets[13]
    assert (first.start, first.requests, first.findings) == ("2024-05-01T10:00:00Z", 2, 0)
    assert (busy.start, busy.findings, busy.codes) == (
        "2024-05-01T11:05:00Z",
        3,
        ("WW1194", "WW490"),
    )
    assert sum(b.requests for b in rendered.buckets) == 30


def test_long_spans_coarsen_the_kept_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline_module, "MAX_BUCKETS", 50)
    counter = TimelineCounter()
    for hour in range(24 * 7):
        counter.add_request(T + hour * 3600)
    assert counter.resolution == 6 * 3600  # minutes, 10 minutes, hours, then 6 hours
    assert len(counter.requests) <= 51
    rendered = counter.render()
    assert rendered is not None
    assert rendered.bucket_seconds == 12 * 3600
    assert sum(b.requests for b in rendered.buckets) == 24 * 7
