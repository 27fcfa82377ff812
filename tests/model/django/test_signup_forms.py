"""Form classes named for signing a visitor up."""

from __future__ import annotations

import pytest

from webwarden.model.django.signup_forms import signup_form


@pytest.mark.parametrize(
    ("name", "signs_up"),
    [
        pytest.param("accounts.forms.SignupForm", True, id="signup"),
        pytest.param("SignUpForm", True, id="sign-up"),
        pytest.param("UserRegistrationForm", True, id="user-registration"),
        pytest.param("CustomRegisterForm", True, id="custom-register"),
        pytest.param("RegisterApplicationForm", False, id="registers-an-application"),
        pytest.param("DeviceRegistrationForm", False, id="registers-a-device"),
        pytest.param("AccountForm", False, id="account"),
        pytest.param("SignupSerializer", False, id="not-a-form"),
        pytest.param("Form", False, id="bare-form"),
    ],
)
def test_signup_form(name: str, signs_up: bool) -> None:
    assert signup_form(name) is signs_up
