from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.dispatch import STDLIB_FUNCTION, picked, running_module, stdlib_call
from webwarden.analysis.taint.values import CLEAN, Label, Origin, Trace, Value

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


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        pytest.param(("cls:forms.A", "cls:forms.A"), "cls:forms.A", id="same-kind-kept"),
        pytest.param(("cls:forms.A", "cls:forms.B"), "", id="different-kinds-dropped"),
        pytest.param(("cls:forms.A", ""), "", id="one-unknown-drops-it"),
    ],
)
def test_picked_keeps_a_kind_only_when_every_call_gives_it(
    kinds: tuple[str, ...], expected: str
) -> None:
    # The first value is the lookup's, which gives no kind of its own.
    assert picked([CLEAN, *(Value(kind=kind) for kind in kinds)]).kind == expected


def test_picked_values_of_different_kinds_keep_all_their_data() -> None:
    data = {Label(Origin("source", "q")): Trace(())}
    held = Value(parts={".data": Value(data)}, kind="cls:forms.A")
    found = picked([CLEAN, held, Value(kind="cls:forms.B")])
    assert (found.kind, found.parts, set(found.taint)) == ("", None, set(data))
