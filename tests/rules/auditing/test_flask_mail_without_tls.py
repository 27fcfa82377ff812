"""WW1177 is low when the environment may turn TLS on."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.findings import Severity

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "WW1177"


@pytest.mark.parametrize(
    ("project", "severity"),
    [("vulnerable_project", Severity.MEDIUM), ("vulnerable_env_switch_project", Severity.LOW)],
)
def test_a_tls_switch_the_environment_sets_lowers_the_finding(
    project: str, severity: Severity
) -> None:
    root = FIXTURES / project
    assert [f.severity for f in audit([root], root, ["WW1177"])] == [severity]
