"""WW1145 lowers a policy (or an SSH option) set only under a test switch."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import audit
from webwarden.findings import Severity

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "WW1145" / "vulnerable.py"


def test_a_policy_under_a_test_switch_is_low() -> None:
    found = {
        f.location.line: (f.severity, f.context)
        for f in audit([FIXTURE], FIXTURE.parent, ["WW1145"])
    }
    assert found == {
        8: (Severity.HIGH, ""),
        14: (Severity.HIGH, ""),
        19: (Severity.HIGH, ""),
        27: (Severity.LOW, "under a test switch"),
        33: (Severity.HIGH, ""),
        39: (Severity.HIGH, ""),
        44: (Severity.HIGH, ""),
    }
