"""The sink kinds a group of a match is safe for."""

from __future__ import annotations

import pytest

from webwarden.analysis.regex_groups import pattern_groups
from webwarden.analysis.taint.regex_matches import group_kinds
from webwarden.analysis.taint.values import ALL_KINDS, LOOKUPS


def _kinds(pattern: str, number: int = 1) -> frozenset[str]:
    found = pattern_groups(pattern)
    assert found is not None
    return group_kinds(found.groups[number])


@pytest.mark.parametrize("pattern", [r"(\d+)", r"(lt|gt|in)", r"([0-9]{4})-", r"()"], ids=str)
def test_safe_everywhere(pattern: str) -> None:
    assert _kinds(pattern) == ALL_KINDS


def test_word_characters_still_name_a_field() -> None:
    kinds = _kinds(r"(\w+)")
    assert {"sql", "command", "html", "redirect", "path"} <= kinds
    assert LOOKUPS not in kinds
    assert "fields" not in kinds


def test_hyphen_starts_a_comment_or_an_option() -> None:
    kinds = _kinds(r"([\w-]+)")
    assert {"html", "redirect", "path"} <= kinds
    assert not {"sql", "option", LOOKUPS} & kinds


def test_free_text_is_safe_for_nothing_it_may_spell() -> None:
    kinds = _kinds(r"(.+)")
    assert not {"sql", "html", "redirect", "path", "command", LOOKUPS} & kinds
