"""WW1143 is low in a settings module for development or tests."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import audit
from webwarden.findings import Severity

PROJECT = (
    Path(__file__).resolve().parents[1] / "fixtures" / "WW1143" / "vulnerable_settings_project"
)


def test_a_test_settings_module_lowers_the_finding() -> None:
    found = {f.location.path: f.severity for f in audit([PROJECT], PROJECT, ["WW1143"])}
    assert found == {
        "shop/settings/production.py": Severity.HIGH,
        "shop/settings/test.py": Severity.LOW,
    }
