"""CKAN's actions in the taint analysis (`taint.ckan_actions`)."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.ckan_actions import STORED, action_answer, action_function
from webwarden.analysis.taint.values import CLEAN, Value


def test_the_action_function_of_a_constant_name() -> None:
    given = [(ir.Const("resource_show"), CLEAN)]
    found = action_function("ckan.plugins.toolkit.get_action", given, [])
    assert found is not None
    answer = action_answer(found)
    assert answer is not None
    assert answer.kind == STORED
    assert not answer.whole()


@pytest.mark.parametrize(
    ("name", "given"),
    [
        pytest.param("portal.logic.get_action", ir.Const("resource_show"), id="not-ckan"),
        pytest.param("ckan.logic.get_action", ir.Local("action"), id="name-chosen-at-run-time"),
    ],
)
def test_no_action_function(name: str, given: ir.Expr) -> None:
    assert action_function(name, [(given, CLEAN)], []) is None


def test_an_action_changing_data_is_left_to_the_unknown_call() -> None:
    found = action_function(
        "ckan.logic.get_action", [], [("action", ir.Const("package_update"), CLEAN)]
    )
    assert found is not None
    assert action_answer(found) is None
    assert action_answer(Value(kind="ckan.logic.get_action")) is None
