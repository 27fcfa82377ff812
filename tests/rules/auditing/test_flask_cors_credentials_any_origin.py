"""WW1175: origins left to a `CORS_ORIGINS` the app may load at run time are reported at
medium severity and low confidence; origins given as `"*"` (or unset in config webwarden reads whole) as
sure as ever."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.findings import Confidence, Severity

FIXTURES = Path(__file__).parents[1] / "fixtures" / "WW1175"


@pytest.mark.parametrize(
    ("fixture", "judged"),
    [
        pytest.param(
            "vulnerable_cross_origin_runtime_config",
            [(Severity.MEDIUM, Confidence.LOW), (Severity.HIGH, Confidence.HIGH)],
            id="origins-from-runtime-config",
        ),
        pytest.param(
            "vulnerable_cross_origin", [(Severity.HIGH, Confidence.HIGH)], id="config-read-whole"
        ),
    ],
)
def test_origins_from_runtime_config_lower_confidence(
    fixture: str, judged: list[tuple[Severity, Confidence]]
) -> None:
    root = FIXTURES / fixture
    findings = sorted(audit([root], root, select=["WW1175"]), key=lambda f: f.location.line)
    assert [(f.severity, f.confidence) for f in findings] == judged
