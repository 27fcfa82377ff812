"""Every rule on its own fixtures, compared with the exact expected findings beside them.

`tests/rules/fixtures/<CODE>/<fixture>` is a file or a mini-project directory;
`<fixture>.expected` holds the findings of that one rule on it (empty for safe
fixtures), those the fixture's settings silence too, each with its reason in brackets,
and the severity of each finding whose severity is not its rule's own (`(severity low)`
in test code, `(severity high)` when request data reaches it). Run `pytest
--update-expected` to rewrite them, then read every line.
A probe rule's fixtures are recordings written as HTTP transcripts (`*.http`).
A log rule's fixtures are logs, read by `webwarden logs`; their snapshots also list the
sample lines (flow steps) of each finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit, snapshot
from webwarden.engine.examples import judge_transcript
from webwarden.logs.examples import audit_log
from webwarden.rules.base import LogNoticeRule, LogRule, ProbeRule, Status
from webwarden.rules.registry import all_rules, get_rule

FIXTURES = Path(__file__).parent / "fixtures"


def _fixtures() -> list[Path]:
    return [
        entry
        for code_dir in sorted(p for p in FIXTURES.iterdir() if p.is_dir())
        for entry in sorted(code_dir.iterdir())
        if entry.suffix != ".expected" and entry.name != "README.md"
    ]


@pytest.mark.parametrize("fixture", _fixtures(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_findings(fixture: Path, update_expected: bool) -> None:
    code = fixture.parent.name
    rule = get_rule(code)
    assert rule is not None, f"fixtures for unknown rule {code}"
    root = fixture if fixture.is_dir() else fixture.parent
    project_config = fixture / "pyproject.toml"
    config_file = project_config if project_config.is_file() else None
    if issubclass(rule, ProbeRule):
        assert fixture.suffix == ".http", f"{fixture}: probe rule fixtures are .http transcripts"
        findings = judge_transcript(rule, fixture.read_text(encoding="utf-8"))
    elif issubclass(rule, LogRule | LogNoticeRule):
        # A log rule's fixture is a log (or a directory of logs with a pyproject.toml).
        config = config_file.read_text(encoding="utf-8") if config_file else None
        findings = audit_log(rule, fixture, config)
    elif config_file is None:
        findings = audit(
            [fixture],
            root,
            select=[code],
            with_silenced=True,
            **{"report-unused-ignores": True},
        )
    else:
        findings = audit(
            [fixture],
            root,
            config_file=config_file,
            with_silenced=True,
            **{"extend-select": [code], "report-unused-ignores": True},
        )
    actual = snapshot(
        findings, with_path=fixture.is_dir(), with_flow=issubclass(rule, LogRule | LogNoticeRule)
    )
    expected_file = fixture.with_name(fixture.name + ".expected")
    if update_expected:
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"{expected_file} is missing (run pytest --update-expected)"
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_expected_file_has_its_fixture() -> None:
    for expected in FIXTURES.rglob("*.expected"):
        assert expected.with_suffix("").exists(), f"{expected} has no fixture beside it"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_has_vulnerable_and_safe_fixtures(rule: type) -> None:
    folder = FIXTURES / rule.code
    if rule.code == "WW003":
        pytest.skip("WW003 reports webwarden's own bugs; there is no input that should cause it")
    if rule.status is Status.REMOVED:
        pytest.skip(f"{rule.code} is removed: it reports nothing; its safe fixtures show that")
    names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
    vulnerable = [n for n in names if n.startswith("vulnerable") and not n.endswith(".expected")]
    safe = [n for n in names if n.startswith("safe") and not n.endswith(".expected")]
    assert vulnerable, f"{rule.code} has no vulnerable fixture in {folder}"
    assert safe, f"{rule.code} has no safe fixture in {folder}"
    for name in vulnerable:
        assert (folder / f"{name}.expected").read_text(), f"{name} finds nothing"
    for name in safe:
        assert (folder / f"{name}.expected").read_text() == "", f"{name} is not silent"
