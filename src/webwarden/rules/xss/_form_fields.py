"""What of a form (WTForms', or Django's) a template writes as the form's own HTML or words."""

from __future__ import annotations

import re

from webwarden.parse.templates import ParsedTemplate

_FIELD_CALL = re.compile(r"(?:sub)?field\s*\(.*\)\s*$|form\.\w+\s*\(.*\)\s*$", re.DOTALL)
"""A WTForms field rendered (`field(**kwargs)`, `form.email(class_="x")`): the widget's
HTML, already escaped `Markup`."""
_CALLED_NAME = re.compile(r"\s*([A-Za-z_]\w*)\s*\(.*\)\s*$", re.DOTALL)
_FIELDS_ITERATED = re.compile(r"(?:\w+_)?form(?:\.\w+)?|(?:sub)?field")
"""What a loop over gives fields: a form (its fields), a form's field or a macro's `field`
(a `RadioField`'s or `FieldList`'s subfields, a `FormField`'s fields)."""
_BOUND_FIELDS = re.compile(r"(?:[A-Za-z_]\w*\.)+(?:hidden_fields|visible_fields|management_form)")
"""What a loop over gives a Django form's bound fields (the call's parentheses dropped:
`form.hidden_fields()` reads `form.hidden_fields`)."""
_DEVELOPER_TEXT = re.compile(
    r"\s*(?:(?:(?:\w+\.)*\w*field|form\.\w+)\.description|form\.\w+\.label\.text)\s*$"
)
"""A WTForms field's `description` (`field.description` in a form macro,
`form.email.description`) or a form's declared field's label text
(`form.email.label.text`): the text the developer gave the field, as Django's `help_text`
is. A subfield's label (`option.label.text` in a loop over a `RadioField`) is a choice's,
which may be data."""


def rendered_field(template: ParsedTemplate, operand: str, at: int) -> bool:
    """Whether `operand`, written at offset `at`, calls a WTForms field: one named so, or a
    name a loop over a form or a field binds (`{% for option in form.size %}{{
    option(class_="x") }}`), whose widget renders escaped `Markup`."""
    if _FIELD_CALL.match(operand):
        return True
    called = _CALLED_NAME.match(operand)
    if called is None:
        return False
    name = called.group(1)
    source = template.source_path(name, at)
    return source != name and _FIELDS_ITERATED.fullmatch(source) is not None


def bound_field(template: ParsedTemplate, operand: str, at: int) -> bool:
    """Whether `operand`, written at offset `at`, is a name a loop over a Django form's
    `hidden_fields()` or `visible_fields()`, or over a formset's `management_form` (a
    form, whose iteration gives its fields), binds: a `BoundField`, which writes its
    widget (escaping the value it holds) and is marked safe already (`__html__`)."""
    name = operand.strip()
    if not name.isidentifier():
        return False
    source = template.source_path(name, at)
    return source != name and _BOUND_FIELDS.fullmatch(source) is not None


def developer_text(operand: str) -> bool:
    """Whether `operand` is text the developer gave a WTForms field (`_DEVELOPER_TEXT`)."""
    return _DEVELOPER_TEXT.match(operand) is not None
