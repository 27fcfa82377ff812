from __future__ import annotations

import pytest

from webwarden.rules.xss._template_literal import _escapes

_DOUBLED = 'name|replace("\\\\", "\\\\\\\\")'


@pytest.mark.parametrize(
    ("text", "quote", "escaped"),
    [
        pytest.param(_DOUBLED + '|replace("\'", "\\\\\'")', "'", True, id="single"),
        pytest.param(_DOUBLED + "|replace('\"', '\\\\\"')", '"', True, id="double"),
        pytest.param(_DOUBLED + '|replace("\'", "\\\\\'")', '"', False, id="other-quote"),
        pytest.param('name|replace("\'", "\\\\\'")', "'", False, id="backslash-kept"),
        pytest.param(
            _DOUBLED + '|replace("/", "\\\\")|replace("\'", "\\\\\'")',
            "'",
            False,
            id="backslash-written-back",
        ),
        pytest.param(
            _DOUBLED + '|replace("\'", "\\\\\'")|replace("x", "\'")',
            "'",
            False,
            id="quote-written-back",
        ),
        pytest.param(
            _DOUBLED + '|replace("`", "\\\\`")|replace("${", "\\\\${")', "`", True, id="backtick"
        ),
    ],
)
def test_escapes(text: str, quote: str, escaped: bool) -> None:
    assert _escapes(text, quote) is escaped
