"""Flask-Limiter's rate strings read as requests a day."""

from __future__ import annotations

import pytest

from webwarden.model.auth.limiter_rates import strictest_per_day


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        pytest.param("10 per second", 864_000, id="per-second-words"),
        pytest.param("10/second", 864_000, id="per-second-slash"),
        pytest.param("1000/minute", 1_440_000, id="per-minute"),
        pytest.param("10 per 2 minutes", 7_200, id="multiple-of-unit"),
        pytest.param("100 per second;5 per minute", 7_200, id="strictest-of-several"),
        pytest.param("100/day, 20/hour", 100, id="comma-separated"),
        pytest.param("3000 per month", 100, id="per-month"),
        pytest.param("fast", None, id="not-a-rate"),
        pytest.param("5 per minute;soon", None, id="one-item-not-a-rate"),
    ],
)
def test_strictest_per_day(text: str, per_day: int | None) -> None:
    assert strictest_per_day(text) == per_day
