"""A YAML file opened at a function's parameter is low when every call of the function
in its module gives a path the source fixes and no other module imports the function;
high when another module may give it any path, or the module's own call passes one on."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import audit
from webwarden.findings import Severity

FIXTURE = Path(__file__).parents[1] / "fixtures" / "WW1123" / "vulnerable_spec_loader_callers"


def test_only_fixed_callers_in_a_module_no_other_imports_are_low() -> None:
    findings = audit([FIXTURE], FIXTURE, select=["WW1123"])
    severities = {(f.location.path, f.location.line): f.severity for f in findings}
    assert severities == {
        ("app/validators.py", 10): Severity.LOW,
        ("app/loaders.py", 10): Severity.HIGH,
        ("app/loaders.py", 15): Severity.HIGH,
    }
