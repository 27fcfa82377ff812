"""WW1170 is medium when nothing in the project starts the app with `app.run()`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.findings import Severity

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "WW1170"


@pytest.mark.parametrize(
    ("project", "severity"),
    [
        pytest.param("vulnerable_config_run_project", Severity.HIGH, id="app-run"),
        pytest.param("vulnerable_wsgi_served_project", Severity.MEDIUM, id="wsgi-server"),
    ],
)
def test_a_debug_setting_is_high_only_where_app_run_serves_the_debugger(
    project: str, severity: Severity
) -> None:
    root = FIXTURES / project
    assert [f.severity for f in audit([root], root, ["WW1170"])] == [severity]
