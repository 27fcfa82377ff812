"""Runs of evidence into incidents: thresholds, bursts, quiet windows, eviction."""

from __future__ import annotations

from webwarden.logs.aggregate import RuleAggregator
from webwarden.logs.events import Evidence, LogEvent
from webwarden.logs.settings import parse_settings
from webwarden.rules.base import LogRule
from webwarden.rules.registry import get_rule

BRUTE = get_rule("WW790")  # threshold 10 in 300 s
STUFFING = get_rule("WW791")  # 5 distinct accounts in 600 s
RATE = get_rule("WW1196")  # 600 in 60 s
assert BRUTE is not None
assert STUFFING is not None
assert RATE is not None


def _event(
    time: float, line: int, client: str = "203.0.113.1", target: str = "/login/"
) -> LogEvent:
    return LogEvent("access.log", line, f"line {line}", time, client=client, target=target)


class _Recorder:
    def __init__(self, rule: type[LogRule], **table: object) -> None:
        self.emitted: list[tuple[str, float, float, int, list[int]]] = []
        self.alerts: list[tuple[str, int]] = []
        settings = parse_settings(table)
        self.aggregator = RuleAggregator(rule, settings, self._emit, self._alert)

    def _emit(self, rule: type[LogRule], key: str, incident: object) -> None:
        self.emitted.append(
            (
                key,
                incident.first,  # type: ignore[attr-defined]
                incident.last,  # type: ignore[attr-defined]
                incident.count,  # type: ignore[attr-defined]
                [s.line for s in incident.samples],  # type: ignore[attr-defined]
            )
        )

    def _alert(self, rule: type[LogRule], key: str, incident: object) -> None:
        self.alerts.append((key, incident.count))  # type: ignore[attr-defined]

    def add(self, event: LogEvent, distinct: str = "") -> None:
        self.aggregator.add(Evidence(event.client or "", distinct=distinct), event)


def test_a_burst_opens_at_the_threshold_and_lasts_while_it_goes_on() -> None:
    recorder = _Recorder(BRUTE)  # type: ignore[arg-type]
    for n in range(9):
        recorder.add(_event(1000.0 + n * 10, n + 1))
    assert recorder.alerts == []
    recorder.add(_event(1090.0, 10))
    assert recorder.alerts == [("203.0.113.1", 10)]
    for n in range(5):  # slower, but at least half the threshold per window
        recorder.add(_event(1130.0 + n * 30, 11 + n))
    recorder.aggregator.close_all()
    assert recorder.emitted == [("203.0.113.1", 1000.0, 1250.0, 15, [1, 2, 3])]


def test_a_quiet_window_ends_the_incident_and_low_rates_open_none() -> None:
    recorder = _Recorder(BRUTE, **{"login-brute-force": {"threshold": 3, "window": 60}})  # type: ignore[arg-type]
    for n in range(3):
        recorder.add(_event(1000.0 + n, n + 1))
    recorder.add(_event(5000.0, 4))  # closes the first incident, starts a new run
    recorder.add(_event(9000.0, 5))
    recorder.add(_event(9100.0, 6))
    recorder.aggregator.close_all()
    assert recorder.emitted == [("203.0.113.1", 1000.0, 1002.0, 3, [1, 2, 3])]


def test_sweep_closes_idle_keys_in_order() -> None:
    recorder = _Recorder(BRUTE, **{"login-brute-force": {"threshold": 1, "window": 60}})  # type: ignore[arg-type]
    recorder.add(_event(1000.0, 1, client="198.51.100.1"))
    recorder.add(_event(1050.0, 2, client="198.51.100.2"))
    recorder.aggregator.sweep(1080.0)  # only the first has been idle a whole window
    assert [e[0] for e in recorder.emitted] == ["198.51.100.1"]
    assert list(recorder.aggregator.states) == ["198.51.100.2"]
    recorder.aggregator.sweep(2000.0)
    assert [e[0] for e in recorder.emitted] == ["198.51.100.1", "198.51.100.2"]
    assert not recorder.aggregator.states


def test_at_most_max_clients_keys_are_tracked() -> None:
    recorder = _Recorder(BRUTE, **{"max-clients": 100, "login-brute-force": {"threshold": 1}})  # type: ignore[arg-type]
    for n in range(101):
        recorder.add(_event(1000.0 + n, n + 1, client=f"192.0.2.{n}"))
    assert len(recorder.aggregator.states) == 100
    assert recorder.aggregator.evicted == 1
    assert recorder.emitted == [("192.0.2.0", 1000.0, 1000.0, 1, [1])]  # evicted, reported


def test_distinct_values_are_counted_once() -> None:
    recorder = _Recorder(STUFFING)  # type: ignore[arg-type]
    for n, account in enumerate(["a", "a", "b", "c", "c", "d"]):
        recorder.add(_event(1000.0 + n, n + 1), distinct=account)
    assert recorder.alerts == []
    recorder.add(_event(1010.0, 7), distinct="e")
    recorder.aggregator.close_all()
    assert recorder.emitted == [("203.0.113.1", 1000.0, 1010.0, 7, [1, 2, 3])]


def test_high_thresholds_sample_the_lines_near_the_crossing() -> None:
    recorder = _Recorder(RATE, **{"high-request-rate": {"threshold": 100}})  # type: ignore[arg-type]
    for n in range(100):
        recorder.add(_event(1000.0 + n * 0.1, n + 1))
    recorder.aggregator.close_all()
    assert recorder.emitted == [("203.0.113.1", 1000.0, 1009.9, 100, [97, 98, 99])]
