"""`webwarden logs` in-process: formats, options, configuration, errors, following."""

from __future__ import annotations

import _thread
import gzip
import io
import json
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import REPO
from tests.helpers import run_cli

ASSETS = REPO / "tests" / "assets" / "logs"
ATTACK = str(ASSETS / "attack_day.access.log")
CLEAN = str(ASSETS / "clean_day.access.log")
APP = str(ASSETS / "attack_day.app.log")
SCHEMA = REPO / "src" / "webwarden" / "report" / "schema" / "findings-v1.json"
PROBE = '203.0.113.7 - - [01/May/2024:10:00:00 +0000] "GET /?id=1%27%20or%201=1-- HTTP/1.1" 200 5 "-" "x"\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project directory (its own pyproject.toml keeps the repository's away)."""
    (tmp_path / "pyproject.toml").write_text("[tool.webwarden]\n")
    return tmp_path


def test_text_report(project: Path) -> None:
    result = run_cli(["logs", ATTACK, APP, "--no-color"], env_cwd=project)
    assert result.status == 1, result.stderr
    out = result.stdout
    assert "CRITICAL  WW1197 debug-console-access  203.0.113.x reached a debugging tool" in out
    assert "Timeline (UTC, 1 h per row)" in out
    assert "2024-05-02 15:00  ████████████████████       773 requests  1 finding (WW1196)" in out
    assert "203.0.113.99" not in out  # masked by default
    assert out.rstrip().endswith(
        "2 log files (2,339 lines) read in " + out.rstrip().split("read in ")[-1]
    )
    assert "24 findings (1 critical, 5 high, 11 medium, 7 low) in 2 files" in out


def test_json_report_follows_the_schema(project: Path) -> None:
    result = run_cli(["logs", ATTACK, "--format", "json", "--show-ips"], env_cwd=project)
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text())).validate(document)
    assert document["command"] == "logs"
    assert document["summary"]["files_found"] == 1
    assert document["summary"]["lines"] == 2308
    assert len(document["timeline"]["buckets"]) == 24
    xss = next(f for f in document["findings"] if f["code"] == "WW590")
    assert xss["message"].startswith("203.0.113.99 sent 3")
    assert [step["location"]["line"] for step in xss["flow"]] == [664, 666, 667]
    assert xss["location"]["path"].endswith("attack_day.access.log")


def test_sarif_report_is_valid(project: Path, sarif_validator: Any) -> None:
    out = project / "logs.sarif"
    result = run_cli(["logs", ATTACK, "--format", "sarif", "-o", str(out)], env_cwd=project)
    assert result.status == 1
    log = json.loads(out.read_text())
    sarif_validator.validate(log)
    run = log["runs"][0]
    assert run["properties"]["timeline"]["bucket_seconds"] == 3600
    sqli = next(r for r in run["results"] if r["ruleId"] == "WW490")
    flow = sqli["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [step["location"]["physicalLocation"]["region"]["startLine"] for step in flow] == [
        616,
        619,
        620,
    ]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"WW490", "WW030", "WW1199"}
    assert not any(r["id"] == "WW1101" for r in run["tool"]["driver"]["rules"])


@pytest.mark.parametrize(
    ("args", "status"),
    [
        pytest.param([CLEAN], 0, id="clean-day"),
        pytest.param([ATTACK, "--exit-zero"], 0, id="exit-zero"),
        pytest.param([ATTACK, "--fail-on", "critical"], 1, id="fail-on-critical"),
        pytest.param([ATTACK, "--select", "WW1194,WW1196"], 0, id="only-low-rules"),
        pytest.param([ATTACK, "--select", "WW1194", "--fail-on", "low"], 1, id="fail-on-low"),
    ],
)
def test_exit_status(project: Path, args: list[str], status: int) -> None:
    assert run_cli(["logs", *args], env_cwd=project).status == status


def test_selection_and_floors(project: Path) -> None:
    only = run_cli(["logs", ATTACK, "--select", "WW490", "--format", "json"], env_cwd=project)
    codes = [f["code"] for f in json.loads(only.stdout)["findings"]]
    assert codes == ["WW030", "WW490", "WW490"]  # notices always run
    quiet = run_cli(
        ["logs", ATTACK, "--ignore", "WW030", "--min-severity", "high", "--format", "json"],
        env_cwd=project,
    )
    document = json.loads(quiet.stdout)
    assert {f["code"] for f in document["findings"]} == {"WW1197", "WW1198", "WW793"}
    assert document["summary"]["filtered"] == 14  # of 19 (WW030 ignored), 5 are high or above


def test_configuration_from_pyproject(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        "[tool.webwarden]\n"
        'per-file-ignores = { "logs/*" = ["WW030"] }\n'
        "[tool.webwarden.logs]\n"
        "show-ips = true\n"
        'trusted-clients = ["192.0.2.0/24"]\n'
        "[tool.webwarden.logs.sql-injection-attempt]\n"
        "threshold = 6\n"
    )
    logs = project / "logs"
    logs.mkdir()
    (logs / "access.log").write_text((ASSETS / "attack_day.access.log").read_text())
    result = run_cli(["logs", "logs", "--format", "json"], env_cwd=project)
    document = json.loads(result.stdout)
    codes = [f["code"] for f in document["findings"]]
    assert "WW030" not in codes  # per-file-ignores match the log's path
    assert "WW490" not in codes  # 5 probes < threshold 6, and the other one is a single probe
    assert not [f for f in document["findings"] if "192.0.2." in f["message"]]
    assert any("203.0.113.66" in f["message"] for f in document["findings"])
    assert document["findings"][0]["location"]["path"] == "logs/access.log"


@pytest.mark.parametrize(
    ("config", "error"),
    [
        pytest.param(
            "[tool.webwarden.logs]\nformat = 3\n", "`logs.format` must be one of", id="format"
        ),
        pytest.param("[tool.webwarden.logs]\nthreshold = 3\n", "unknown key `threshold`", id="key"),
        pytest.param("[tool.webwarden]\nlogs = 3\n", "`logs` must be a table", id="table"),
    ],
)
def test_configuration_errors(project: Path, config: str, error: str) -> None:
    (project / "pyproject.toml").write_text(config)
    result = run_cli(["logs", CLEAN], env_cwd=project)
    assert result.status == 2
    assert error in result.stderr
    assert result.stderr.count("\n") == 1


def test_usage_errors(project: Path) -> None:
    missing = run_cli(["logs"], env_cwd=project)
    assert (missing.status, missing.stderr) == (
        2,
        "webwarden: error: give log files, directories, or `-` for standard input\n",
    )
    gone = run_cli(["logs", "nope.log"], env_cwd=project)
    assert (gone.status, gone.stderr) == (
        2,
        "webwarden: error: nope.log: no such file or directory\n",
    )


def test_formats_from_the_command_line(project: Path) -> None:
    log = project / "gunicorn.log"
    log.write_text(
        '[01/May/2024:10:00:00 +0000] 203.0.113.7 "GET /?id=1%27%20or%201=1-- HTTP/1.1" 200\n'
    )
    result = run_cli(
        ["logs", str(log), "--access-log-format", '%(t)s %(h)s "%(r)s" %(s)s', "--format", "json"],
        env_cwd=project,
    )
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["WW490"]
    forced = run_cli(["logs", CLEAN, "--log-format", "json", "--format", "json"], env_cwd=project)
    (notice,) = json.loads(forced.stdout)["findings"]
    assert notice["message"].startswith(
        "1519 malformed lines in this `json` log (line 1, 2, 3, 4, 5, ...)"
    )


def test_standard_input(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = gzip.compress(PROBE.encode(), mtime=0)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    result = run_cli(["logs", "-", "--no-color"], env_cwd=project)
    assert result.status == 1
    assert result.stdout.startswith("(stdin)\n  1:1  MEDIUM  WW490 sql-injection-attempt")


def test_follow_until_interrupted(project: Path) -> None:
    # NOTE: `interrupt_main` does nothing when SIGINT is ignored, as it is for a job a
    # non-interactive shell starts in the background (CI may run us so): install
    # Python's own handler for the test.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    log = project / "access.log"
    log.write_text("")

    def attack_then_interrupt() -> None:
        # NOTE: lines written before the follower opened the file are skipped (it starts at
        # the end), so the probe is repeated in case start-up is slow on a busy machine.
        for _ in range(4):
            time.sleep(0.5)
            with log.open("a") as handle:
                handle.write(PROBE)
        time.sleep(1.2)
        _thread.interrupt_main()

    helper = threading.Thread(target=attack_then_interrupt)
    helper.start()
    try:
        result = run_cli(["logs", "--follow", str(log), "--no-color"], env_cwd=project)
    finally:
        helper.join()
        signal.signal(signal.SIGINT, previous)
    assert result.status == 1
    assert (
        "webwarden: MEDIUM WW490 sql-injection-attempt: 203.0.113.x sent 1 SQL injection probe"
        in result.stderr
    )
    assert "access.log\n  1:1  MEDIUM  WW490" in result.stdout
