"""WW740: a fast hash in a Django password hasher class keeps its level when a settings
module lists the class in `PASSWORD_HASHERS`, and is low when none does."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import audit
from webwarden.findings import Severity

FIXTURE = Path(__file__).parents[1] / "fixtures" / "WW740" / "vulnerable_django_hashers_project"


def test_hasher_listed_nowhere_is_low() -> None:
    found = {f.location.line: f for f in audit([FIXTURE], FIXTURE, select=["WW740"])}
    assert {line: f.severity for line, f in found.items()} == {
        11: Severity.HIGH,
        21: Severity.LOW,
    }
    assert "`TokenDigestHasher` is in no `PASSWORD_HASHERS`" in found[21].context
    assert found[11].context == ""
