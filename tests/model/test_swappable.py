"""Names bound to a class a setting may swap resolve to the class they default to."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.names import NameResolver

HEAD = """
    from django.conf import settings
    from .serializers import LoginSerializer as DefaultLoginSerializer
    serializers = getattr(settings, "APP_SERIALIZERS", {})
"""


def _aliases(line: str) -> dict[str, str]:
    tree = ast.parse(textwrap.dedent(HEAD) + line)
    return NameResolver(tree, "accounts.app_settings").aliases


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(
            'Login = import_callable(serializers.get("LOGIN", DefaultLoginSerializer))',
            "accounts.serializers.LoginSerializer",
            id="dj-rest-auth-mapping",
        ),
        pytest.param(
            'Login = import_string(getattr(settings, "LOGIN", "shop.forms.LoginForm"))',
            "shop.forms.LoginForm",
            id="settings-dotted-path",
        ),
        pytest.param(
            'Login = load_class(getattr(settings, "LOGIN", DefaultLoginSerializer))',
            "accounts.serializers.LoginSerializer",
            id="getattr-default-class",
        ),
        pytest.param(
            'Login = compute(serializers.get("LOGIN", DefaultLoginSerializer))',
            None,
            id="not-a-loader",
        ),
        pytest.param(
            'Login = import_string(getattr(settings, "LOGIN", "shop.forms.login_form"))',
            None,
            id="default-not-a-class",
        ),
        pytest.param(
            "Login = import_callable(serializers.get(key, DefaultLoginSerializer))",
            None,
            id="key-not-constant",
        ),
    ],
)
def test_swappable_class_defaults(line: str, expected: str | None) -> None:
    assert _aliases(line).get("Login") == expected
