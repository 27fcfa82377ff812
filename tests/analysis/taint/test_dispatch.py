from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.dispatch import STDLIB_FUNCTION, running_module, stdlib_call
from webwarden.analysis.taint.values import Value

if TYPE_CHECKING:
    from webwarden.analysis.taint.interpret import Interpreter


@pytest.mark.parametrize(
    ("held", "expected"),
    [
        pytest.param(ir.Global("subprocess"), True, id="subprocess"),
        pytest.param(ir.Global("uuid"), True, id="uuid"),
        pytest.param(ir.Global("operator"), False, id="operator-hands-arguments-on"),
        pytest.param(ir.Global("random"), False, id="random-choice-gives-an-item"),
        pytest.param(ir.Global("os.path"), False, id="path-functions-hand-text-on"),
        pytest.param(ir.Global("markdown"), False, id="third-party-module"),
        pytest.param(ir.Local("subprocess"), False, id="local-name"),
    ],
)
def test_running_module(held: ir.Expr, expected: bool) -> None:
    assert running_module(held) is expected


def test_stdlib_call_sees_the_module_behind_a_chosen_lookup() -> None:
    interp = cast("Interpreter", SimpleNamespace(chosen={}))
    interp.chosen["<chosen:3:4>"] = ({}, "getattr()", True)
    interp.chosen["<chosen:5:4>"] = ({}, "getattr()", False)
    assert stdlib_call(interp, Value(kind=STDLIB_FUNCTION))
    assert stdlib_call(interp, Value(kind="<chosen:3:4>"))
    assert not stdlib_call(interp, Value(kind="<chosen:5:4>"))
    assert not stdlib_call(interp, Value(kind="getattr"))
