"""Python 2's tab indentation expanded as Python 2's tokenizer counts it."""

from __future__ import annotations

import pytest

from webwarden.parse.python2_indents import expand_indentation


@pytest.mark.parametrize(
    ("source", "expanded"),
    [
        pytest.param("if x:\n\ty = 1\n", "if x:\n        y = 1\n", id="tab"),
        pytest.param("if x:\n  \ty = 1\n", "if x:\n        y = 1\n", id="spaces-then-tab"),
        pytest.param(
            "if x:\n\t\ty = '\\ta'\r\n", "if x:\n                y = '\\ta'\r\n", id="two-tabs"
        ),
        pytest.param("s = 'a\tb'\n", None, id="tab-after-code"),
        pytest.param("if x:\n    y = 1\n", None, id="spaces-only"),
    ],
)
def test_expand_indentation(source: str, expanded: str | None) -> None:
    assert expand_indentation(source) == expanded
