"""Names a template only ever sets to numbers it computes."""

from __future__ import annotations

import pytest

from webwarden.parse.templates import Dialect, ParsedTemplate, TemplateSyntax, parse_template
from webwarden.parse.templates.numbers import numeric_names


def _names(text: str) -> set[str]:
    parsed = parse_template("t.html", text, TemplateSyntax(Dialect.JINJA))
    assert isinstance(parsed, ParsedTemplate)
    return set(numeric_names(parsed.nodes))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("{% set n = 2 * (3 + 1) %}", {"n"}, id="literal-arithmetic"),
        pytest.param(
            "{% set ns = namespace(count=0, label=x) %}{% set ns.count = ns.count + 1 %}",
            {"ns.count"},
            id="namespace-counter",
        ),
        pytest.param("{% set n = 1 %}{% set n = total %}", set(), id="set-to-a-variable"),
        pytest.param("{% set n = 1 %}{% for n in items %}{% endfor %}", set(), id="loop-target"),
        pytest.param("{% set n = 1 %}{% for n in range(3) %}{% endfor %}", {"n"}, id="range"),
        pytest.param(
            "{% set ns = namespace(i=0) %}{% set ns = other %}", set(), id="namespace-rebound"
        ),
        pytest.param("{% set n %}text{% endset %}", set(), id="block-set"),
        pytest.param("{% set n = '1' %}", set(), id="string"),
        pytest.param("{% if not n %}{% set n = 1 %}{% endif %}", set(), id="read-before-set"),
        pytest.param("{% set n = n + 1 %}", set(), id="first-set-reads-itself"),
        pytest.param(
            "{% set i = namespace(value=0) %}{% set i.value = i.value + 1 %}"
            "{% for i in range(3) %}{{ i }}{% endfor %}",
            {"i.value"},
            id="range-loop-reusing-the-root",
        ),
    ],
)
def test_numeric_names(text: str, expected: set[str]) -> None:
    assert _names(text) == expected
