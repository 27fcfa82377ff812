"""How an HSTS max-age is shown in messages."""

from __future__ import annotations

import pytest

from webwarden.rules.https._hsts import duration


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        pytest.param(1, "1 second", id="second"),
        pytest.param(59, "59 seconds", id="seconds"),
        pytest.param(300, "5 minutes", id="minutes"),
        pytest.param(3600, "1 hour", id="hour"),
        pytest.param(7199, "1 hour", id="rounded-down"),
        pytest.param(2592000, "30 days", id="days"),
    ],
)
def test_duration_names_the_largest_whole_unit(seconds: int, shown: str) -> None:
    assert duration(seconds) == shown
