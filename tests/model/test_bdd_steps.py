"""Modules that hold a BDD suite's steps or hooks by what they define."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.bdd_steps import is_bdd_module
from webwarden.model.names import NameResolver


def _bdd(source: str) -> bool:
    tree = ast.parse(textwrap.dedent(source))
    return is_bdd_module(tree, NameResolver(tree))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from behave import given\n@given('a user')\ndef s(context): ...", id="given"),
        pytest.param("from behave import Then\n@Then('done')\ndef s(context): ...", id="capital"),
        pytest.param("import behave\n@behave.step('x')\nasync def s(context): ...", id="module"),
        pytest.param(
            "from pytest_bdd import when\n@when('I log in')\ndef s(browser): ...", id="pytest-bdd"
        ),
        pytest.param("def before_all(context): ...", id="hook"),
        pytest.param("def after_scenario(context, scenario): ...", id="hook-two-parameters"),
    ],
)
def test_steps_and_hooks_make_a_bdd_module(source: str) -> None:
    assert _bdd(source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("def given(x): ...\n@given('a')\ndef s(): ...", id="own-decorator"),
        pytest.param(
            "from behave import given\nclass T:\n    @given('a')\n    def s(self): ...", id="method"
        ),
        pytest.param("def before_all(flags): ...", id="hook-name-without-context"),
        pytest.param("def before_request(context): ...", id="other-moment"),
        pytest.param("def before_all(): ...", id="no-parameters"),
        pytest.param("from behave import given\ndef helper(): ...", id="imports-behave-only"),
    ],
)
def test_other_modules_are_not(source: str) -> None:
    assert not _bdd(source)
