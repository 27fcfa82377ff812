"""Which route and view names say a route logs the user out rather than in, or asks for
or follows a sign-in link."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth.logins import login_entries, login_link, logs_out
from webwarden.parse.python import ParsedPython, parse_source


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("logout_then_login/", id="django-logout-then-login"),
        pytest.param("^accounts/log-out-and-log-in/$", id="hyphens"),
        pytest.param("sign-out-and-sign-in/", id="sign-out"),
        pytest.param("insights_logout_then_login", id="view-name"),
        pytest.param("signOutThenSignIn", id="camel-case"),
    ],
)
def test_names_logging_out(name: str) -> None:
    assert logs_out(name)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("login/", id="login"),
        pytest.param("accounts/sign-in/", id="sign-in"),
        pytest.param("login/timeout/", id="timeout-is-no-logout"),
        pytest.param("blog/outline/login/", id="blog-outline"),
        pytest.param("dialog_output_login", id="dialog-output"),
        pytest.param("blog_out/login/", id="blog-out"),
    ],
)
def test_names_not_logging_out(name: str) -> None:
    assert not logs_out(name)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("api/mailboxes/<pk>/login_link/", True, id="drf-action"),
        pytest.param("magic-links/new", True, id="magic-links"),
        pytest.param("sign-in-link/<token>", True, id="sign-in-words"),
        pytest.param("sendLoginLink", True, id="camel-case"),
        pytest.param("login/linkedin/", False, id="linkedin-is-one-word"),
        pytest.param("opt-in-link", False, id="opt-in"),
        pytest.param("account-link", False, id="account-link"),
        pytest.param("login", False, id="plain-login"),
    ],
)
def test_login_link(name: str, expected: bool) -> None:
    assert login_link(name) is expected


def _login_entries(source: str) -> list[str]:
    parsed = parse_source(textwrap.dedent(source), "site/urls.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    return [entry.what for entry in login_entries(make_context("site/urls.py", parsed, plan))]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            from django.urls import include, path
            from wagtail.admin import urls as wagtailadmin_urls
            urlpatterns = [path("admin/", include(wagtailadmin_urls))]
            """,
            id="module-imported-under-an-alias",
        ),
        pytest.param(
            """
            from django.urls import include, path
            urlpatterns = [path("cms/", include("wagtail.admin.urls"))]
            """,
            id="dotted-text",
        ),
    ],
)
def test_wagtail_admin_urls_are_a_login_entry(source: str) -> None:
    assert _login_entries(source) == ["the Wagtail admin login"]


def test_wagtail_public_urls_are_no_login_entry() -> None:
    source = """
        from django.urls import include, path
        from wagtail import urls as wagtail_urls
        from wagtail.documents import urls as wagtaildocs_urls
        urlpatterns = [path("documents/", include(wagtaildocs_urls)), path("", include(wagtail_urls))]
        """
    assert _login_entries(source) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("state = secrets.token_urlsafe(16)", [], id="module-name"),
        pytest.param("box = nacl.secret.SecretBox(key)", ["route `/login`"], id="class-name-kept"),
        pytest.param("key = nacl.secret.random(32)", [], id="module-path"),
        pytest.param(
            "ok = werkzeug.security.check_password_hash(h, p)",
            ["route `/login`"],
            id="function-at-the-end",
        ),
        pytest.param("secret = load()", ["route `/login`"], id="local-name"),
    ],
)
def test_module_paths_name_no_password(body: str, expected: list[str]) -> None:
    source = f"""
        import secrets
        import nacl.secret
        import werkzeug.security
        from fastapi import APIRouter
        router = APIRouter()

        @router.post("/login")
        def login():
            {body}
        """
    assert _login_entries(source) == expected
