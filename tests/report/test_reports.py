"""Reporters: JSON against its schema, SARIF against the 2.1.0 schema, text golden output."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import REPO
from webwarden.cli.common import rule_info
from webwarden.findings import Confidence, Finding, FlowStep, Location, Practice, Severity
from webwarden.findings.fingerprint import with_fingerprints
from webwarden.report import REPORTERS, ReportData
from webwarden.report.interface import ExpiredRisk
from webwarden.report.text import TextReporter, summary_line
from webwarden.rules.registry import get_rule

SCHEMA = REPO / "src" / "webwarden" / "report" / "schema" / "findings-v1.json"
GOLDEN = Path(__file__).parent / "golden"


def _data() -> ReportData:
    shell = Finding(
        code="WW1101",
        name="subprocess-shell-true",
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        message="`subprocess.run` runs a shell command built from the variable `cmd`",
        location=Location("app/views.py", 12, 5, 12, 40),
        practice=Practice.AUDITING,
        cwe=78,
        fix="pass the command as a list",
        snippet="    subprocess.run(cmd, shell=True)",
        flow=(
            FlowStep(Location("app/views.py", 10, 11), "request.args['cmd'] read"),
            FlowStep(Location("app/views.py", 12, 5), "executed"),
        ),
    )
    temp = Finding(
        code="WW1181",
        name="tempfile-mktemp",
        severity=Severity.LOW,
        confidence=Confidence.MEDIUM,
        message="`tempfile.mktemp()` returns a name",
        location=Location("tests/test_x.py", 3, 1),
        practice=Practice.AUDITING,
        cwe=377,
        fix="use NamedTemporaryFile",
        snippet="tempfile.mktemp()",
        context="test code",
    )
    probe = Finding(
        code="WW000",
        name="file-not-analysed",
        severity=Severity.LOW,
        confidence=Confidence.HIGH,
        message="file could not be analysed: binary file",
        location=Location("https://example.test/login", 1, 1),
        practice=Practice.TOOL,
        confirmed=True,
    )
    hsts = Finding(
        code="WW902",
        name="django-hsts-missing",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        message="`SECURE_HSTS_SECONDS` is not set: browsers are not told to use HTTPS only",
        location=Location("mysite/settings.py", 1, 1),
        practice=Practice.HTTPS,
        cwe=319,
        snippet="MIDDLEWARE = [",
        context="settings module mysite/settings.py",
        suppressed_by=(
            "silenced by SILENCED_SYSTEM_CHECKS: security.W004 at mysite/settings.py:40"
        ),
    )
    rules = {
        code: rule_info(rule)
        for code in ("WW1101", "WW1181", "WW000", "WW902")
        if (rule := get_rule(code))
    }
    return ReportData(
        findings=with_fingerprints([shell, temp, probe]),
        rules=rules,
        root=Path("/project"),
        tool_version="0.1.0",
        files_found=10,
        files_analysed=8,
        lines=1234,
        seconds=0.25,
        suppressed=3,
        suppressed_findings=with_fingerprints([hsts]),
        accepted=1,
        baselined=0,
        filtered=3,
        expired=[ExpiredRisk("WW1101", "scripts/*", "ops only", "2020-01-31")],
    )


def _render(fmt: str, data: ReportData | None = None) -> str:
    stream = io.StringIO()
    reporter = TextReporter(color=False) if fmt == "text" else REPORTERS[fmt]()
    reporter.render(data or _data(), stream)
    return stream.getvalue()


def test_json_matches_its_schema() -> None:
    document = json.loads(_render("json"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["summary"]["by_severity"] == {"low": 2, "medium": 0, "high": 1, "critical": 0}
    assert document["findings"][0]["flow"][0]["note"] == "request.args['cmd'] read"
    assert document["summary"]["suppressed"] == 3
    [silenced] = document["suppressed_findings"]
    assert silenced["reason"].startswith("silenced by SILENCED_SYSTEM_CHECKS: security.W004")
    assert silenced["finding"]["code"] == "WW902"


def test_json_empty_report_matches_schema() -> None:
    data = _data()
    data.findings = []
    data.suppressed_findings = []
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(_render("json", data)))


def test_sarif_is_valid(sarif_validator: Any) -> None:
    log = json.loads(_render("sarif"))
    sarif_validator.validate(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["WW1101"]["helpUri"].endswith("docs/rules/WW1101.md")
    assert "## What it does" in rules["WW1101"]["help"]["markdown"]
    assert "external/cwe/cwe-78" in rules["WW1101"]["properties"]["tags"]
    results = {r["ruleId"]: r for r in run["results"]}
    assert results["WW1101"]["level"] == "error"
    assert results["WW1181"]["level"] == "note"
    assert results["WW1101"]["partialFingerprints"]["webwarden/v1"]
    flow = results["WW1101"]["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [step["location"]["message"]["text"] for step in flow] == [
        "request.args['cmd'] read",
        "executed",
    ]
    url = results["WW000"]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert url == {"uri": "https://example.test/login"}
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].startswith(
        "accepted risk for WW1101 expired"
    )
    assert "suppressions" not in results["WW1101"]
    [suppression] = results["WW902"]["suppressions"]
    assert suppression["kind"] == "inSource"
    assert suppression["justification"].startswith("silenced by SILENCED_SYSTEM_CHECKS")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_golden(fmt: str, update_expected: bool) -> None:
    rendered = _render(fmt)
    golden = GOLDEN / f"report.{fmt}"
    if update_expected:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_text_colour_only_when_asked() -> None:
    stream = io.StringIO()
    TextReporter(color=True).render(_data(), stream)
    assert "\x1b[" in stream.getvalue()
    assert "\x1b[" not in _render("text")


def test_no_color_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    TextReporter().render(_data(), stream)
    assert "\x1b[" in stream.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = Tty()
    TextReporter().render(_data(), plain)
    assert "\x1b[" not in plain.getvalue()


def test_summary_line() -> None:
    data = _data()
    assert summary_line(data) == (
        "3 findings (1 high, 2 low) in 2 files and 1 URL; 10 files (1,234 lines of Python) scanned in "
        "0.25 s; 2 suppressed inline, 1 silenced by SILENCED_SYSTEM_CHECKS,"
        " 1 accepted in configuration, 3 filtered by configuration"
    )
    data.findings = data.findings[:1]
    data.files_found = 1
    data.suppressed = data.accepted = data.filtered = 0
    data.suppressed_findings = []
    assert summary_line(data) == (
        "1 finding (1 high) in 1 file; 1 file (1,234 lines of Python) scanned in 0.25 s"
    )


def test_sarif_uris_escape_what_a_file_name_may_hold() -> None:
    # `#` and `?` would start a fragment and a query; spaces and `%` must be escaped.
    from webwarden.report.sarif import _physical

    for path, uri in [
        ("app/a#b?.py", "app/a%23b%3F.py"),
        ("my app/100%.py", "my%20app/100%25.py"),
        ("café.py", "caf%C3%A9.py"),
    ]:
        artifact = _physical(Location(path, 1, 1))["physicalLocation"]["artifactLocation"]
        assert artifact == {"uri": uri, "uriBaseId": "%SRCROOT%"}
