"""What a regular expression matched in full splits a key into."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint.matched_keys import decompose


@pytest.mark.parametrize(
    ("pattern", "how", "free"),
    [
        pytest.param(r"^(.+)__(lt|gt)$", "match", {1}, id="anchored-match"),
        pytest.param(r"(\w+)__(i?contains)", "fullmatch", {1}, id="fullmatch"),
        pytest.param(r"^(?P<f>.+)\.(?:a|b)$", "search", {1}, id="named-and-fixed"),
        pytest.param(r"^(a|b)__(c)$", "match", set(), id="all-fixed"),
        pytest.param(r"^([^)]+)_(x)$", "match", {1}, id="class-holding-a-paren"),
    ],
)
def test_decomposed(pattern: str, how: str, free: set[int]) -> None:
    found = decompose(pattern, how, "key")
    assert found is not None
    assert found.free == free


@pytest.mark.parametrize(
    ("pattern", "how"),
    [
        pytest.param(r"^(.+)__(lt|gt)", "match", id="no-end-anchor"),
        pytest.param(r"(.+)__(lt|gt)$", "search", id="search-no-start"),
        pytest.param(r"^(\w+).*__(lt)$", "match", id="free-outside-group"),
        pytest.param(r"^(\w+)__(lt)+$", "match", id="repeated-group"),
        pytest.param(r"^a|(b)$", "match", id="top-level-alternative"),
        pytest.param(r"^((a)b)$", "match", id="nested-capture"),
        pytest.param(r"^(?=a)(a)$", "match", id="lookahead"),
        pytest.param(r"^\w(a)$", "match", id="class-escape"),
    ],
)
def test_not_decomposed(pattern: str, how: str) -> None:
    assert decompose(pattern, how, "key") is None
