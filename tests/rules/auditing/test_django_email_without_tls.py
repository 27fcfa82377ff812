"""WW1169 is low when the environment may turn TLS on."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import audit
from webwarden.findings import Severity

PROJECT = Path(__file__).resolve().parents[1] / "fixtures" / "WW1169" / "vulnerable_settings"


def test_a_tls_switch_the_environment_sets_lowers_the_finding() -> None:
    found = {f.location.path: f.severity for f in audit([PROJECT], PROJECT, ["WW1169"])}
    assert found == {"settings.py": Severity.MEDIUM, "envtls/settings.py": Severity.LOW}
