from __future__ import annotations

import re

import pytest

from webwarden.analysis.regex_backtracking import backtracks_catastrophically


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        pytest.param(r"(a+)+", 0, id="nested-plus"),
        pytest.param(r"(\w+\s?)*", 0, id="optional-separator"),
        pytest.param(r"([-.\w]*[0-9a-z])*", 0, id="overlapping-follower"),
        pytest.param(r"(a|a)*", 0, id="equal-branches"),
        pytest.param(r"(ab|ab)*", 0, id="equal-long-branches"),
        pytest.param(r"(?:[a-z]\d|\w[0-9])+", 0, id="overlapping-branches"),
        pytest.param(r"(\w|[a-z]+)*", 0, id="branch-with-repeat"),
        pytest.param(r"(.*?,)*", 0, id="lazy-any"),
        pytest.param(r"(\s*\w+)*", 0, id="next-round"),
        pytest.param(r"(x\w+)*", 0, id="literal-inside-class"),
        pytest.param(r"(\w+\d+,)*", 0, id="adjacent-repeats"),
        pytest.param(r"(?i)(a+A)+", 0, id="ignore-case"),
        pytest.param(r"( a+ )+", re.VERBOSE, id="verbose"),
    ],
)
def test_catastrophic(pattern: str, flags: int) -> None:
    assert backtracks_catastrophically(pattern, flags, whole=True)


@pytest.mark.parametrize(
    "pattern",
    [
        pytest.param(r"(\d+)", id="no-nesting"),
        pytest.param(r"[a-z]+@[a-z]+", id="sequence"),
        pytest.param(r"(?:ab)+", id="no-inner-repeat"),
        pytest.param(r"(\w+,)*", id="separated"),
        pytest.param(r"(\w|\d)+", id="merged-into-a-set"),
        pytest.param(r"(a|ab)*", id="branches-differ"),
        pytest.param(r"(?:a++)+", id="possessive"),
        pytest.param(r"(?>a+)+", id="atomic"),
        pytest.param(r"(a+A)+", id="case-differs"),
        pytest.param(r"([0-9a-z][-\w]*[0-9a-z]\.)+", id="dot-ends-round"),
        pytest.param(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+", id="bounded-inner"),
        pytest.param(r"\"(?:[^\"\\]|\\.)*\"", id="escaped-quote"),
        pytest.param(r"(\1a+)+", id="back-reference"),
        pytest.param(r"(", id="invalid"),
    ],
)
def test_not_catastrophic(pattern: str) -> None:
    assert not backtracks_catastrophically(pattern, whole=True)


def test_a_search_gives_nothing_back_where_nothing_after_the_repeat_can_fail() -> None:
    # The first greedy try of a trailing repeat is the match of a search.
    assert not backtracks_catastrophically(r"(\$\$?|[{}]|(?:\n\s*)+)")
    assert not backtracks_catastrophically(r"(a+)+")
    assert backtracks_catastrophically(r"(a+)+", whole=True)
    assert backtracks_catastrophically(r"(a+)+$")
    assert backtracks_catastrophically(r"(?:\n\s*)+x")
