"""Windowed counters with fixed memory: the log monitor's working state.

`WindowCounter` counts events in the last `window` seconds in ten slots (so the count
is exact to a tenth of the window); `DistinctWindow` counts distinct values, keeping at
most `cap` of them; `RunningStats` is Welford's running mean and variance. Each is a
few dozen bytes whatever the stream's length.
"""

from __future__ import annotations

import math

SLOTS = 10


class WindowCounter:
    """How many events fell in the last `window` seconds (to within one slot)."""

    __slots__ = ("counts", "in_window", "newest", "width")

    def __init__(self, window: float) -> None:
        self.width = window / SLOTS
        self.counts = [0] * SLOTS
        self.in_window = 0
        self.newest = -1
        """Index (time // width) of the newest slot."""

    def _advance(self, index: int) -> None:
        if index <= self.newest:
            return
        if index - self.newest >= SLOTS:
            self.counts = [0] * SLOTS
            self.in_window = 0
        else:
            counts = self.counts
            for stale in range(self.newest + 1, index + 1):
                self.in_window -= counts[stale % SLOTS]
                counts[stale % SLOTS] = 0
        self.newest = index

    def add(self, time: float) -> None:
        """Count one event at `time` (late events within the window still count)."""
        index = int(time // self.width)
        self._advance(index)
        if index > self.newest - SLOTS:
            self.counts[index % SLOTS] += 1
            self.in_window += 1

    def total(self, time: float) -> int:
        """Events in the window ending at `time`."""
        self._advance(int(time // self.width))
        return self.in_window

    def oldest(self) -> float:
        """Start of the oldest slot still holding events."""
        for age in range(SLOTS - 1, -1, -1):
            index = self.newest - age
            if self.counts[index % SLOTS]:
                return index * self.width
        return self.newest * self.width


class DistinctWindow:
    """How many distinct values were seen in the last `window` seconds (up to `cap`)."""

    __slots__ = ("cap", "seen", "window")

    def __init__(self, window: float, cap: int) -> None:
        self.window = window
        self.cap = cap
        self.seen: dict[str, float] = {}

    def add(self, value: str, time: float) -> None:
        """Record `value` at `time`."""
        self.seen.pop(value, None)
        self.seen[value] = time
        if len(self.seen) > self.cap:
            self._expire(time)
            while len(self.seen) > self.cap:
                del self.seen[next(iter(self.seen))]

    def _expire(self, time: float) -> None:
        horizon = time - self.window
        for value in [v for v, seen in self.seen.items() if seen <= horizon]:
            del self.seen[value]

    def total(self, time: float) -> int:
        """Distinct values in the window ending at `time`."""
        self._expire(time)
        return len(self.seen)


class RunningStats:
    """Count, mean and standard deviation of a stream of numbers (Welford)."""

    __slots__ = ("count", "mean", "squares")

    def __init__(self) -> None:
        self.count = 0
        self.mean = 0.0
        self.squares = 0.0

    def add(self, value: float) -> None:
        """Include one value."""
        self.count += 1
        delta = value - self.mean
        self.mean += delta / self.count
        self.squares += delta * (value - self.mean)

    @property
    def deviation(self) -> float:
        """The sample standard deviation (0 for fewer than two values)."""
        return math.sqrt(self.squares / (self.count - 1)) if self.count > 1 else 0.0
