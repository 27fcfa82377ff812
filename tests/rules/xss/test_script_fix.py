"""The fix WW550 gives for a value marked safe where a script reads it."""

from __future__ import annotations

import pytest

from webwarden.parse.templates import Dialect, ParsedTemplate, TemplateSyntax, parse_template
from webwarden.rules.xss._script_fix import script_fix


def _advice(dialect: Dialect, text: str) -> str | None:
    parsed = parse_template("t.html", text, TemplateSyntax(dialect=dialect))
    assert isinstance(parsed, ParsedTemplate)
    (node,) = parsed.outputs()
    return script_fix(parsed, node, "data", "safe")


@pytest.mark.parametrize(
    ("dialect", "text", "expected"),
    [
        pytest.param(Dialect.DJANGO, "<p>{{ data|safe }}</p>", None, id="django-text"),
        pytest.param(
            Dialect.DJANGO,
            "<script>var d = {{ data|safe }};</script>",
            "json_script",
            id="django-script-code",
        ),
        pytest.param(
            Dialect.DJANGO,
            "<script>var d = '{{ data|safe }}';</script>",
            "escapejs",
            id="django-string",
        ),
        pytest.param(
            Dialect.JINJA,
            "<script>var d = {{ data|safe }};</script>",
            "|tojson",
            id="jinja-script-code",
        ),
        pytest.param(
            Dialect.JINJA,
            '<script type="application/json">{{ data|safe }}</script>',
            "|tojson",
            id="jinja-data-script",
        ),
        pytest.param(
            Dialect.JINJA, "<script>// {{ data|safe }}\n</script>", None, id="jinja-comment"
        ),
    ],
)
def test_script_fix(dialect: Dialect, text: str, expected: str | None) -> None:
    advice = _advice(dialect, text)
    if expected is None:
        assert advice is None
    else:
        assert advice is not None
        assert expected in advice
