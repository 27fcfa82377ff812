"""Fingerprints, suppression markers and baselines."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from webwarden.errors import BaselineError
from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.findings.baseline import new_findings, read_baseline, write_baseline
from webwarden.findings.codes import code_key
from webwarden.findings.fingerprint import with_fingerprints
from webwarden.findings.suppress import RuleAliases, matches, parse_suppressions


def _finding(line: int, snippet: str = "os.system(cmd)", code: str = "WW1102") -> Finding:
    return Finding(
        code=code,
        name="os-system-non-constant",
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        message="m",
        location=Location("app.py", line),
        practice=Practice.AUDITING,
        snippet=snippet,
    )


def test_fingerprints_survive_moves_and_whitespace() -> None:
    before = with_fingerprints([_finding(3), _finding(9, "  os.system(cmd)")])
    after = with_fingerprints([_finding(30), _finding(41, "os.system( cmd)".replace("( ", "("))])
    assert [f.fingerprint for f in before] == [f.fingerprint for f in after]
    assert before[0].fingerprint != before[1].fingerprint  # identical lines get their rank


def test_fingerprints_differ_by_code_and_content() -> None:
    a, b, c = with_fingerprints(
        [_finding(1), _finding(2, "os.system(other)"), _finding(3, code="WW1101")]
    )
    assert len({a.fingerprint, b.fingerprint, c.fingerprint}) == 3


def test_fingerprint_uses_key_when_given() -> None:
    from dataclasses import replace

    (first,) = with_fingerprints([replace(_finding(1, "DEBUG = True"), key="DEBUG")])
    (second,) = with_fingerprints([replace(_finding(5, "DEBUG = 1"), key="DEBUG")])
    assert first.fingerprint == second.fingerprint


def test_suppression_markers() -> None:
    source = "\n".join(
        [
            "a()  # webwarden: ignore[WW1101, ww1102]",
            "b()  # webwarden: ignore",
            "c()  # nosec B602",
            "d()  # nosec",
            "e()  # noqa: S602,E501",
            "f()  # noqa",
            "g = '# nosec in a string'",
            "h()  # WEBWARDEN: IGNORE[subprocess-shell-true]",
        ]
    )
    found = parse_suppressions(source)
    assert sorted(found) == [1, 2, 3, 4, 5, 6, 8]
    assert found[1][0].codes == frozenset({"WW1101", "WW1102"})
    assert found[2][0].codes is None
    assert (found[3][0].tool, found[3][0].codes) == ("bandit", frozenset({"B602"}))
    assert found[4][0].codes is None
    assert (found[5][0].tool, found[5][0].codes) == ("ruff", frozenset({"S602", "E501"}))
    assert found[6][0].codes is None


def test_markers_in_text_files() -> None:
    found = parse_suppressions("SECRET=x  # webwarden: ignore[WW201]\n", comment_only=False)
    assert found[1][0].codes == frozenset({"WW201"})
    assert parse_suppressions("nothing here") == {}


def test_broken_source_still_yields_comments_before_the_error() -> None:
    found = parse_suppressions("a()  # webwarden: ignore\nx = (\n")
    assert list(found) == [1]


@pytest.mark.parametrize(
    ("source", "lines"),
    [
        pytest.param("x = 1\ny()  # NOQA\nz = 'noqa'\n", [2], id="last-marker-in-a-string"),
        pytest.param('s = """\n# nosec\n"""\nt()  # nosec\n', [4], id="marker-in-a-long-string"),
        pytest.param("a()  # noqa\nb = (\n# nosec\n", [1, 3], id="broken-after-the-markers"),
        pytest.param("x()  # webwarden: \u0131gnore\n", [1], id="non-ascii-folded-case"),
        pytest.param("é = 1\nx()  # NoQa\n", [2], id="non-ascii"),
        pytest.param(
            "s = '\u0130\u0130'\nx()  # nosec\ny = 1\n", [2], id="non-ascii-longer-lower-case"
        ),
        pytest.param("é = 1\nx()  # nosec\ny = 'é'\nz = 2\n", [2], id="non-ascii-after-marker"),
        pytest.param("x()  # webwarden: ignore\r\ny()  # nosec\r\n", [1, 2], id="crlf"),
    ],
)
def test_markers_found_past_the_cheap_screen(source: str, lines: list[int]) -> None:
    assert sorted(parse_suppressions(source)) == lines


@pytest.mark.parametrize(
    ("marker", "honour", "expected"),
    [
        pytest.param("# webwarden: ignore[WW1101]", True, True, id="own-code"),
        pytest.param("# webwarden: ignore[SUBPROCESS-SHELL-TRUE]", True, True, id="own-name"),
        pytest.param("# webwarden: ignore[WW1102]", True, False, id="other-code"),
        pytest.param("# nosec B602", True, True, id="bandit-code"),
        pytest.param("# nosec B101", True, False, id="bandit-other"),
        pytest.param("# nosec", True, True, id="bandit-bare"),
        pytest.param("# nosec", False, False, id="bandit-off"),
        pytest.param("# noqa: S602", True, True, id="ruff-code"),
        pytest.param("# noqa", True, True, id="ruff-bare"),
    ],
)
def test_matches(marker: str, honour: bool, expected: bool) -> None:
    rule = RuleAliases("WW1101", "subprocess-shell-true", frozenset({"B602"}), frozenset({"S602"}))
    (suppression,) = parse_suppressions(f"x()  {marker}\n")[1]
    assert matches(suppression, rule, honour_other_tools=honour) is expected


