"""Whether a template filter of the project percent-encodes what it returns."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.templates.url_filters import returns_percent_encoded
from webwarden.parse.python import ParsedPython, parse_source


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("return urllib.parse.quote_plus(s).lower()", True, id="quote-plus-lowered"),
        pytest.param("return quote(s, encoding='utf-8')", True, id="quote-codec"),
        pytest.param("if not s:\n    return quote('')\nreturn quote(s)", True, id="every-return"),
        pytest.param('return quote(s, safe="\'")', False, id="keeps-quote"),
        pytest.param('return quote(s, "\'")', False, id="keeps-quote-positional"),
        pytest.param("return urllib.parse.unquote_plus(s)", False, id="decodes"),
        pytest.param("if s:\n    return quote(s)\nreturn s", False, id="one-return-raw"),
        pytest.param("return quote(s).replace('%27', \"'\")", False, id="replaced-back"),
    ],
)
def test_returns_percent_encoded(body: str, expected: bool) -> None:
    source = "import urllib.parse\nfrom urllib.parse import quote\n\ndef encode(s):\n"
    source += textwrap.indent(textwrap.dedent(body), "    ") + "\n"
    parsed = parse_source(source, "app/filters.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/filters.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    assert returns_percent_encoded(ctx, function) is expected
