"""The fixed-size windowed counters."""

from __future__ import annotations

from webwarden.logs.window import DistinctWindow, RunningStats, WindowCounter


def test_window_counter_slides_and_forgets() -> None:
    counter = WindowCounter(60.0)
    for second in range(0, 30, 3):
        counter.add(1000.0 + second)
    assert counter.total(1030.0) == 10
    assert counter.oldest() == 996.0  # slot start, six seconds wide
    assert counter.total(1070.0) == 5  # the first half has left the window
    assert counter.total(1200.0) == 0
    counter.add(1200.0)
    assert counter.total(1200.0) == 1


def test_window_counter_keeps_late_events_inside_the_window() -> None:
    counter = WindowCounter(60.0)
    counter.add(1000.0)
    counter.add(990.0)  # a little out of order: counted
    counter.add(900.0)  # older than the window: dropped
    assert counter.total(1000.0) == 2


def test_distinct_window_counts_values_once_and_expires_them() -> None:
    window = DistinctWindow(60.0, cap=3)
    for second, value in enumerate(["a", "b", "a", "c"]):
        window.add(value, 1000.0 + second)
    assert window.total(1003.0) == 3
    window.add("d", 1004.0)  # over the cap: the least recent value ("b") goes
    assert sorted(window.seen) == ["a", "c", "d"]
    assert window.total(1062.5) == 2  # "a" (1002) has expired
    assert window.total(2000.0) == 0


def test_running_stats() -> None:
    stats = RunningStats()
    assert stats.deviation == 0.0
    for value in (2, 4, 4, 4, 5, 5, 7, 9):
        stats.add(value)
    assert (stats.count, stats.mean) == (8, 5.0)
    assert round(stats.deviation, 3) == 2.138
