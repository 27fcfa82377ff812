"""What each group of a regular expression can hold."""

from __future__ import annotations

import re

import pytest

from webwarden.analysis.regex_groups import DIGITS, pattern_groups


@pytest.mark.parametrize(
    ("pattern", "number", "holds", "lacks", "fixed"),
    [
        pytest.param(r"^(.+)__(\w+)$", 1, "'\"/ <.", "", False, id="any-text"),
        pytest.param(r"^(.+)__(\w+)$", 2, "a_Z9", "'\"/ <.-", False, id="word"),
        pytest.param(r"([0-9a-f]{32})", 1, "0af", "g'/.", False, id="hex"),
        pytest.param(r"([A-Za-z0-9_-]+)", 1, "aZ_-", "'/. <", False, id="slug"),
        pytest.param(r"([^/]+)", 1, "'. <", "/", False, id="negated"),
        pytest.param(r"(?P<op>lt|gte?|in)", 1, "ltgein", "'/", True, id="alternatives"),
        pytest.param(r"((?:i)?contains)", 1, "icontains", "'", True, id="optional-literal"),
        pytest.param(r"(?i)(ab)", 1, "aAbB", "c", True, id="ignore-case"),
        pytest.param(r"(\d+)(?=/)", 1, "09", "/", False, id="lookahead-matches-none"),
        pytest.param(r"(a)(\1)", 2, "/'", "", False, id="back-reference"),
        pytest.param(r"(?x) ( \d + ) \s", 1, "5", " ", False, id="verbose"),
    ],
)
def test_group(pattern: str, number: int, holds: str, lacks: str, fixed: bool) -> None:
    found = pattern_groups(pattern, re.X if pattern.startswith("(?x)") else 0)
    assert found is not None
    group = found.groups[number]
    assert set(holds) <= group.characters
    assert not set(lacks) & group.characters
    assert group.fixed is fixed


def test_whole_match_and_names() -> None:
    found = pattern_groups(r"^item-(?P<id>\d+)$")
    assert found is not None
    assert found.names == (("id", 1),)
    assert found.groups[1].characters <= DIGITS
    assert found.groups[0].characters == frozenset("item-") | found.groups[1].characters


def test_refused_pattern() -> None:
    assert pattern_groups(r"(unbalanced") is None
