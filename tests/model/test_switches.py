"""Switches and the names of the services that run a project's tests."""

from __future__ import annotations

import pytest

from webwarden.model.module import role_words
from webwarden.model.switches import names_ci


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("TravisConfig", True, id="one-word-service"),
        pytest.param("GithubActionsConfig", True, id="two-word-service"),
        pytest.param("GITHUB_ACTIONS", True, id="github-variable"),
        pytest.param("GithubConfig", False, id="half-a-pair"),
        pytest.param("ProductionConfig", False, id="no-service"),
    ],
)
def test_names_ci(name: str, expected: bool) -> None:
    assert names_ci(role_words(name)) is expected
