"""WW743: a password a model keeps beside the server it goes to (a webhook, a mail relay)
is one the app sends on: reported at medium with encryption as the fix; a user's
password keeps the rule's level and the hashing fix."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import audit
from webwarden.findings import Severity

FIXTURE = Path(__file__).parents[1] / "fixtures" / "WW743" / "vulnerable_sent_on"


def test_credentials_sent_on_are_medium_with_encryption_as_the_fix() -> None:
    found = {f.message.split("`")[1]: f for f in audit([FIXTURE], FIXTURE, select=["WW743"])}
    assert {name: f.severity for name, f in found.items()} == {
        "OutgoingWebhook.password": Severity.MEDIUM,
        "MailRelay.smtp_password": Severity.MEDIUM,
        "Member.password": Severity.HIGH,
    }
    assert "encrypted field" in found["MailRelay.smtp_password"].fix
    assert "make_password" in found["Member.password"].fix
