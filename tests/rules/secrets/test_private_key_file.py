"""WW247's severities: encrypted keys, and keys under test code."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import audit
from webwarden.findings import Severity

PROJECT = Path(__file__).resolve().parents[1] / "fixtures" / "WW247" / "vulnerable_project"


def test_encrypted_keys_are_medium_and_test_keys_low() -> None:
    found = audit([PROJECT], PROJECT, ["WW247"], **{"test-severity": "low"})
    severities = {f.location.path: f.severity for f in found}
    assert severities == {
        "deploy/backup.key": Severity.MEDIUM,
        "deploy/certs/fullchain.pem": Severity.HIGH,
        "deploy/certs/server.key": Severity.HIGH,
        "deploy/certs/tls.key.default": Severity.HIGH,
        "deploy/id_ed25519": Severity.HIGH,
        "tests/certs/localhost.key": Severity.LOW,
    }