def test_other_tools_markers_need_an_equivalent() -> None:
    rule = RuleAliases("WW000", "file-not-analysed")
    (suppression,) = parse_suppressions("x()  # nosec\n")[1]
    assert not matches(suppression, rule, honour_other_tools=True)


@pytest.mark.parametrize(
    ("marker", "finds_secrets", "honour", "expected"),
    [
        pytest.param("# pragma: allowlist secret", True, True, True, id="detect-secrets"),
        pytest.param("# gitleaks:allow", True, True, True, id="gitleaks"),
        pytest.param("# Pragma: Allowlist-Secret", True, True, True, id="case-and-dash"),
        pytest.param("# pragma: allowlist secret", False, True, False, id="not-a-secret-rule"),
        pytest.param("# gitleaks:allow", True, False, False, id="other-tools-off"),
        pytest.param("# pragma: allowlist", True, True, False, id="incomplete"),
    ],
)
def test_secret_scanner_markers(
    marker: str, finds_secrets: bool, honour: bool, expected: bool
) -> None:
    """A value detect-secrets or gitleaks was told is no secret stays silent for the
    rules that find credentials, and for those only."""
    rule = RuleAliases("WW241", "hardcoded-secret", finds_secrets=finds_secrets)
    found = parse_suppressions(f'TOKEN = "x"  {marker}\n').get(1, [])
    assert any(matches(s, rule, honour_other_tools=honour) for s in found) is expected


def test_secret_scanner_markers_in_text_files() -> None:
    found = parse_suppressions("API_KEY=abc123  # gitleaks:allow\n", comment_only=False)
    assert [(s.tool, s.codes) for s in found[1]] == [("secrets", None)]


def test_baseline_round_trip(tmp_path: Path) -> None:
    findings = with_fingerprints([_finding(1), _finding(2, "os.system(x)")])
    path = tmp_path / "sub" / "baseline.json"
    assert write_baseline(path, findings) == 2
    accepted = read_baseline(path)
    assert accepted == Counter({f.fingerprint: 1 for f in findings})
    moved = with_fingerprints([_finding(10), _finding(20, "os.system(x)"), _finding(30, "new()")])
    assert [f.snippet for f in new_findings(moved, accepted)] == ["new()"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("{", "invalid JSON", id="json"),
        pytest.param('{"version": 2, "findings": []}', "not a webwarden baseline", id="version"),
        pytest.param(
            '{"version": 1, "findings": [{"code": "x"}]}', "without a fingerprint", id="entry"
        ),
        pytest.param(b"\xff\xfe", "cannot read baseline", id="binary"),
    ],
)
def test_bad_baselines(tmp_path: Path, content: str | bytes, message: str) -> None:
    path = tmp_path / "baseline.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=message):
        read_baseline(path)


def test_missing_baseline(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="not found"):
        read_baseline(tmp_path / "none.json")


def test_unwritable_baseline(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(BaselineError, match="cannot write baseline"):
        write_baseline(blocker / "baseline.json", [])


def test_baseline_file_is_readable_json(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    write_baseline(path, with_fingerprints([_finding(1)]))
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["findings"][0]["code"] == "WW1102"


def test_severity_helpers() -> None:
    assert Severity.HIGH.lowered() is Severity.MEDIUM
    assert Severity.LOW.lowered(3) is Severity.LOW
    assert Severity.CRITICAL.at_most(Severity.LOW) is Severity.LOW
    assert Severity.LOW.at_most(Severity.HIGH) is Severity.LOW
    assert Practice.AUDITING.number == 11
    assert Practice.SQL_INJECTION.label == "SQL injection"
    assert str(Location("a.py", 3, 4)) == "a.py:3:4"


@pytest.mark.parametrize(
    ("code", "key"),
    [
        ("WW000", (0, 0)),
        ("WW101", (1, 1)),
        ("WW999", (9, 99)),
        ("WW1001", (10, 1)),
        ("WW1199", (11, 99)),
        ("WW11100", (11, 100)),
        ("WW10999", (10, 999)),
    ],
)
def test_code_key_reads_each_code_one_way(code: str, key: tuple[int, int]) -> None:
    assert code_key(code) == key


@pytest.mark.parametrize(
    "code", ["WW1", "WW01", "WW1100x", "WW4100", "WW11001", "WW12100", "ww101"]
)
def test_code_key_refuses_codes_that_read_two_ways_or_none(code: str) -> None:
    with pytest.raises(ValueError, match="not a rule code"):
        code_key(code)


def test_codes_sort_by_practice_then_number() -> None:
    codes = ["WW11100", "WW1110", "WW1199", "WW1001", "WW999"]
    assert sorted(codes, key=code_key) == ["WW999", "WW1001", "WW1110", "WW1199", "WW11100"]
