from __future__ import annotations

import pytest

from webwarden.parse.templates import Dialect, ParsedTemplate, TemplateSyntax, parse_template


def _source(dialect: Dialect, text: str, name: str, nth: int = 0) -> str:
    parsed = parse_template("templates/t.html", text, TemplateSyntax(dialect))
    assert isinstance(parsed, ParsedTemplate)
    at = -1
    for _ in range(nth + 1):
        at = text.index("{{ " + name, at + 1)
    return parsed.source_path(name, at)


@pytest.mark.parametrize(
    ("dialect", "text", "nth", "expected"),
    [
        pytest.param(
            Dialect.DJANGO,
            "{% with v=item.count %}{{ v }}{% endwith %}{% with v=item.text %}{{ v }}{% endwith %}",
            0,
            "item.count",
            id="django-with-first",
        ),
        pytest.param(
            Dialect.DJANGO,
            "{% with v=item.count %}{{ v }}{% endwith %}{% with v=item.text %}{{ v }}{% endwith %}",
            1,
            "item.text",
            id="django-with-second",
        ),
        pytest.param(
            Dialect.DJANGO,
            "{% with v=a %}{% with v=b %}{{ v }}{% endwith %}{{ v }}{% endwith %}",
            1,
            "a",
            id="django-with-nested-outer",
        ),
        pytest.param(
            Dialect.DJANGO,
            "{% load i18n %}{% blocktranslate with v=a %}{{ v }}{% endblocktranslate %}{{ v }}",
            1,
            "v",
            id="django-blocktranslate-ends",
        ),
        pytest.param(
            Dialect.DJANGO,
            "{% for row in rows %}{% with v=row.text %}{{ v }}{% endwith %}{% endfor %}",
            0,
            "rows.text",
            id="django-with-reads-the-loop",
        ),
        pytest.param(
            Dialect.DJANGO,
            "{% with v=user %}{% with v=v.profile %}{{ v }}{% endwith %}{% endwith %}",
            0,
            "user.profile",
            id="django-with-reads-the-outer-binding",
        ),
        pytest.param(
            Dialect.JINJA,
            "{% for a in xs %}{% set v = a.n %}{{ v }}{% endfor %}"
            "{% for b in ys %}{% set v = b.t %}{{ v }}{% endfor %}",
            0,
            "xs.n",
            id="jinja-set-in-loop",
        ),
        pytest.param(
            Dialect.JINJA,
            "{% macro m(a) %}{% set v = a.n %}{{ v }}{% endmacro %}"
            "{% macro k(b) %}{% set v = b.t %}{{ v }}{% endmacro %}",
            0,
            "a.n",
            id="jinja-set-in-macro",
        ),
        pytest.param(
            Dialect.JINJA,
            "{% if x %}{% set v = a.n %}{% endif %}{{ v }}",
            0,
            "a.n",
            id="jinja-set-leaks-out-of-if",
        ),
        pytest.param(
            Dialect.JINJA,
            "{% block body %}{% set v = a.n %}{% endblock %}{{ v }}",
            0,
            "v",
            id="jinja-set-ends-with-its-block",
        ),
        pytest.param(
            Dialect.JINJA,
            "{% for v in rows %}{% set v = v.text %}{{ v }}{% endfor %}",
            0,
            "rows.text",
            id="jinja-set-rebinds-the-loop-name",
        ),
        pytest.param(
            Dialect.JINJA,
            "{% set v = a.n %}{% for v in [1, 2] %}{{ v }}{% endfor %}",
            0,
            "v",
            id="jinja-loop-over-literal-hides-the-set",
        ),
    ],
)
def test_a_name_reads_the_binding_whose_region_encloses_it(
    dialect: Dialect, text: str, nth: int, expected: str
) -> None:
    assert _source(dialect, text, "v", nth) == expected
