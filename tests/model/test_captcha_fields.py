"""Form fields asking a CAPTCHA, for the Django and Flask models alike."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.captcha_fields import asks_captcha
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source


def _context(source: str) -> FileContext:
    parsed = parse_source(textwrap.dedent(source), "app/forms.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    return make_context("app/forms.py", parsed, plan)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("recaptcha = RecaptchaField()", True, id="flask-wtf-recaptcha"),
        pytest.param("human = fields.HCaptchaField()", True, id="field-class"),
        pytest.param('captcha_answer = StringField("3 + 4 =")', True, id="field-name"),
        pytest.param("captcha: AltchaField = AltchaField()", True, id="annotated"),
        pytest.param(
            "if settings.RECAPTCHA_ENABLED:\n    captcha = ReCaptchaField()",
            True,
            id="under-a-setting",
        ),
        pytest.param('body = TextAreaField("Message")', False, id="other-field"),
        pytest.param("captcha_enabled = settings.get_flag()", False, id="not-a-field"),
    ],
)
def test_a_form_field_asking_a_captcha(body: str, expected: bool) -> None:
    source = "class ContactForm(Form):\n" + textwrap.indent(body, "    ") + "\n"
    ctx = _context(source)
    form = ctx.tree.body[0]
    assert isinstance(form, ast.ClassDef)
    assert asks_captcha(ctx, form) is expected
