"""`FileContext.mentions`: the cheap text screen some extractors ask before costlier work."""

from __future__ import annotations

import ast

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source


@pytest.mark.parametrize(
    ("source", "mentioned"),
    [
        pytest.param("import decouple\n", True, id="named"),
        pytest.param("import os\n", False, id="not-named"),
        pytest.param("x = 'decouple'\n", True, id="in-a-string"),
        pytest.param("import \uff44ecouple\n", True, id="full-width-letter-normalised"),
        pytest.param("é = \uff44ecouple.AutoConfig()\n", True, id="full-width-name-used"),
        pytest.param("é = 1\n", False, id="not-named-in-non-ascii-text"),
    ],
)
def test_mentions(source: str, mentioned: bool) -> None:
    parsed = parse_source(source, "m.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("m.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    assert ctx.mentions("decouple") is mentioned
    assert ctx.names.imports("decouple") is (source.startswith("import") and mentioned)
    if "AutoConfig" in source:
        call = ctx.nodes(ast.Call)[0]
        assert isinstance(call, ast.Call)
        assert ctx.call_name(call) == "decouple.AutoConfig"
