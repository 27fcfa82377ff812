from __future__ import annotations

import pytest

from webwarden.parse.templates import Dialect, NodeKind, TemplateSyntax, parse_template
from webwarden.parse.templates.read import Unreadable
from webwarden.rules.xss._url_sets import UrlSets


@pytest.mark.parametrize(
    ("sets", "callee"),
    [
        pytest.param("{% set link = ctx.modify_query('.search', page=2) %}", "ctx.modify_query"),
        pytest.param("{% set link = page_url(2) %}", "page_url", id="plain-name"),
        pytest.param("{% set link = page_url(2) ~ label %}", "", id="joined"),
        pytest.param("{% set link = page_url(2).strip() %}", "", id="method-of-result"),
        pytest.param("{% set link = page_url %}", "", id="not-called"),
        pytest.param("{% set link = a(1) %}{% set link = b(2) %}", "", id="two-callees"),
        pytest.param("{% set link = a(1) %}{% set link = a(2) %}", "a", id="same-callee"),
    ],
)
def test_called(sets: str, callee: str) -> None:
    template = parse_template(
        "t.html", f"{sets}<a href={{{{ link }}}}>", TemplateSyntax(dialect=Dialect.JINJA)
    )
    assert not isinstance(template, Unreadable)
    (output,) = [n for n in template.nodes if n.kind is NodeKind.VAR]
    assert UrlSets(template).called(output, "link") == callee
