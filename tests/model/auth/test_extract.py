"""Which modules have authentication facts."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth import AuthFacts
from webwarden.model.auth.extract import extract_auth
from webwarden.parse.python import ParsedPython, parse_source

SOURCE = textwrap.dedent(
    """
    from django.contrib.auth import authenticate as check_credentials
    from django.contrib.auth.hashers import make_password

    def sign_in(request):
        user = check_credentials(request, username="a", password="b")
        user.password = request.POST["password"]
    """
)


def _facts(relpath: str) -> AuthFacts | None:
    parsed = parse_source(SOURCE, relpath)
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    return extract_auth(make_context(relpath, parsed, plan))


def test_an_application_module_has_its_facts_through_aliased_imports() -> None:
    facts = _facts("accounts/views.py")
    assert facts is not None
    assert [entry.what for entry in facts.logins] == ["`sign_in` (calls `authenticate`)"]
    assert [write.target for write in facts.raw_writes] == ["user.password"]


def test_test_code_has_no_facts() -> None:
    assert _facts("tests/test_views.py") is None


def _protections(source: str) -> frozenset[str]:
    parsed = parse_source(textwrap.dedent(source), "accounts/forms.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    facts = extract_auth(make_context("accounts/forms.py", parsed, plan))
    return facts.protections if facts is not None else frozenset()


RULES = "strength:a form's password rules"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            def check(pw):
                if len(pw) < MINIMUM:
                    raise forms.ValidationError("short")
                return pw

            class Form(UserCreationForm):
                def clean_password1(self):
                    return check(self.cleaned_data["password1"])
            """,
            True,
            id="through-a-module-function",
        ),
        pytest.param(
            """
            class Form(SetPasswordForm):
                def clean_new_password1(self):
                    pw = self.cleaned_data["new_password1"]
                    if 8 > len(pw):
                        raise ValidationError("short")
                    return pw
            """,
            True,
            id="in-the-hook",
        ),
        pytest.param(
            """
            class Form(SetPasswordForm):
                def clean_new_password1(self):
                    pw = self.cleaned_data["new_password1"]
                    if len(pw) > 128:
                        raise ValidationError("long")
                    return pw
            """,
            False,
            id="a-maximum-only",
        ),
        pytest.param(
            """
            class Form(UserCreationForm):
                def clean_username(self):
                    name = self.cleaned_data["username"]
                    if len(name) < 3:
                        raise ValidationError("short")
                    return name
            """,
            False,
            id="another-field",
        ),
        pytest.param(
            """
            class Form(forms.Form):
                password = forms.CharField(min_length=8)
            """,
            True,
            id="field-minimum-length",
        ),
        pytest.param(
            """
            MINIMUM = 10

            class Serializer(serializers.Serializer):
                new_password = serializers.CharField(min_length=MINIMUM, write_only=True)
            """,
            True,
            id="field-minimum-from-a-constant",
        ),
        pytest.param(
            """
            class Form(forms.Form):
                password = forms.CharField(min_length=4)
            """,
            False,
            id="field-minimum-below-djangos",
        ),
        pytest.param(
            """
            class Form(forms.Form):
                username = forms.CharField(min_length=8)
            """,
            False,
            id="field-minimum-of-another-field",
        ),
    ],
)
def test_a_form_rejecting_short_passwords_checks_strength(source: str, expected: bool) -> None:
    assert (RULES in _protections(source)) is expected


def _login_whats(source: str) -> list[str]:
    parsed = parse_source(textwrap.dedent(source), "site/urls.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    facts = extract_auth(make_context("site/urls.py", parsed, plan))
    return [entry.what for entry in facts.logins] if facts is not None else []


ADMIN = "the Django admin login"


@pytest.mark.parametrize(
    ("routes", "expected"),
    [
        pytest.param(
            'path("admin/login/", views.sso), path("admin/", admin.site.urls)',
            [],
            id="login-routed-above-the-site",
        ),
        pytest.param(
            're_path(r"^staff/login/$", views.sso), re_path(r"^staff/", admin.site.urls)',
            [],
            id="regex-login-routed-above-the-site",
        ),
        pytest.param(
            'path("admin/", admin.site.urls), path("admin/login/", views.sso)',
            [ADMIN],
            id="login-routed-below-the-site",
        ),
        pytest.param(
            'path("other/login/", views.sso), path("admin/", admin.site.urls)',
            [ADMIN],
            id="login-of-another-prefix",
        ),
    ],
)
def test_admin_login_shadowed_by_a_route_above_the_site(routes: str, expected: list[str]) -> None:
    source = f"""
        from django.contrib import admin
        from django.urls import path, re_path
        from site import views

        urlpatterns = [
            {routes},
        ]
    """
    assert [what for what in _login_whats(source) if what == ADMIN] == expected


def _namespace_salts(source: str) -> frozenset[str]:
    parsed = parse_source(textwrap.dedent(source), "accounts/tokens.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    facts = extract_auth(make_context("accounts/tokens.py", parsed, plan))
    return facts.namespace_salts if facts is not None else frozenset()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            from flask import current_app
            from itsdangerous import URLSafeTimedSerializer

            def token(email):
                salt = current_app.config["CONFIRM_SALT"]
                return URLSafeTimedSerializer(current_app.secret_key, salt=salt).dumps(email)
            """,
            {"CONFIRM_SALT"},
            id="itsdangerous-salt-keyword",
        ),
        pytest.param(
            """
            from itsdangerous import Signer

            def signer(app):
                return Signer(app.secret_key, app.config.get("LINK_SALT"))
            """,
            {"LINK_SALT"},
            id="itsdangerous-second-argument",
        ),
        pytest.param(
            """
            from django.conf import settings
            from django.core import signing
            from django.utils.crypto import salted_hmac

            def export(value):
                tag = salted_hmac(settings.TAG_SALT, value).hexdigest()
                return signing.dumps(value, salt=settings.EXPORT_SALT), tag
            """,
            {"TAG_SALT", "EXPORT_SALT"},
            id="django-signing",
        ),
        pytest.param(
            """
            import hashlib

            from myapp.config import config as app_config

            def reply(message_id):
                salt = app_config.get("SALT_EMAIL").encode()
                return hashlib.sha512(message_id.encode() + salt).hexdigest()
            """,
            set(),
            id="secret-mixed-into-a-hash",
        ),
    ],
)
def test_config_keys_handed_to_a_signer_as_its_salt(source: str, expected: set[str]) -> None:
    assert _namespace_salts(source) == expected


def test_rest_frameworks_throttled_exception_is_its_evidence() -> None:
    # Handled in a module about logging in, REST framework's refusal of a throttled
    # request says its throttles are at work, not a limiter of the project's own.
    source = """
        from rest_framework.exceptions import Throttled

        def handler(exc, context):
            if isinstance(exc, Throttled):
                return None
        """
    parsed = parse_source(textwrap.dedent(source), "accounts/auth_errors.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    facts = extract_auth(make_context("accounts/auth_errors.py", parsed, plan))
    assert facts is not None
    assert "drf-throttle:Throttled" in facts.protections
    assert "ratelimit:Throttled" not in facts.protections
