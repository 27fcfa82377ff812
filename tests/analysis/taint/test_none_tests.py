"""Which tests only ask whether locals are set (`none_tests.none_arm`)."""

from __future__ import annotations

import ast

import pytest

from webwarden.analysis.taint.none_tests import none_arm


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        pytest.param("data is None", (("data",), "then"), id="is-none"),
        pytest.param("not data", (("data",), "then"), id="not"),
        pytest.param("data == None", (("data",), "then"), id="equals-none"),
        pytest.param("data", (("data",), "else"), id="truthy"),
        pytest.param("data is not None", (("data",), "else"), id="is-not-none"),
        pytest.param("a is None and b is None", (("a", "b"), "then"), id="both-unset"),
        pytest.param("a is None or not b", (("a", "b"), "then"), id="either-unset"),
        pytest.param("a and b is not None", (("a", "b"), "else"), id="both-set"),
        pytest.param("not (a is None or b is None)", (("a", "b"), "else"), id="negated-or"),
        pytest.param("a is None and closed", ((), ""), id="with-another-test"),
        pytest.param("a is None and b", ((), ""), id="mixed-ways"),
        pytest.param("data.user is None", ((), ""), id="attribute"),
        pytest.param("check(token)", ((), ""), id="call"),
    ],
)
def test_none_arm(test: str, expected: tuple[tuple[str, ...], str]) -> None:
    assert none_arm(ast.parse(test, mode="eval").body) == expected
