"""The log monitor: events in, findings out.

`Monitor.observe` hands each event to the rules that look at its kind, counts their
evidence per key in windows (`aggregate`), and learns the stream facts rules may ask
about; `monitor_logs` reads the inputs (merged by time) or follows them, and returns a
`LogRun` with the findings, the notices and the timeline.
"""

from __future__ import annotations

import heapq
import re
import threading
import time as clock
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from webwarden.errors import ConfigError
from webwarden.findings import Finding
from webwarden.logs.aggregate import Incident, RuleAggregator
from webwarden.logs.events import EventKind, LogEvent
from webwarden.logs.facts import StreamFacts
from webwarden.logs.follow import follow
from webwarden.logs.formats import make_parsers, parser_named
from webwarden.logs.incidents import build_finding
from webwarden.logs.notices import notices
from webwarden.logs.reader import Detector, FileStats, read_stream
from webwarden.logs.settings import LogSettings
from webwarden.logs.sources import STDIN_DISPLAY, chains
from webwarden.logs.timeline import TimelineCounter
from webwarden.rules.base import LogRule, PayloadRule, Rule
from webwarden.rules.registry import all_rules

SWEEP_SECONDS = 60.0
_TRUSTED_CACHE = 4096
Alert = Callable[[Finding], None]


class Monitor:
    """Runs the selected log rules over a stream of events."""

    def __init__(
        self, rules: Sequence[type[LogRule]], settings: LogSettings, alert: Alert | None = None
    ) -> None:
        self.settings = settings
        self.alert_callback = alert
        self.findings: list[Finding] = []
        self.emitted: Counter[str] = Counter()
        self.overflow: Counter[str] = Counter()
        self.timeline = TimelineCounter()
        self.requests = 0
        self.now = float("-inf")
        self._next_sweep = float("-inf")
        self._trusted: dict[str, bool] = {}
        login_windows = [settings.options(r).window for r in rules if r.login_history]
        self.facts = StreamFacts(
            settings,
            login_window=max(login_windows, default=900.0),
            track_routes=any(r.route_sizes for r in rules),
        )
        self.aggregators = [RuleAggregator(r, settings, self._emit, self._alert) for r in rules]
        pairs: list[tuple[LogRule, RuleAggregator | None]] = [
            (rule(), aggregator) for rule, aggregator in zip(rules, self.aggregators, strict=True)
        ]
        if any(r.probe_history for r in rules):
            # NOTE: unselected payload rules still mark probing clients, silently.
            pairs += [(r(), None) for r in _payload_rules() if r not in rules]
        self.probe_rules = [
            (r, a, isinstance(r, PayloadRule) and r.fields == ("target",))
            for r, a in pairs
            if r.probe
        ]
        # NOTE: one search for every payload rule's trigger at once: most requests
        # match none, and then no target-only payload rule needs to look.
        triggers = [r.trigger.pattern for r, _ in pairs if isinstance(r, PayloadRule)]
        self._screen = re.compile("|".join(triggers) or "(?!)").search
        judges = [(r, a) for r, a in pairs if a is not None and not r.probe]
        self.by_kind: dict[tuple[EventKind, str], list[tuple[LogRule, RuleAggregator]]] = {
            (kind, needs): [(r, a) for r, a in judges if kind in r.kinds and r.needs == needs]
            for kind in EventKind
            for needs in ("", "login", "reset")
        }

    def _emit(self, rule: type[LogRule], key: str, incident: Incident) -> None:
        if self.emitted[rule.code] >= self.settings.max_findings:
            self.overflow[rule.code] += 1
            return
        self.emitted[rule.code] += 1
        options = self.settings.options(rule)
        self.findings.append(build_finding(rule, key, incident, options, self.settings.show_ips))
        self.timeline.add_finding(incident.first, rule.code)

    def _alert(self, rule: type[LogRule], key: str, incident: Incident) -> None:
        if self.alert_callback is not None:
            options = self.settings.options(rule)
            self.alert_callback(build_finding(rule, key, incident, options, self.settings.show_ips))

    def _is_trusted(self, client: str | None) -> bool:
        if not self.settings.trusted_clients or not client:
            return False
        trusted = self._trusted.get(client)
        if trusted is None:
            if len(self._trusted) > _TRUSTED_CACHE:
                self._trusted.clear()
            trusted = self._trusted[client] = self.settings.trusted(client)
        return trusted

    def observe(self, event: LogEvent) -> None:
        """Judge one event."""
        time = event.time
        if time > self.now:
            self.now = time
            if time >= self._next_sweep:
                for aggregator in self.aggregators:
                    aggregator.sweep(time)
                self._next_sweep = time + SWEEP_SECONDS
        if event.kind is EventKind.REQUEST:
            self.requests += 1
            self.timeline.add_request(time)
        if self._is_trusted(event.client):
            return
        facts = self.facts
        facts.classify(event)
        kind = event.kind
        if kind is EventKind.REQUEST and self.probe_rules:
            probed = False
            screen = self._screen
            texts = event.target_variants() if event.target else ()
            screened = any(screen(text) for text in texts)
            for rule, marker, target_only in self.probe_rules:
                if target_only and not screened:
                    continue
                evidence = rule.match(event, facts)
                if evidence is not None:
                    if marker is not None:
                        marker.add(evidence, event)
                    probed = True
            if probed:
                facts.record_probe(event.client, time)
        by_kind = self.by_kind
        for needs in ("", "login" if event.login else None, "reset" if event.reset else None):
            if needs is None:
                continue
            for rule, aggregator in by_kind[kind, needs]:
                evidence = rule.match(event, facts)
                if evidence is not None:
                    aggregator.add(evidence, event)
        facts.record(event)

    def finish(self) -> None:
        """End of input: close every open incident."""
        for aggregator in self.aggregators:
            aggregator.close_all()


