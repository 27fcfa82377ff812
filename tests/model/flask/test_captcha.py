from __future__ import annotations

import pytest

from webwarden.model.flask.captcha import checks_captcha


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
