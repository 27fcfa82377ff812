"""WW820/WW822: an app writing its session cookie with its own session interface is
reported at low confidence; one keeping Flask's cookie interface (or a subclass of it)
as sure as ever."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.findings import Confidence

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.mark.parametrize(
    ("fixture", "confidence"),
    [
        ("WW820/vulnerable_session_interface", Confidence.LOW),
        ("WW820/vulnerable_subclass_session_interface", Confidence.LOW),
        ("WW820/vulnerable_cookie_interface_subclass", Confidence.HIGH),
        ("WW822/vulnerable_session_interface", Confidence.LOW),
    ],
)
def test_session_interface_sets_confidence(fixture: str, confidence: Confidence) -> None:
    root = FIXTURES / fixture
    code = fixture.split("/")[0]
    findings = audit([root], root, select=[code])
    assert [f.confidence for f in findings] == [confidence]
