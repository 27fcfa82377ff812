"""Modules that are pytest plugins by what they define."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.names import NameResolver
from webwarden.model.pytest_plugins import is_pytest_plugin


def _plugin(source: str) -> bool:
    tree = ast.parse(textwrap.dedent(source))
    return is_pytest_plugin(tree, NameResolver(tree))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import pytest\n@pytest.fixture\ndef app(): ...", id="fixture"),
        pytest.param(
            "import pytest\n@pytest.fixture(scope='session')\ndef app(): ...", id="fixture-call"
        ),
        pytest.param("from pytest import fixture\n@fixture\ndef app(): ...", id="imported"),
        pytest.param(
            "import pytest\n@pytest.yield_fixture\nasync def app(): ...", id="yield-fixture"
        ),
        pytest.param("import pytest\ndef pytest_configure(config): ...", id="hook"),
    ],
)
def test_fixtures_and_hooks_make_a_plugin(source: str) -> None:
    assert _plugin(source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("def fixture(): ...\n@fixture\ndef app(): ...", id="own-decorator"),
        pytest.param("def pytest_configure(config): ...", id="hook-name-without-pytest"),
        pytest.param(
            "import pytest\nclass T:\n    @pytest.fixture\n    def app(self): ...",
            id="method-fixture",
        ),
        pytest.param("import pytest\ndef helper(): ...", id="imports-pytest-only"),
    ],
)
def test_other_modules_are_not(source: str) -> None:
    assert not _plugin(source)
