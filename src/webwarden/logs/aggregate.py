"""Turning runs of evidence into findings: one per rule, key (client or account) and burst.

For each rule and key the aggregator keeps a windowed counter. When the evidence in the
window reaches the rule's threshold an incident opens; it stays open while at least
half the threshold keeps arriving per window (for threshold-1 rules: until a whole
window passes without evidence), then it becomes one finding with the count, the time
span, the routes, what was seen and a few sample lines. Keys idle for a window are
evicted in least-recently-updated order, and at most `max-clients` keys are tracked.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from webwarden.logs.events import Evidence, LogEvent, Sample
from webwarden.logs.settings import LogSettings
from webwarden.logs.window import DistinctWindow, WindowCounter
from webwarden.rules.base import LogRule

SAMPLES = 3
SAMPLE_CHARS = 1024
ROUTES_SHOWN = 3
DETAILS_KEPT = 5
DISTINCT_KEPT = 1000


class _Pending(NamedTuple):
    sample: Sample
    evidence: Evidence
    route: str | None
    client: str | None


def _pending(event: LogEvent, evidence: Evidence) -> _Pending:
    sample = Sample(event.source, event.line, event.text[:SAMPLE_CHARS], event.time)
    route = event.display_path if event.target else None
    return _Pending(sample, evidence, route, event.client)


@dataclass(slots=True)
class Incident:
    """One burst of evidence from one key: what a finding reports."""

    first: float
    last: float = 0.0
    count: int = 0
    samples: list[Sample] = field(default_factory=list)
    routes: list[str] = field(default_factory=list)
    more_routes: bool = False
    details: dict[str, int] = field(default_factory=dict)
    distinct: set[str] = field(default_factory=set)
    strongest: Evidence | None = None
    client: str | None = None

    def add(self, item: _Pending, counted: bool = True) -> None:
        """Include one piece of evidence (`counted` False when already in `count`)."""
        sample, evidence, route, client = item
        self.last = max(self.last, sample.time)
        self.count += counted
        if len(self.samples) < SAMPLES and sample not in self.samples:
            self.samples.append(sample)
        if route is not None and route not in self.routes:
            if len(self.routes) < ROUTES_SHOWN:
                self.routes.append(route)
            else:
                self.more_routes = True
        if evidence.detail and (
            evidence.detail in self.details or len(self.details) < DETAILS_KEPT
        ):
            self.details[evidence.detail] = self.details.get(evidence.detail, 0) + 1
        if evidence.distinct and len(self.distinct) < DISTINCT_KEPT:
            self.distinct.add(evidence.distinct)
        if self.strongest is None or _stronger(evidence, self.strongest):
            self.strongest = evidence
        if self.client is None:
            self.client = client


def _stronger(new: Evidence, old: Evidence) -> bool:
    new_rank = new.severity.rank if new.severity else -1
    old_rank = old.severity.rank if old.severity else -1
    return new_rank > old_rank


class _KeyState:
    __slots__ = ("events", "head", "incident", "last", "since", "values")

    def __init__(self, window: float, distinct: bool, threshold: int) -> None:
        self.events = WindowCounter(window)
        self.values = DistinctWindow(window, max(64, 2 * threshold)) if distinct else None
        self.since = 0.0
        self.head: list[_Pending] = []
        self.last: _Pending | None = None
        self.incident: Incident | None = None

    def total(self, time: float) -> int:
        return self.values.total(time) if self.values is not None else self.events.total(time)


Emit = Callable[[type[LogRule], str, Incident], None]


class RuleAggregator:
    """The incidents of one rule, keyed by client or account."""

    def __init__(self, rule: type[LogRule], settings: LogSettings, emit: Emit, alert: Emit) -> None:
        options = settings.options(rule)
        self.rule = rule
        self.threshold = 1 if rule.self_thresholded else options.threshold
        self.options = options
        self.window = options.window
        self.sustain = max(1, self.threshold // 2)
        self.cap = settings.max_clients
        self.emit = emit
        self.alert = alert
        self.states: OrderedDict[str, _KeyState] = OrderedDict()
        self.evicted = 0
        """Keys dropped early because `max-clients` keys were already tracked."""

    def add(self, evidence: Evidence, event: LogEvent) -> None:
        """Count one piece of evidence."""
        key, time = evidence.key, event.time
        state = self.states.get(key)
        if state is None:
            state = _KeyState(self.window, self.rule.distinct, self.threshold)
            self.states[key] = state
            if len(self.states) > self.cap:
                self.evicted += 1
                self._close(*self.states.popitem(last=False))
        else:
            self.states.move_to_end(key)
        before = state.total(time)
        if state.incident is not None and before < self.sustain:
            self._close(key, state)
            state.since, state.head = time, []
        elif state.incident is None and before == 0:
            state.since, state.head = time, []
        state.events.add(time)
        if state.values is not None:
            state.values.add(evidence.distinct, time)
        item = _pending(event, evidence)
        if state.incident is not None:
            state.incident.add(item)
            return
        if len(state.head) < SAMPLES:
            state.head.append(item)
        state.last = item
        if state.total(time) >= self.threshold:
            self._open(key, state, time)

    def _open(self, key: str, state: _KeyState, time: float) -> None:
        start = max(state.since, state.events.oldest())
        incident = Incident(first=min(start, time), count=state.events.total(time))
        for item in [p for p in state.head if p.sample.time >= start] + [state.last]:
            if item is not None:
                incident.add(item, counted=False)
        incident.first = min(incident.first, *(s.time for s in incident.samples))
        if state.values is not None:
            incident.distinct.update(list(state.values.seen)[:DISTINCT_KEPT])
        state.incident, state.head, state.last = incident, [], None
        self.alert(self.rule, key, incident)

    def _close(self, key: str, state: _KeyState) -> None:
        if state.incident is not None:
            self.emit(self.rule, key, state.incident)
            state.incident = None

    def sweep(self, now: float) -> None:
        """Close and forget keys without evidence for a whole window before `now`."""
        horizon = now - self.window
        while self.states:
            key, state = next(iter(self.states.items()))
            newest = state.events.newest * state.events.width
            if newest + state.events.width > horizon:
                break
            del self.states[key]
            self._close(key, state)

    def close_all(self) -> None:
        """End of input: every open incident becomes a finding."""
        for key, state in self.states.items():
            self._close(key, state)
        self.states.clear()
