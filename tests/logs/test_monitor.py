"""Whole runs over the scenario logs: a clean day stays silent, every attack is found once,
rotated and compressed files give the same findings as one plain file."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers import snapshot
from webwarden.findings import Finding
from webwarden.logs.monitor import LogRun, monitor_logs
from webwarden.logs.settings import parse_settings
from webwarden.rules.base import LogNoticeRule, LogRule
from webwarden.rules.registry import all_rules

ASSETS = REPO / "tests" / "assets" / "logs"
EXPECTED = Path(__file__).parent / "expected"
LOG_RULES = [r for r in all_rules() if issubclass(r, LogRule | LogNoticeRule)]


def _run(inputs: list[Path], root: Path = ASSETS, **table: object) -> LogRun:
    return monitor_logs([str(p) for p in inputs], parse_settings(table), LOG_RULES, root)


def _compare(name: str, findings: list[Finding], update_expected: bool) -> None:
    actual = snapshot(findings, with_path=True, with_flow=True)
    expected = EXPECTED / f"{name}.expected"
    if update_expected:
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")


def test_a_clean_day_gives_no_finding() -> None:
    run = _run([ASSETS / "clean_day.access.log"])
    assert run.findings == []
    assert (run.lines, run.requests) == (1519, 1519)
    (stats,) = run.files
    assert (stats.format, stats.events, stats.malformed, stats.problem) == (
        "combined",
        1519,
        0,
        None,
    )


def test_the_attack_day_gives_each_attack_once(update_expected: bool) -> None:
    run = _run([ASSETS / "attack_day.access.log", ASSETS / "attack_day.app.log"])
    _compare("attack_day", run.findings, update_expected)
    codes = sorted({f.code for f in run.findings})
    assert codes == [
        "WW030",
        "WW1190",
        "WW1191",
        "WW1192",
        "WW1193",
        "WW1194",
        "WW1195",
        "WW1196",
        "WW1197",
        "WW1198",
        "WW1199",
        "WW490",
        "WW590",
        "WW790",
        "WW791",
        "WW792",
        "WW793",
        "WW794",
    ]
    timeline = run.timeline.render()
    assert timeline is not None
    assert timeline.bucket_seconds == 3600
    # NOTE: 2307 with line 901, cut after its request: malformed (WW030) but judged.
    assert sum(b.requests for b in timeline.buckets) == run.requests == 2307
    assert sum(b.findings for b in timeline.buckets) == len(run.findings) - 1  # WW030 has no time


def _key(finding: Finding) -> tuple[str, str]:
    return finding.code, finding.message


def test_rotated_and_compressed_files_read_as_one_log(tmp_path: Path) -> None:
    lines = (ASSETS / "attack_day.access.log").read_text(encoding="utf-8").splitlines(keepends=True)
    # The scraper's burst (lines 1020-1719) spans the first two files.
    parts = {
        "access.log.2.gz": lines[:1100],
        "access.log.1": lines[1100:1800],
        "access.log": lines[1800:],
    }
    for name, part in parts.items():
        data = "".join(part).encode()
        (tmp_path / name).write_bytes(
            gzip.compress(data, mtime=0) if name.endswith(".gz") else data
        )
    rotated = _run([tmp_path], root=tmp_path)
    single = _run([ASSETS / "attack_day.access.log"])
    assert sorted(map(_key, rotated.findings)) == sorted(map(_key, single.findings))
    assert [s.display for s in rotated.files] == list(parts)
    (scraper,) = [f for f in rotated.findings if f.code == "WW1196"]
    assert "sent 700 requests" in scraper.message  # one incident across the two files
    # Its samples are the lines just before the threshold (600) was reached.
    assert scraper.location.path == "access.log.1"


def test_trusted_clients_and_shown_addresses() -> None:
    run = _run(
        [ASSETS / "attack_day.access.log"],
        **{"trusted-clients": ["198.51.100.0/24"], "show-ips": True},
    )
    assert not [f for f in run.findings if "198.51.100." in f.message]
    xss = next(f for f in run.findings if f.code == "WW590")
    assert xss.message.startswith("203.0.113.99 sent 3 cross-site scripting probes")
    assert "203.0.113.99" in xss.snippet


def test_alerts_come_as_incidents_open() -> None:
    alerts: list[Finding] = []
    run = monitor_logs(
        [str(ASSETS / "attack_day.access.log")],
        parse_settings({}),
        LOG_RULES,
        ASSETS,
        alert=alerts.append,
    )
    assert sorted({a.code for a in alerts}) == sorted({f.code for f in run.findings} - {"WW030"})
    brute = next(a for a in alerts if a.code == "WW790")
    assert "failed 10 logins" in brute.message  # the count when the threshold was reached


@pytest.mark.parametrize(
    ("table", "codes"),
    [
        pytest.param({"format": "json"}, {"WW030"}, id="wrong-format-every-line-malformed"),
        pytest.param({"format": "app"}, set(), id="app-format-sees-no-records"),
    ],
)
def test_a_forced_format(table: dict[str, object], codes: set[str]) -> None:
    run = _run([ASSETS / "clean_day.access.log"], **table)
    assert {f.code for f in run.findings} == codes
