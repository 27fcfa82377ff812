"""Tests for following JavaScript literal text in pieces."""

from __future__ import annotations

import pytest

from webwarden.parse.templates.script_text import VALUE, ScriptText


@pytest.mark.parametrize(
    ("pieces", "quote"),
    [
        pytest.param(['a = "'], '"', id="string-open"),
        pytest.param(['s.replace(/"/g, "x"); b = '], "", id="regex-after-bracket"),
        pytest.param(["return /'/.test(s) ? '"], "'", id="regex-after-keyword"),
        pytest.param(["x = /[/']/; y = '"], "'", id="slash-in-class"),
        pytest.param(["r = a / b; c = '"], "'", id="division"),
        pytest.param(["r = ", " / 2; c = '"], "'", id="division-after-output"),
        pytest.param(["r = /'\n", "c = '"], "'", id="no-regex-across-lines"),
        pytest.param(["// it's\n", "a = '"], "'", id="line-comment"),
    ],
)
def test_quote_open_after_pieces(pieces: list[str], quote: str) -> None:
    script = ScriptText()
    for index, piece in enumerate(pieces):
        if index:
            script.last = VALUE  # NOTE: a template output between the pieces
        script.read(piece)
    assert script.quote == quote
