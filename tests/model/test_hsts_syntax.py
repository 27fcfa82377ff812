from __future__ import annotations

import pytest

from webwarden.model.hsts_syntax import hsts_problem


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("max-age=31536000; includeSubDomains; preload", id="full"),
        pytest.param("max-age=0", id="zero-parses"),
        pytest.param('max-age="600"', id="quoted-number"),
        pytest.param("  max-age = 600 ; includeSubDomains;", id="blanks-and-trailing-semicolon"),
    ],
)
def test_applied(value: str) -> None:
    assert hsts_problem(value) is None


@pytest.mark.parametrize(
    ("value", "match"),
    [
        pytest.param("max-age=31536000, includeSubDomains", "no directive", id="comma"),
        pytest.param("max-age=31536000: includeSubDomains", "no directive", id="colon"),
        pytest.param("max-age: 31536000", "no directive", id="colon-for-equals"),
        pytest.param("includeSubDomains; preload", "no `max-age`", id="no-max-age"),
        pytest.param("max-age=1y", "not a number", id="not-seconds"),
        pytest.param("max-age=1; MAX-AGE=2", "twice", id="repeated"),
    ],
)
def test_ignored(value: str, match: str) -> None:
    problem = hsts_problem(value)
    assert problem is not None
    assert match in problem