@dataclass(slots=True)
class LogRun:
    """Everything a report shows about one log-monitoring run."""

    findings: list[Finding]
    files: list[FileStats]
    rules: tuple[type[Rule], ...]
    requests: int = 0
    lines: int = 0
    seconds: float = 0.0
    timeline: TimelineCounter = field(default_factory=TimelineCounter)


def _payload_rules() -> list[type[LogRule]]:
    return [r for r in all_rules() if issubclass(r, LogRule) and r.probe]


def _detector(settings: LogSettings) -> Detector:
    parsers = make_parsers(settings.access_log_format, settings.json_fields)
    forced = None if settings.format == "auto" else parser_named(settings.format, parsers)
    return Detector(parsers, forced)


def _events(
    inputs: Sequence[str],
    root: Path,
    detector: Detector,
    stats: list[FileStats],
    stop: threading.Event | None,
    poll_seconds: float,
) -> Iterable[LogEvent]:
    streams = chains(inputs, root)
    if stop is None:
        readers = [read_stream(chain, detector, stats) for chain in streams]
        return readers[0] if len(readers) == 1 else heapq.merge(*readers, key=attrgetter("time"))
    files = [file for chain in streams for file in chain]
    if any(file.display == STDIN_DISPLAY for file in files):
        if len(files) > 1:
            raise ConfigError("`--follow` reads standard input alone, or files")
        return read_stream(files, detector, stats)
    return follow([chain[-1] for chain in streams], detector, stats, stop, poll_seconds)


def monitor_logs(
    inputs: Sequence[str],
    settings: LogSettings,
    rules: Sequence[type[Rule]],
    root: Path,
    *,
    stop: threading.Event | None = None,
    alert: Alert | None = None,
    poll_seconds: float = 0.5,
) -> LogRun:
    """Read `inputs` (files, directories, `-`) and judge them with the log rules among `rules`.

    With `stop`, the newest file of each input is followed (polled every
    `poll_seconds`) until `stop` is set or the caller interrupts; `alert` is called with
    each finding as soon as it opens.
    """
    started = clock.perf_counter()
    log_rules = [r for r in rules if issubclass(r, LogRule)]
    monitor = Monitor(log_rules, settings, alert)
    stats: list[FileStats] = []
    try:
        for event in _events(inputs, root, _detector(settings), stats, stop, poll_seconds):
            monitor.observe(event)
    except KeyboardInterrupt:
        if stop is None:
            raise
    monitor.finish()
    selected = {r.code for r in rules}
    findings = monitor.findings + [
        n for n in notices(stats, monitor, settings.show_ips) if n.code in selected
    ]
    return LogRun(
        findings=findings,
        files=stats,
        rules=tuple(rules),
        requests=monitor.requests,
        lines=sum(s.lines for s in stats),
        seconds=clock.perf_counter() - started,
        timeline=monitor.timeline,
    )
