"""The secret a link written in a template carries."""

from __future__ import annotations

import pytest

from webwarden.rules.auth._mailed_links import secret_in_url_for


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("url_for('auth.reset_password', token=token, _external=True)", "token"),
        ("url_for('join', _external=True, token=g.project.generate_token())", "token"),
        ("url_for('confirm', code=user.get_reset_token(), _external=True)", "code"),
        ("url_for('auth.reset_password_request', _external=True)", None),
        ("url_for('profile', user_id=user.id, _external=True)", None),
        ("url_for('login', next=next_url, _external=True)", None),
    ],
)
def test_a_secret_is_named_after_the_endpoint(text: str, secret: str | None) -> None:
    assert secret_in_url_for(text) == secret
