"""WW241's severities: values named as stand-ins are low, as in test code; a test
user's password is not reported."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import audit
from webwarden.findings import Severity

FIXTURE = (
    Path(__file__).resolve().parents[1] / "fixtures" / "WW241" / "vulnerable_stand_in_names.py"
)


def test_values_named_as_stand_ins_are_low() -> None:
    found = audit([FIXTURE], FIXTURE.parent, ["WW241"])
    severities = {f.location.line: (f.severity, f.context) for f in found}
    assert severities == {
        6: (Severity.LOW, "`test_password` is named as a stand-in"),
        7: (Severity.LOW, "`test_otp_secret` is named as a stand-in"),
        12: (Severity.HIGH, ""),
    }


def test_test_code_keeps_its_own_reason() -> None:
    project = FIXTURE.parent / "vulnerable_in_tests"
    found = audit([project], project, ["WW241"], **{"test-severity": "low"})
    assert [(f.severity, f.context) for f in found] == [(Severity.LOW, "test code")] * 2


def test_test_users_passwords_are_not_reported_whatever_the_test_severity() -> None:
    project = FIXTURE.parent / "safe_test_user_passwords"
    assert audit([project], project, ["WW241"], **{"test-severity": "keep"}) == []


def test_views_served_only_with_debug_on_are_low() -> None:
    project = FIXTURE.parent / "vulnerable_debug_only_views"
    found = audit([project], project, ["WW241"])
    severities = {(f.location.path, f.location.line): (f.severity, f.context) for f in found}
    assert severities == {
        ("accounts/views.py", 8): (Severity.HIGH, ""),
        ("mailpreview/views.py", 12): (
            Severity.LOW,
            "in `NewMailboxPreview`, a view served only with `DEBUG` on",
        ),
        ("mailpreview/views.py", 20): (Severity.HIGH, ""),
    }
