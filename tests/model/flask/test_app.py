"""Flask config names read as development, testing or local."""

from __future__ import annotations

import pytest

from webwarden.model.flask.app import is_development_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("DevelopmentConfig", True, id="development"),
        pytest.param("TravisConfig", True, id="ci-service"),
        pytest.param("GithubActionsConfig", True, id="ci-service-in-two-words"),
        pytest.param("GithubConfig", False, id="half-a-service-name"),
        pytest.param("ProductionConfig", False, id="production"),
        pytest.param("NonProdConfig", True, id="negated-production"),
        pytest.param("NotificationConfig", False, id="no-negation-in-a-word"),
    ],
)
def test_is_development_name(name: str, expected: bool) -> None:
    assert is_development_name(name) is expected
