"""Views public by nature, by the words of their names and URL."""

from __future__ import annotations

import pytest

from webwarden.rules.auth._public import is_public


@pytest.mark.parametrize(
    ("name", "pattern", "public"),
    [
        pytest.param("obtain_auth_token", "api/token/", True, id="issuing-a-token"),
        pytest.param("verify_token", "auth-jwt/verify/", True, id="checking-a-token"),
        pytest.param("delete_authtoken", "api/authtoken/delete", False, id="deleting-ones-token"),
        pytest.param("renew_user_token", "users/<int:pk>/token/renew", False, id="renewing"),
        pytest.param("upload_token", "/api/v1/store/upload/token", False, id="uploading-one"),
        pytest.param("stoken_upload", "/enroll/stoken/upload", False, id="service-token-upload"),
        pytest.param("delete_account", "account/delete", False, id="no-public-word"),
        pytest.param("password_reset", "password/reset/", True, id="other-public-word-kept"),
    ],
)
def test_a_users_care_of_an_api_token_is_not_public(name: str, pattern: str, public: bool) -> None:
    assert is_public((name,), pattern) is public


@pytest.mark.parametrize(
    ("pattern", "public"),
    [
        pytest.param("/setup", True, id="the-wizard"),
        pytest.param("/setup/admin-pass", True, id="a-named-step"),
        pytest.param("^install/database/$", True, id="a-django-step"),
        pytest.param("/setup/<int:space_id>", False, id="an-object"),
        pytest.param("/setup/members/add", False, id="two-levels-down"),
        pytest.param("/2fa/setup", False, id="below-another-path"),
    ],
)
def test_the_first_run_setup_is_public(pattern: str, public: bool) -> None:
    assert is_public(("configure",), pattern) is public


@pytest.mark.parametrize(
    ("name", "public"),
    [
        pytest.param("app.auth.views.delete_account", False, id="auth-package"),
        pytest.param("authentication.delete_account", False, id="auth-blueprint"),
        pytest.param("app.hooks.delete_note", False, id="request-hooks-module"),
        pytest.param("app.oauth.views.remove_client", False, id="oauth-module"),
        pytest.param("app.processors.views.remove_client", False, id="letters-of-sso"),
        pytest.param("app.auth.views.login", True, id="own-name-says"),
        pytest.param("accounts.views.LoginView.post", True, id="class-says"),
        pytest.param("app.webhooks.build_finished", True, id="webhooks-module"),
    ],
)
def test_a_module_says_only_that_its_views_are_webhooks(name: str, public: bool) -> None:
    assert is_public((name,), "/things/<int:thing_id>/change") is public


@pytest.mark.parametrize(
    ("name", "pattern", "public"),
    [
        pytest.param("sso_login", "", True, id="first-word"),
        pytest.param("app.views.SSOCallbackView", "", True, id="capitals-before-a-word"),
        pytest.param("saml_sso", "", True, id="last-word"),
        pytest.param("google_sso_begin", "", True, id="middle-word"),
        pytest.param("ssoLogin", "", True, id="before-a-change-of-case"),
        pytest.param("begin", "/sso/begin", True, id="url-part"),
        pytest.param("association_list", "", False, id="inside-association"),
        pytest.param("lasso_clear", "", False, id="ending-lasso"),
        pytest.param("app.views.AssociationDeleteView", "", False, id="class-association"),
        pytest.param("cancel", "lessons/<int:pk>/cancel", False, id="url-lessons"),
        pytest.param("edit", "organizer/ssoproviders/<int:pk>/edit", False, id="url-run-together"),
    ],
)
def test_sso_is_a_word_of_its_own(name: str, pattern: str, public: bool) -> None:
    assert is_public((name,), pattern) is public


@pytest.mark.parametrize(
    ("name", "pattern", "public"),
    [
        pytest.param("subscribe", "subscribe/", True, id="the-sites-own-list"),
        pytest.param("subscribe", "^subscribe/$", True, id="a-regex-route"),
        pytest.param("add", "news/subscribe/", True, id="the-news"),
        pytest.param("subscribe", "threads/<int:pk>/subscribe/", False, id="an-objects"),
        pytest.param("subscribe", "forum/subscribe/", False, id="below-another-area"),
        pytest.param("subscribers", "news/subscribers/", False, id="the-list-of-them"),
    ],
)
def test_signing_up_to_the_sites_mailing_list_is_public(
    name: str, pattern: str, public: bool
) -> None:
    assert is_public((name,), pattern) is public


@pytest.mark.parametrize(
    ("pattern", "public"),
    [
        pytest.param("events/<slug:e>/validate/<uuid:helper>/<uuid:validation_id>/", True),
        pytest.param("accounts/<uuid:validation_token>/", True),
        pytest.param("reports/<uuid:report_id>/validate/", False),
    ],
)
def test_a_uuid_named_for_validating_an_address_is_an_emailed_link(
    pattern: str, public: bool
) -> None:
    assert is_public(("check",), pattern) is public
