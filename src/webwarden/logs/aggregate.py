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
EAGER_THRESHOLD = 50
"""Up to this threshold a finding's samples are the first lines of its burst; above it
(request rates) the lines just before the threshold was reached, which saves keeping
samples for every client that never gets near it."""


class _Pending(NamedTuple):
    sample: Sample
    evidence: Evidence
    route: str | None
    client: str | None


def _sample(event: LogEvent) -> Sample:
    return Sample(event.source, event.line, event.text[:SAMPLE_CHARS], event.time)


def _pending(event: LogEvent, evidence: Evidence) -> _Pending:
    route = event.display_path if event.target else None
    return _Pending(_sample(event), evidence, route, event.client)


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
        """Include one piece of evidence kept from before the incident opened."""
        sample, evidence, route, client = item
        if len(self.samples) < SAMPLES and sample not in self.samples:
            self.samples.append(sample)
        self._note(sample.time, evidence, route, client, counted)

    def add_event(self, event: LogEvent, evidence: Evidence) -> None:
        """Include one piece of evidence as it arrives."""
        if len(self.samples) < SAMPLES:
            self.samples.append(_sample(event))
        route = event.display_path if event.target else None
        self._note(event.time, evidence, route, event.client, True)

    def _note(
        self, time: float, evidence: Evidence, route: str | None, client: str | None, counted: bool
    ) -> None:
        if time > self.last:
            self.last = time
        self.count += counted
        if route is not None and route not in self.routes:
            if len(self.routes) < ROUTES_SHOWN:
                self.routes.append(route)
            else:
                self.more_routes = True
        detail = evidence.detail
        if detail and (detail in self.details or len(self.details) < DETAILS_KEPT):
            self.details[detail] = self.details.get(detail, 0) + 1
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
    __slots__ = ("events", "head", "incident", "since", "values")

    def __init__(self, window: float, distinct: bool, threshold: int) -> None:
        self.events = WindowCounter(window)
        self.values = DistinctWindow(window, max(64, 2 * threshold)) if distinct else None
        self.since = 0.0
        self.head: list[_Pending] = []
        """The first few pieces of evidence of the current run, before an incident opens."""
        self.incident: Incident | None = None


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
        states = self.states
        state = states.get(key)
        if state is None:
            state = states[key] = _KeyState(self.window, self.rule.distinct, self.threshold)
            if len(states) > self.cap:
                self.evicted += 1
                self._close(*states.popitem(last=False))
        else:
            states.move_to_end(key)
        values = state.values
        before = values.total(time) if values is not None else state.events.total(time)
        incident = state.incident
        if incident is not None and before < self.sustain:
            self._close(key, state)
            incident, state.since, state.head = None, time, []
        elif incident is None and before == 0:
            state.since, state.head = time, []
        state.events.add(time)
        if values is not None:
            values.add(evidence.distinct, time)
        if incident is not None:
            incident.add_event(event, evidence)
            return
        after = values.total(time) if values is not None else before + 1
        if after >= self.threshold:
            self._open(key, state, event, evidence)
        elif len(state.head) < SAMPLES and (
            self.threshold <= EAGER_THRESHOLD or after >= self.threshold - SAMPLES
        ):
            state.head.append(_pending(event, evidence))

    def _open(self, key: str, state: _KeyState, event: LogEvent, evidence: Evidence) -> None:
        time = event.time
        start = min(max(state.since, state.events.oldest()), time)
        incident = Incident(first=start, count=state.events.total(time) - 1)
        for item in state.head:
            if item.sample.time >= start:
                incident.add(item, counted=False)
        incident.add_event(event, evidence)
        incident.first = min(incident.first, *(s.time for s in incident.samples))
        if state.values is not None:
            incident.distinct.update(list(state.values.seen)[:DISTINCT_KEPT])
        state.incident, state.head = incident, []
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
