from __future__ import annotations

import pytest

from webwarden.parse.templates.literal_loops import plain_words_display


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param("for attr in ['RELATIVE_PATH']", True, id="list-of-one-word"),
        pytest.param("for attr in ('username', 'email', 2)", True, id="tuple-words-number"),
        pytest.param("for attr in ['a', 'b'] -", True, id="whitespace-control"),
        pytest.param("for h in ['alert(1);']", False, id="code-in-literal"),
        pytest.param("for attr in ['a', extra]", False, id="variable-in-list"),
        pytest.param("for attr in ['a'] if attr in shown", False, id="loop-filter"),
        pytest.param("for attr in items", False, id="variable"),
        pytest.param("for attr in []", False, id="empty"),
        pytest.param("for flag in [true]", False, id="jinja-name"),
    ],
)
def test_plain_words_display(content: str, expected: bool) -> None:
    assert plain_words_display(content) is expected
