from __future__ import annotations

import pytest

from webwarden.deps.model import (
    Advisory,
    AdvisoryGroup,
    AuditedDependency,
    Declaration,
    Dependency,
    Kind,
)
from webwarden.findings import Severity
from webwarden.rules.dependencies._common import severity_of
from webwarden.rules.dependencies.vulnerable_dependency import VulnerableDependency
from webwarden.rules.dependencies.vulnerable_version_range import VulnerableVersionRange

DEPENDENCY = Dependency("flask", Kind.PINNED, Declaration("r.txt", 3, 1, "flask==1"), "x", "1")
GROUP = AdvisoryGroup((Advisory("X-1", summary="Flask is a framework. It leaks."),))


@pytest.mark.parametrize(
    ("score", "word", "severity", "why"),
    [
        pytest.param(9.8, "", Severity.CRITICAL, "CVSS 9.8", id="critical"),
        pytest.param(7.5, "LOW", Severity.HIGH, "CVSS 7.5", id="score-beats-word"),
        pytest.param(5.0, "", Severity.MEDIUM, "CVSS 5.0", id="medium"),
        pytest.param(2.0, "", Severity.LOW, "CVSS 2.0", id="low"),
        pytest.param(None, "moderate", Severity.MEDIUM, "advisory severity moderate", id="word"),
        pytest.param(None, "", Severity.HIGH, "no CVSS score in the advisory data", id="none"),
    ],
)
def test_severity_of(score: float | None, word: str, severity: Severity, why: str) -> None:
    audited = AuditedDependency(DEPENDENCY, severity_score=score, severity_word=word)
    assert severity_of(audited, Severity.HIGH) == (severity, why)


def test_no_known_fix_and_product_blurb_skipped() -> None:
    [finding] = VulnerableDependency().check_dependency(
        AuditedDependency(DEPENDENCY, vulnerable=(GROUP,))
    )
    assert finding.message == "`flask==1` has 1 known vulnerability: X-1 - It leaks."
    assert finding.fix == "no fixed version of `flask` is known: replace it or mitigate"
    assert (finding.location.path, finding.location.line, finding.snippet) == (
        "r.txt",
        3,
        "flask==1",
    )
    ranged = Dependency("flask", Kind.RANGE, Declaration("r.txt", 1), "x", spec_text="^1.0")
    audited = AuditedDependency(
        ranged, vulnerable=(GROUP,), admitted_vulnerable=(("1.0", ("X-1",)),)
    )
    [finding] = VulnerableVersionRange().check_dependency(audited)
    assert finding.message == "`flask ^1.0` admits 1 known vulnerable version (1.0) affected by X-1"
    assert finding.fix == "no fixed version of `flask` is known: replace it or mitigate"
