"""WW803: an attribute the installed Django release cannot set is fixed by upgrading it;
one the settings turn off, by setting it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit

FIXTURES = Path(__file__).parents[1] / "fixtures" / "WW803"


@pytest.mark.parametrize(
    ("fixture", "fixes"),
    [
        pytest.param("vulnerable_old_release", {"upgrade Django"}, id="before-2.1"),
        pytest.param("vulnerable_settings", {"set it"}, id="turned-off"),
    ],
)
def test_fix_fits_the_release(fixture: str, fixes: set[str]) -> None:
    root = FIXTURES / fixture
    findings = audit([root], root, select=["WW803"])
    assert findings
    assert {f.fix.split(" to ")[0] for f in findings} == fixes
