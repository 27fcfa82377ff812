"""Passwords of DSN strings and where they are written."""

from __future__ import annotations

import pytest

from webwarden.model.secrets.drivers import dsn_password_spans, dsn_passwords


@pytest.mark.parametrize(
    ("dsn", "expected"),
    [
        pytest.param("host=db password=Pa55 user=x", [("Pa55", 17, 21)], id="libpq"),
        pytest.param("SERVER=db;PWD=Pa55;", [("Pa55", 14, 18)], id="odbc"),
        pytest.param("host=db password='a b'", [("a b", 18, 21)], id="quoted"),
        pytest.param("SERVER=db;PWD={x;y};", [("x;y", 15, 18)], id="braced"),
        pytest.param("host=db password=$DB_PASSWORD", [], id="variable"),
    ],
)
def test_dsn_password_spans(dsn: str, expected: list[tuple[str, int, int]]) -> None:
    found = list(dsn_password_spans(dsn))
    assert found == expected
    assert [dsn[start:end] for _, start, end in found] == [p for p, _, _ in expected]
    assert list(dsn_passwords(dsn)) == [p for p, _, _ in expected]
