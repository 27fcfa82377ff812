"""Which files are a CI service's pipeline definition (their job databases and services
are the job's own)."""

from __future__ import annotations

import pytest

from webwarden.analysis.secrets.ci_jobs import is_ci_pipeline


@pytest.mark.parametrize(
    ("relpath", "pipeline"),
    [
        pytest.param(".github/workflows/tests.yml", True, id="github"),
        pytest.param("azure-pipelines.yml", True, id="azure-root"),
        pytest.param("azure-pipelines.yaml", True, id="azure-root-yaml"),
        pytest.param(".azure-pipelines/ci-cd.yml", True, id="azure-folder"),
        pytest.param("deploy/.azure-pipelines/release.yaml", True, id="azure-folder-nested"),
        pytest.param("config/pipelines.yml", False, id="other-yaml"),
    ],
)
def test_is_ci_pipeline(relpath: str, pipeline: bool) -> None:
    assert is_ci_pipeline(relpath) is pipeline
