"""Names the XSS template rules read as numbers the app computed or keys the database made."""

from __future__ import annotations

import pytest

from webwarden.parse.templates import (
    Dialect,
    Expression,
    ParsedTemplate,
    TemplateSyntax,
    parse_template,
)
from webwarden.parse.templates.django import parse_variable
from webwarden.parse.templates.read import Unreadable
from webwarden.rules.xss._script import (
    is_kept_key,
    is_measure,
    measure_name,
    without_literal_defaults,
)


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
    ("written", "expected"),
    [
        pytest.param("plan.pk", True, id="key"),
        pytest.param("plan.parent.pk|default:'null'", True, id="literal-default"),
        pytest.param('owner_id|default_if_none:"0"|unlocalize', True, id="kept-through-filters"),
        pytest.param("plan.parent.pk|default:label", False, id="default-of-a-variable"),
        pytest.param("plan.parent.pk|stringformat:'s'", False, id="other-filter"),
        pytest.param("plan.title|default:'null'", False, id="not-a-key"),
    ],
)
def test_is_kept_key(written: str, expected: bool) -> None:
    assert is_kept_key(parse_variable(written)) is expected


def _expression(text: str) -> Expression:
    parsed = parse_template("t.html", f"{{{{ {text} }}}}", TemplateSyntax(dialect=Dialect.JINJA))
    assert not isinstance(parsed, Unreadable)
    (node,) = [n for n in parsed.nodes if n.expression is not None]
    assert node.expression is not None
    return node.expression


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        pytest.param("record.id", "record.id", id="no-filter"),
        pytest.param("config['TIMEOUT']|default(298)", "config['TIMEOUT']", id="literal"),
        pytest.param("page.pk|d(0, true)|default(1 * 2)", "page.pk", id="two-defaults"),
        pytest.param("config.TIMEOUT|default(fallback)", None, id="variable-default"),
        pytest.param("record.id|default(0)|lower", None, id="another-filter"),
        pytest.param("record.id|int", None, id="not-a-default"),
    ],
)
def test_without_literal_defaults(text: str, bare: str | None) -> None:
    found = without_literal_defaults(_expression(text))
    assert (found.text.strip() if found is not None else None) == bare
    assert found is None or not found.filters


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
