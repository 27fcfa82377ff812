"""The tokens an `except` list is read by: bracket depth and the name Python 2 binds."""

from __future__ import annotations

import io
import tokenize

import pytest

from webwarden.parse.except_lists import binding_name, nesting


def _tokens(text: str) -> list[tokenize.TokenInfo]:
    return list(tokenize.generate_tokens(io.StringIO(text).readline))


def test_nesting_counts_brackets_only() -> None:
    assert [nesting(t) for t in _tokens("(a[b], {c})")[:9]] == [1, 0, 1, 0, -1, 0, 1, 0, -1]


@pytest.mark.parametrize(
    ("text", "binds"),
    [
        pytest.param("error", True, id="lower-case-name"),
        pytest.param("KeyError", False, id="class-name"),
        pytest.param("not", False, id="keyword"),
        pytest.param("'e'", False, id="not-a-name"),
    ],
)
def test_binding_name(text: str, binds: bool) -> None:
    assert binding_name(_tokens(text)[0]) is binds
