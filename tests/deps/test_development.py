from __future__ import annotations

import pytest

from webwarden.deps.development import development_only
from webwarden.deps.model import Declaration, Dependency, Kind


def _dependency(path: str, source: str = "requirements", group: str = "") -> Dependency:
    return Dependency("jinja2", Kind.PINNED, Declaration(path), source, "2.10", group=group)


@pytest.mark.parametrize(
    ("path", "development"),
    [
        ("requirements-dev.txt", True),
        ("dev-requirements.txt", True),
        ("requirements_dev.in", True),
        ("requirements/dev.txt", True),
        ("requirements/local.txt", True),
        ("requirements/devel.txt", True),
        ("requirements/readthedocs.txt", True),
        ("requirements-lint.txt", True),
        ("requirements/test-unit.txt", True),
        ("tools/requirements.txt", True),
        ("functest_requirements.txt", True),
        ("unittest_requirements.txt", True),
        (".ci/assets/release_requirements.txt", True),
        (".github/workflows/requirements.txt", True),
        ("requirements.txt", False),
        ("requirements/base.txt", False),
        ("requirements/production.txt", False),
        ("requirements/dev-and-prod.txt", False),
        ("requirements/py3.txt", False),
        ("app/requirements.txt", False),
        ("ci_app/requirements.txt", False),
    ],
)
def test_a_requirements_file_named_for_development(path: str, development: bool) -> None:
    assert development_only(_dependency(path)) is development


@pytest.mark.parametrize(
    ("group", "development"),
    [
        ("dev", True),
        ("dev-packages", True),
        ("develop", True),
        ("docs", True),
        ("lint", True),
        ("test,dev", True),
        ("main,dev", False),
        ("postgres", False),
        ("optional", False),
        ("", False),
    ],
)
def test_a_group_named_for_development(group: str, development: bool) -> None:
    assert development_only(_dependency("pyproject.toml", "pyproject", group)) is development


def test_a_file_name_says_nothing_of_a_pyproject_or_lock() -> None:
    assert not development_only(_dependency("dev/pyproject.toml", "pyproject"))
    assert not development_only(_dependency("requirements-dev.lock", "poetry.lock"))


@pytest.mark.parametrize(
    ("name", "development"),
    [
        pytest.param("black", True, id="formatter"),
        pytest.param("Flake8", True, id="linter"),
        pytest.param("pre_commit", True, id="hook-manager"),
        pytest.param("pytest", True, id="test-runner"),
        pytest.param("pytest-django", False, id="plugin-not-listed"),
        pytest.param("requests", False, id="library"),
    ],
)
def test_a_developer_tool_is_development_only_wherever_declared(
    name: str, development: bool
) -> None:
    dependency = Dependency(name, Kind.PINNED, Declaration("poetry.lock"), "poetry.lock", "1.0")
    assert development_only(dependency) is development
