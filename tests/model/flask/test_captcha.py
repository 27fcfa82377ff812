from __future__ import annotations

import ast

import pytest

from webwarden.model.flask.captcha import _asks_captcha, checks_captcha


@pytest.mark.parametrize(
    ("calls", "expected"),
    [
        pytest.param({"app.routes.common.validate_captcha"}, True, id="project-check"),
        pytest.param({"app.forms.recaptcha.verify"}, True, id="flask-recaptcha-verify"),
        pytest.param({"hcaptcha.verify"}, True, id="flask-hcaptcha-verify"),
        pytest.param({".verify_turnstile"}, True, id="turnstile-method"),
        pytest.param({"app.captcha.new_challenge"}, False, id="making-one-checks-nothing"),
        pytest.param({"app.views.verify_token"}, False, id="another-check"),
        pytest.param(set(), False, id="no-calls"),
    ],
)
def test_checks_captcha(calls: set[str], expected: bool) -> None:
    assert checks_captcha(calls) is expected


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        pytest.param("recaptcha = RecaptchaField()", True, id="flask-wtf-recaptcha"),
        pytest.param("human = fields.HCaptchaField()", True, id="field-class"),
        pytest.param('captcha_answer = StringField("3 + 4 =")', True, id="field-name"),
        pytest.param('body = TextAreaField("Message")', False, id="other-field"),
        pytest.param("captcha_enabled = settings.get_flag()", False, id="not-a-field"),
    ],
)
def test_a_form_field_asking_a_captcha(statement: str, expected: bool) -> None:
    assert _asks_captcha(ast.parse(statement).body[0]) is expected
