"""Names of values holding how the user wants pages shown."""

from __future__ import annotations

import pytest

from webwarden.model.preferences import names_preference


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("django_language", True, id="language"),
        pytest.param("sort_by", True, id="sort"),
        pytest.param("order_id", False, id="order-word-alone"),
        pytest.param("dark-mode-enabled", True, id="dark-mode"),
        pytest.param("darkMode", True, id="dark-mode-camel"),
        pytest.param("admin_mode", False, id="mode-alone"),
        # The features a visitor switched on from the query string.
        pytest.param("MIDDLEWARE_FEATURE_FLAG_COOKIE_NAME", True, id="feature-flag-setting"),
        pytest.param("APP_FEATURE_FLAGS", True, id="feature-flags"),
        pytest.param("featureFlags", True, id="feature-flags-camel"),
        # Either word alone says nothing of the user's choice.
        pytest.param("admin_flag", False, id="flag-alone"),
        pytest.param("features_seen", False, id="features-alone"),
        # A name that sounds secret stays one.
        pytest.param("feature_flag_token", False, id="feature-flag-token"),
        # Which rows of a list the user wants shown.
        pytest.param("cve_filter", True, id="list-filter"),
        pytest.param("filter_token", False, id="filter-token"),
        # The cookies a visitor consents to, as a consent banner keeps them.
        pytest.param("SHUUP_GDPR_CONSENT_COOKIE_NAME", True, id="gdpr-consent-setting"),
        pytest.param("cookie_consent", True, id="cookie-consent"),
        pytest.param("oauth_consent", False, id="consent-alone"),
        pytest.param("cookie_consent_token", False, id="consent-token"),
        # The colour scheme a visitor picked for their own pages.
        pytest.param("color_scheme", True, id="color-scheme"),
        pytest.param("colourMode", True, id="colour-mode-camel"),
        pytest.param("url_scheme", False, id="scheme-alone"),
        pytest.param("color_scheme_secret", False, id="color-scheme-secret"),
    ],
)
def test_names_preference(name: str, expected: bool) -> None:
    assert names_preference(name) is expected
