"""Lowering of string building: which parts fall in a URL's query or fragment."""

from __future__ import annotations

import ast

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.lower_expr import Scope, lower


def _fmt(text: str) -> ir.Fmt:
    names = frozenset({"url", "args", "anchor", "a", "b", "n", "q", "width", "parts", "fmt"})
    scope = Scope(
        "views.f",
        "views",
        names | {"values"},
        frozenset(),
        frozenset(),
        {},
        frozenset(),
        lambda node: (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)),
    )
    lowered = lower(ast.parse(text, mode="eval").body, scope)
    assert isinstance(lowered, ir.Fmt)
    return lowered


@pytest.mark.parametrize(
    ("text", "parts", "query"),
    [
        pytest.param('f"{url}?{args}"', 3, 2, id="f-string"),
        pytest.param('f"{url}#{anchor}?"', 4, 2, id="f-string-fragment"),
        pytest.param('f"/x/{a}/{b}"', 4, 0, id="f-string-no-query"),
        pytest.param('url + "?" + args', 2, 1, id="plus"),
        pytest.param('"?" + url', 2, 1, id="plus-query-first"),
        pytest.param("url + args", 2, 0, id="plus-no-query"),
        pytest.param('"%s?%s" % (url, args)', 3, 2, id="percent-tuple"),
        pytest.param('"%s&b=%%s?%d" % (url, n)', 3, 2, id="percent-escaped"),
        pytest.param('"%s?q=%s&r=%s" % (url, a, b)', 4, 2, id="percent-two-in-query"),
        pytest.param('"/search?q=%s" % q', 2, 1, id="percent-single"),
        pytest.param('"%s?x" % url', 2, 0, id="percent-single-before"),
        pytest.param('"%*s?%s" % (width, url, args)', 4, 0, id="percent-star-width"),
        pytest.param('"%s?%s" % (*parts,)', 2, 0, id="percent-starred-items"),
        pytest.param("fmt % (url, args)", 2, 0, id="percent-unknown-format"),
        pytest.param('"%(u)s?%(q)s" % values', 2, 0, id="percent-mapping-before"),
    ],
)
def test_parts_after_a_constant_question_mark_or_hash(text: str, parts: int, query: int) -> None:
    lowered = _fmt(text)
    assert (len(lowered.parts), lowered.query) == (parts, query)
