"""WW620: an app whose cookies naming the user are all `Lax` or `Strict` in every config
it loads is reported at low severity (browsers leave them off the posts other sites
start); one whose remember-me cookie may go along, or whose other config leaves the
session cookie's SameSite unset, as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.findings import Severity

FIXTURES = Path(__file__).parents[1] / "fixtures" / "WW620"


@pytest.mark.parametrize(
    ("fixture", "severity"),
    [
        pytest.param("vulnerable_same_site", Severity.LOW, id="strict-session-no-remember"),
        pytest.param("vulnerable_same_site_remember_lax", Severity.LOW, id="both-cookies-lax"),
        pytest.param("vulnerable_same_site_remembered", Severity.HIGH, id="remember-cookie-unset"),
        pytest.param("vulnerable_same_site_one_config", Severity.HIGH, id="one-config-unset"),
    ],
)
def test_same_site_cookies_lower_the_finding(fixture: str, severity: Severity) -> None:
    root = FIXTURES / fixture
    findings = audit([root], root, select=["WW620"])
    assert findings
    assert {f.severity for f in findings} == {severity}
