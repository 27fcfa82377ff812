"""Names the XSS template rules read as numbers the app computed."""

from __future__ import annotations

import pytest

from webwarden.parse.templates import Dialect, ParsedTemplate, TemplateSyntax, parse_template
from webwarden.rules.xss._script import is_measure, measure_name


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("stats.open_count", True, id="count"),
        pytest.param("total_count_formatted", True, id="count-formatted"),
        pytest.param("item.size_humanized", True, id="size-humanized"),
        pytest.param("page.paginator.num_pages", True, id="paginator"),
        pytest.param("title_formatted", False, id="formatted-title"),
        pytest.param("formatted", False, id="formatted-alone"),
        pytest.param("count_label", False, id="count-label"),
    ],
)
def test_measure_name(path: str, expected: bool) -> None:
    assert measure_name(path) is expected


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        pytest.param("page.next_page_number()", True, id="bare-call"),
        pytest.param("page.next_page_number( )", True, id="bare-call-spaced"),
        pytest.param("stats.total_count", True, id="attribute"),
        pytest.param("page.next_page_number(n)", False, id="call-with-argument"),
        pytest.param("page.describe()", False, id="call-of-no-measure"),
        pytest.param("rows.get(key).count()", False, id="inner-call"),
    ],
)
def test_is_measure(output: str, expected: bool) -> None:
    parsed = parse_template("t.html", "{{ " + output + " }}", TemplateSyntax(Dialect.JINJA))
    assert isinstance(parsed, ParsedTemplate)
    (node,) = parsed.nodes
    assert node.expression is not None
    assert is_measure(node.expression) is expected
