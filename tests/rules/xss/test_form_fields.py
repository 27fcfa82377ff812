"""Which form renderings and words (WTForms', Django's) a template writes as the form's own."""

from __future__ import annotations

import pytest

from webwarden.parse.templates import Dialect, ParsedTemplate, TemplateSyntax, parse_template
from webwarden.rules.xss._form_fields import bound_field, developer_text, rendered_field


def _parsed(text: str) -> ParsedTemplate:
    parsed = parse_template("page.html", text, TemplateSyntax(dialect=Dialect.JINJA))
    assert isinstance(parsed, ParsedTemplate)
    return parsed


@pytest.mark.parametrize(
    ("text", "operand", "expected"),
    [
        pytest.param("{{ form.email() }}", "form.email()", True, id="declared-field"),
        pytest.param(
            "{% for o in form.size %}{{ o() }}{% endfor %}", "o()", True, id="subfield-of-loop"
        ),
        pytest.param(
            "{% for f in login_form %}{{ f() }}{% endfor %}", "f()", True, id="field-of-form-loop"
        ),
        pytest.param(
            "{% for p in products %}{{ p() }}{% endfor %}", "p()", False, id="record-of-loop"
        ),
        pytest.param("{{ o() }}", "o()", False, id="unbound-name"),
    ],
)
def test_rendered_field(text: str, operand: str, expected: bool) -> None:
    parsed = _parsed(text)
    at = text.rindex("{{")
    assert rendered_field(parsed, operand, at) is expected


@pytest.mark.parametrize(
    ("operand", "expected"),
    [
        pytest.param("form.size.label.text", True, id="declared-label"),
        pytest.param("field.description", True, id="macro-description"),
        pytest.param("option.label.text", False, id="choice-label"),
        pytest.param("form.size.data", False, id="data"),
    ],
)
def test_developer_text(operand: str, expected: bool) -> None:
    assert developer_text(operand) is expected


@pytest.mark.parametrize(
    ("text", "operand", "expected"),
    [
        pytest.param(
            "{% for h in form.hidden_fields() %}{{ h }}{% endfor %}", "h", True, id="hidden-fields"
        ),
        pytest.param(
            "{% for f in fs %}{% for v in f.visible_fields() %}{{ v }}{% endfor %}{% endfor %}",
            "v",
            True,
            id="nested-in-formset-loop",
        ),
        pytest.param(
            "{% for m in fs.management_form %}{{ m }}{% endfor %}", "m", True, id="management-form"
        ),
        pytest.param(
            "{% for h in form.hidden_fields() %}{{ h.data }}{% endfor %}",
            "h.data",
            False,
            id="field-data",
        ),
        pytest.param(
            "{% for r in report.hidden_rows() %}{{ r }}{% endfor %}", "r", False, id="other-list"
        ),
        pytest.param("{{ hidden_fields }}", "hidden_fields", False, id="unbound-name"),
    ],
)
def test_bound_field(text: str, operand: str, expected: bool) -> None:
    parsed = _parsed(text)
    at = text.rindex("{{")
    assert bound_field(parsed, operand, at) is expected
